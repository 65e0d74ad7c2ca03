import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  applyResultSchema,
  type ImportProgressLine,
  importParamsSchema,
  importRequestSchema,
  previewSchema,
  sampleParamsSchema,
  sampleQuerySchema,
  sampleTableSchema,
} from '../../contracts/imports.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { applyImport, type ProgressReport, previewImport, sampleFile } from './imports.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  413: apiErrorSchema,
  422: apiErrorSchema,
};

/** The upload is base64 in JSON (the app refuses non-JSON bodies, against cross-site posts). */
const UPLOAD_BODY_LIMIT = 21 * 1024 * 1024;

const wantsStream = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('application/x-ndjson');

/**
 * With `Accept: application/x-ndjson` the answer is a stream of lines: progress as the
 * server reads, checks, compares and writes, then one `result` line holding the status
 * and body the plain JSON answer would have had. Without it, a plain JSON answer.
 */
async function respond<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (progress: ProgressReport) => Promise<T>,
): Promise<T> {
  if (!wantsStream(request)) return run(() => {});
  const stream = new PassThrough();
  const send = (line: ImportProgressLine) => stream.write(`${JSON.stringify(line)}\n`);
  // Let the line reach the socket before the next step: PGlite's work runs as microtasks
  // on this thread and would otherwise hold every line back until the end.
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  reply.header('content-type', 'application/x-ndjson; charset=utf-8');
  reply.send(stream);
  try {
    const body = await run(async (phase, message, done, total) => {
      send({ type: 'progress', phase, message, done, total });
      await flush();
    });
    send({ type: 'result', status: 200, body });
  } catch (error) {
    if (error instanceof AppError) {
      send({
        type: 'result',
        status: error.statusCode,
        body: {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          },
        },
      });
    } else {
      request.log.error({ err: error }, 'import failed');
      send({
        type: 'result',
        status: 500,
        body: {
          error: {
            code: 'internal_error',
            message:
              'Something went wrong on our side and nothing was imported. Try again; if it keeps happening, tell your administrator.',
          },
        },
      });
    }
  }
  stream.end();
  // The answer went out as the stream; Fastify takes the reply itself as "already sent".
  return reply as unknown as T;
}

export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/schools/:schoolId/imports/:kind/preview',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Check a CSV or XLSX file of staff, rooms or lessons and say what it would change (writes nothing)',
        params: importParamsSchema,
        body: importRequestSchema,
        response: { 200: previewSchema, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, (progress) =>
        previewImport(
          deps,
          requireSignedIn(request),
          request.params.schoolId,
          request.params.kind,
          request.body,
          progress,
        ),
      ),
  );

  app.post(
    '/api/schools/:schoolId/imports/:kind/apply',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Apply a CSV or XLSX import: all or nothing, re-checked; removals need confirmRemovals',
        params: importParamsSchema,
        body: importRequestSchema,
        response: { 200: applyResultSchema, ...errors },
      },
    },
    (request, reply) =>
      respond(request, reply, (progress) =>
        applyImport(
          deps,
          requireSignedIn(request),
          request.params.schoolId,
          request.params.kind,
          request.body,
          progress,
          { id: request.id },
        ),
      ),
  );

  app.get(
    '/api/schools/:schoolId/imports/:kind/sample',
    {
      schema: {
        tags: ['imports'],
        summary: "A sample file (the demo school's data) in CSV or XLSX",
        params: sampleParamsSchema,
        querystring: sampleQuerySchema,
        response: { 200: sampleTableSchema.or(z.any()), ...errors },
      },
    },
    async (request, reply) => {
      const file = await sampleFile(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.kind,
        request.query.format,
      );
      if ('json' in file) return reply.send(file.json);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.bytes);
    },
  );
};
