import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { outboxQuerySchema, outboxSchema } from '../../contracts/mail.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { readOutbox } from './outbox.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

export const outboxRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['mail'],
        summary:
          'The mail outbox, newest first (trust admins: the whole trust; school leaders: mail to their staff)',
        querystring: outboxQuerySchema,
        response: { 200: outboxSchema, ...errors },
      },
    },
    async (request) => readOutbox(deps, requireSignedIn(request), request.query),
  );
};
