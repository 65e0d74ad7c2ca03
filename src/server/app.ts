import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { actionRoutes } from './actions/actions.routes.ts';
import { auditLogRoutes } from './audit-log/audit-log.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { mfaRoutes } from './auth/mfa.routes.ts';
import { registerMfaEnrolmentGate } from './auth/mfa-enrolment-gate.ts';
import { securityRoutes } from './auth/security.routes.ts';
import { calendarFeedRoutes } from './calendar-feeds/feeds.routes.ts';
import { calibrationRoutes } from './calibration/calibration.routes.ts';
import { concernRoutes } from './concerns/concerns.routes.ts';
import type { Config } from './config.ts';
import { retentionRoutes } from './data-protection/retention.routes.ts';
import { subjectAccessRoutes } from './data-protection/subject-access.routes.ts';
import { trustEndRoutes } from './data-protection/trust-end.routes.ts';
import type { Database } from './db/connect.ts';
import { debriefRoutes } from './debriefs/debriefs.routes.ts';
import { feedbackRoutes } from './feedback/feedback.routes.ts';
import { frameworkRoutes } from './frameworks/frameworks.routes.ts';
import type { EarlyServer } from './health/early-server.ts';
import { healthRoutes } from './health/health.routes.ts';
import { type Lifecycle, newLifecycle } from './health/lifecycle.ts';
import { metricsRoutes, registerRequestMetrics } from './health/metrics.routes.ts';
import { homeRoutes } from './home/home.routes.ts';
import type { AppDeps } from './http/context.ts';
import { registerControlCharacterGuard } from './http/control-characters.ts';
import { loggableError } from './http/database-errors.ts';
import { answerClientError, registerErrorHandling } from './http/errors.ts';
import { readPageShells } from './http/page-shells.ts';
import { QuietRequestLogs } from './http/request-logging.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { serverRenderer } from './http/server-render.ts';
import { registerSessions } from './http/sessions.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { insightsRoutes } from './insights/insights.routes.ts';
import { type CredentialConsole, createTransport, printCredentialMail } from './mail/mailer.ts';
import { moderationRoutes } from './moderation/moderation.routes.ts';
import { noticeRoutes } from './notices/notices.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { peerObserverRoutes } from './peer-walks/peer-observers.routes.ts';
import { reflectionRoutes } from './peer-walks/reflections.routes.ts';
import { staffInvitationRoutes } from './people/invitations.routes.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { practiceRoutes } from './practice/practice.routes.ts';
import { programmeRoutes } from './programmes/programmes.routes.ts';
import { protocolReportRoutes } from './protocol-report/report.routes.ts';
import { recordRoutes } from './records/records.routes.ts';
import { responseRoutes } from './responses/responses.routes.ts';
import { reviewRoutes } from './reviews/reviews.routes.ts';
import { roomRoutes } from './rooms/rooms.routes.ts';
import { schoolRoutes } from './schools/schools.routes.ts';
import { selfEvaluationRoutes } from './self-evaluation/self-evaluation.routes.ts';
import { singleSignOnRoutes } from './single-sign-on/sso.routes.ts';
import { siteWalkRoutes } from './site-walks/site-walks.routes.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { timetableRoutes } from './timetable/timetable.routes.ts';
import { trainingRoutes } from './training/training.routes.ts';
import { trustRoutes } from './trusts/trusts.routes.ts';
import { visitingRoutes } from './visiting/visiting.routes.ts';
import { invitationRoutes } from './walks/invitations.routes.ts';
import { planningRoutes } from './walks/planning.routes.ts';
import { visitRoutes } from './walks/visits.routes.ts';
import { walkEditingRoutes } from './walks/walk-editing.routes.ts';
import { walkReadingRoutes } from './walks/walk-reading.routes.ts';

export type BuildOptions = {
  config: Config;
  database: Database;
  now?: () => Date;
  /** Serve the built web app from config.webRoot (off in API tests). */
  serveWeb?: boolean;
  /** Where log lines go (stdout by default); tests read them. */
  logStream?: { write(line: string): void };
  /** Where sign-in links go with no SMTP server (the console by default); tests read them. */
  credentialConsole?: CredentialConsole;
  /** Set draining on SIGTERM (main.ts): /api/ready then answers 503. */
  lifecycle?: Lifecycle;
  /** The server already listening (main.ts): the app takes it over instead of listening itself. */
  server?: EarlyServer;
};

export async function buildApp({
  config,
  database,
  now = () => new Date(),
  serveWeb = true,
  logStream,
  credentialConsole = printCredentialMail,
  lifecycle = newLifecycle(),
  server,
}: BuildOptions) {
  const app = Fastify({
    ...(server
      ? {
          serverFactory: (handler: Parameters<EarlyServer['take']>[0]) => {
            server.take(handler);
            return server.server;
          },
        }
      : {}),
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // A database error carries the statement's parameters (PGlite) and the row's values in its
      // detail (both backends): personal data that must not reach a log.
      serializers: { err: loggableError },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Behind a reverse proxy, which proxies' X-Forwarded-For and -Proto to believe (TRUST_PROXY,
    // docs/deploy.md): request.ip, and so every per-address sign-in limit, depends on it.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (() => {
            const hops = config.trustProxy;
            return (_address: string, hop: number) => hop < hops;
          })()
        : config.trustProxy,
    bodyLimit: 1_048_576,
    // Per-request lines at debug, errors and slow requests at info (http/request-logging.ts).
    logController: new QuietRequestLogs(),
    // A request Node's parser refuses (headers or address too long, malformed) still gets the
    // API's error shape, with a code and a sentence.
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a form or text/plain post (the shapes a cross-site page can send without CORS) gets 415.
  app.removeContentTypeParser('text/plain');

  const transport = createTransport(config);
  const deps: AppDeps = {
    db: database.db,
    backend: database.backend,
    config,
    now,
    transport,
    credentialConsole,
  };
  app.addHook('onClose', async () => transport?.close());

  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerRequestMetrics(app);
  // JSON answers above a packet's size go compressed; the web app's files are compressed once,
  // at build time (build/precompress.ts), and sent as they are.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // JSON, and the pages the server renders (src/server/http/server-render.ts).
    customTypes: /^(application\/json|text\/html)/,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Learning Walks API',
        version: '0.1.0',
        description:
          'Every route validates its input with Zod; errors are { error: { code, message, details } }. ' +
          'State changes need the session cookie and the x-csrf-token header from GET /api/me.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerSessions(app, deps);
  // Issue 13: after the session is known, a session held at "enrol in MFA first" goes no further.
  registerMfaEnrolmentGate(app);
  registerControlCharacterGuard(app);
  await app.register(healthRoutes, { ...deps, lifecycle });
  await app.register(metricsRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(schoolRoutes, deps);
  await app.register(staffRoutes, deps);
  await app.register(roomRoutes, deps);
  await app.register(timetableRoutes, deps);
  await app.register(importRoutes, deps);
  await app.register(frameworkRoutes, deps);
  await app.register(outboxRoutes, deps);
  await app.register(staffInvitationRoutes, deps);
  await app.register(recordRoutes, deps);
  await app.register(noticeRoutes, deps);
  await app.register(calendarFeedRoutes, deps);
  await app.register(protocolReportRoutes, deps);
  await app.register(programmeRoutes, deps);
  await app.register(walkReadingRoutes, deps);
  await app.register(walkEditingRoutes, deps);
  await app.register(visitRoutes, deps);
  await app.register(planningRoutes, deps);
  await app.register(invitationRoutes, deps);
  await app.register(responseRoutes, deps);
  await app.register(debriefRoutes, deps);
  await app.register(actionRoutes, deps);
  await app.register(insightsRoutes, deps);
  await app.register(reviewRoutes, deps);
  await app.register(concernRoutes, deps);
  await app.register(selfEvaluationRoutes, deps);
  await app.register(feedbackRoutes, deps);
  await app.register(practiceRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(trustRoutes, deps);
  await app.register(homeRoutes, deps);
  await app.register(mfaRoutes, deps);
  await app.register(securityRoutes, deps);
  await app.register(singleSignOnRoutes, deps);
  await app.register(siteWalkRoutes, deps);
  await app.register(visitingRoutes, deps);
  await app.register(calibrationRoutes, deps);
  await app.register(trainingRoutes, deps);
  await app.register(retentionRoutes, deps);
  await app.register(subjectAccessRoutes, deps);
  await app.register(trustEndRoutes, deps);
  await app.register(auditLogRoutes, deps);
  await app.register(moderationRoutes, deps);
  await app.register(peerObserverRoutes, deps);
  await app.register(reflectionRoutes, deps);

  if (serveWeb && existsSync(config.webRoot)) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      // Hashed file names change with their content: cache them for a year. Everything else
      // (index.html, the service worker, the manifest) is checked with the server each time.
      setHeaders: (reply: { header(name: string, value: string): unknown }, filePath: string) => {
        reply.header(
          'cache-control',
          filePath.includes(`${sep}assets${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    // The pages with their own copy of index.html (build/prerender.ts): sign-in with its form
    // in the HTML, capture and the dashboards asking for their code and data with it (issue 22).
    // Capture is rendered on the server for a signed-in request: its walks arrive as HTML.
    const shells = readPageShells(config.webRoot);
    const renderer = serverRenderer(config.webRoot, app.log);
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const template = shells.templateFor(request.url);
      const rendered = template ? await renderer.render(app, request, template.html) : null;
      if (template && rendered) {
        // One person's page, with their session's form token: never stored on the way.
        if (template.policy) reply.header('content-security-policy', template.policy);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .send(rendered);
      }
      const shell = shells.htmlFor(request.url);
      if (shell) {
        if (shell.policy) reply.header('content-security-policy', shell.policy);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(shell.html);
      }
      if (request.url.startsWith('/api/')) {
        return reply.status(404).send({
          error: {
            code: 'not_found',
            message: `There is nothing at GET ${request.url.split('?')[0]}.`,
          },
        });
      }
      return reply.sendFile('index.html');
    });
  }

  return app;
}
