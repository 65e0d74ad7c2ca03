import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { securitySettingsRequestSchema, securitySettingsSchema } from '../../contracts/security.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { resetMfa, saveSecurity, securitySettings } from './security.service.ts';

/** Issue 13: the trust's sign-in security (trust admins): require MFA, reset a person's MFA. */
export const securityRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/trust/security',
    {
      schema: {
        tags: ['security'],
        summary:
          'The trust’s sign-in security: whether MFA is required of admins and leaders, who has it on',
        response: { 200: securitySettingsSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => securitySettings(deps, requireSignedIn(request)),
  );

  app.put(
    '/api/trust/security',
    {
      schema: {
        tags: ['security'],
        summary: 'Require (or stop requiring) two-step sign-in of admins and leaders',
        body: securitySettingsRequestSchema,
        response: {
          200: securitySettingsSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
        },
      },
    },
    async (request) =>
      saveSecurity(deps, requireSignedIn(request), request.body.mfaRequiredForLeaders, request.id),
  );

  app.post(
    '/api/people/:personId/mfa/reset',
    {
      schema: {
        tags: ['security'],
        summary: 'Reset a person’s two-step sign-in (a lost device): they set it up again',
        params: z.object({ personId: z.uuid() }),
        response: {
          200: securitySettingsSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (request) =>
      resetMfa(deps, requireSignedIn(request), request.params.personId, request.id),
  );
};
