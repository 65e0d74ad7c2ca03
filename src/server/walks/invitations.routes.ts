import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  acceptInvitationSchema,
  declineInvitationSchema,
  invitationInputSchema,
  invitationListSchema,
  invitationParamsSchema,
  invitationSchema,
  walkDetailSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import * as invitations from './invitations.service.ts';
import { errors } from './route-errors.ts';

export const invitationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/invitations',
    {
      schema: {
        tags: ['walks'],
        summary: 'Invitations to walks: all for leaders, my own for a teacher',
        params: schoolParamsSchema,
        response: { 200: invitationListSchema, ...errors },
      },
    },
    async (request) =>
      invitations.listInvitations(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/invitations',
    {
      schema: {
        tags: ['walks'],
        summary: 'Invite a walk into one of my lessons ("come and see this")',
        params: schoolParamsSchema,
        body: invitationInputSchema,
        response: { 201: invitationSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await invitations.createInvitation(
            deps,
            requireSignedIn(request),
            request.params.schoolId,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/invitations/:invitationId/accept',
    {
      schema: {
        tags: ['walks'],
        summary: 'Accept an invitation onto a walk of that day (an invited visit)',
        params: invitationParamsSchema,
        body: acceptInvitationSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      invitations.acceptInvitation(
        deps,
        requireSignedIn(request),
        request.params.invitationId,
        request.body.walkId,
      ),
  );

  app.post(
    '/api/invitations/:invitationId/decline',
    {
      schema: {
        tags: ['walks'],
        summary: 'Decline an invitation, with a note to the teacher',
        params: invitationParamsSchema,
        body: declineInvitationSchema,
        response: { 200: invitationSchema, ...errors },
      },
    },
    async (request) =>
      invitations.declineInvitation(
        deps,
        requireSignedIn(request),
        request.params.invitationId,
        request.body.note,
      ),
  );
};
