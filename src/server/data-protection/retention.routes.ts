import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { retentionSchema, retentionSettingsSchema } from '../../contracts/data-protection.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { retentionFor, saveRetention } from './retention.service.ts';

/** Issue 17: how long the trust keeps each kind of data (trust admins). */
export const retentionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/trust/retention',
    {
      schema: {
        tags: ['data protection'],
        summary:
          'How long the trust keeps each kind of data, the defaults and safe bounds, and the latest nightly runs',
        response: { 200: retentionSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => retentionFor(deps, requireSignedIn(request)),
  );

  app.put(
    '/api/trust/retention',
    {
      schema: {
        tags: ['data protection'],
        summary: 'Change how long the trust keeps each kind of data, within the safe bounds',
        body: retentionSettingsSchema,
        response: {
          200: retentionSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          422: apiErrorSchema,
        },
      },
    },
    async (request) => saveRetention(deps, requireSignedIn(request), request.body, request.id),
  );
};
