import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { subjectAccessExportSchema } from '../../contracts/data-protection.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { withProgress } from './progress-stream.ts';
import { subjectAccessExport } from './subject-access.service.ts';

/** Issue 17: a subject-access export for one person (trust admins), with progress. */
export const subjectAccessRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/people/:personId/subject-access',
    {
      schema: {
        tags: ['data protection'],
        summary:
          'Everything the trust holds about one person, as a zip of JSON with a readable PDF (Accept: application/x-ndjson for progress)',
        params: z.object({ personId: z.uuid() }),
        response: {
          200: subjectAccessExportSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
        },
      },
    },
    (request, reply) =>
      withProgress(request, reply, (progress) =>
        subjectAccessExport(
          deps,
          requireSignedIn(request),
          request.params.personId,
          request.id,
          progress,
        ),
      ),
  );
};
