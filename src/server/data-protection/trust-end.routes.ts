import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  trustDeletionRequestSchema,
  trustDeletionSchema,
  trustExportSchema,
} from '../../contracts/data-protection.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { withProgress } from './progress-stream.ts';
import { deleteOwnTrust, trustExport } from './trust-end.service.ts';

/** Issue 17, end of contract: the trust's export and its verified deletion (trust admins). */
export const trustEndRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/trust/export',
    {
      schema: {
        tags: ['data protection'],
        summary:
          'All the trust’s data as a zip of JSON and CSV, one file per table (Accept: application/x-ndjson for progress)',
        response: { 200: trustExportSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    (request, reply) =>
      withProgress(request, reply, (progress) =>
        trustExport(deps, requireSignedIn(request), request.id, progress),
      ),
  );

  app.post(
    '/api/trust/delete',
    {
      schema: {
        tags: ['data protection'],
        summary:
          'Delete the trust and every row of its data, confirmed by its short name; checked table by table afterwards',
        body: trustDeletionRequestSchema,
        response: {
          200: trustDeletionSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          422: apiErrorSchema,
        },
      },
    },
    async (request) =>
      deleteOwnTrust(deps, requireSignedIn(request), request.body.confirm, request.id),
  );
};
