import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  gettingStartedSchema,
  setupRequestSchema,
  setupResponseSchema,
  setupStatusSchema,
} from '../../contracts/trusts.ts';
import { DEMO_PASSWORD } from '../demo/demo-trust.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn, setSessionCookie } from '../http/sessions.ts';
import { firstRunSetup, gettingStarted, setupNeeded } from './trusts.service.ts';

/** First-run set-up and the getting-started checklist (issue 13). */
export const trustRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/setup',
    {
      schema: {
        tags: ['set-up'],
        summary: 'Whether this installation still waits for its first trust (no account yet)',
        response: { 200: setupStatusSchema },
      },
    },
    async () => ({ needed: await setupNeeded(deps.db) }),
  );

  app.post(
    '/api/setup',
    {
      schema: {
        tags: ['set-up'],
        summary:
          'First-run set-up: make the trust (or single school) and its first administrator. Works only while no account exists.',
        body: setupRequestSchema,
        response: {
          201: setupResponseSchema,
          400: apiErrorSchema,
          409: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      // Used before any session exists; the cross-site checks of every request still apply.
      config: { csrf: false, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { response, cookieValue } = await firstRunSetup(
        { ...deps, demoPassword: DEMO_PASSWORD },
        request.body,
        request.id,
      );
      if (cookieValue) setSessionCookie(reply, deps, cookieValue);
      return reply.status(201).send(response);
    },
  );

  app.get(
    '/api/getting-started',
    {
      schema: {
        tags: ['set-up'],
        summary:
          "The trust administrator's getting-started checklist, each step ticked from the trust's data",
        response: { 200: gettingStartedSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => gettingStarted(deps, requireSignedIn(request)),
  );
};
