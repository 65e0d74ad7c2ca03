import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { invitationRequestSchema, invitationResponseSchema } from '../../contracts/mail.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { invite } from './invitations.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

export const staffInvitationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/invitations',
    {
      schema: {
        tags: ['mail'],
        summary:
          'Invite someone by email: adds their roles and mails a single-use sign-in link (valid 7 days)',
        body: invitationRequestSchema,
        response: { 201: invitationResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await invite(
        deps,
        requireSignedIn(request),
        request.body,
        request.id,
        request.log,
      );
      return reply.status(201).send(result);
    },
  );
};
