import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { homeDueSchema } from '../../contracts/home.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { homeDue } from './home.service.ts';

export const homeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/home/due',
    {
      schema: {
        tags: ['home'],
        summary:
          "What needs me now: a school's leaders, a teacher, an observer, a trust leader's items, each with where it is done",
        response: { 200: homeDueSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => homeDue(deps, requireSignedIn(request)),
  );
};
