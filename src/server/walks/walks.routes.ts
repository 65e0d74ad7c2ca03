import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { agreementParamsSchema } from '../../contracts/notices.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  acceptInvitationSchema,
  addVisitsSchema,
  alternativesSchema,
  cancelInputSchema,
  cancelVisitSchema,
  candidateListSchema,
  declinedVisitSchema,
  declineInvitationSchema,
  declineVisitSchema,
  invitationInputSchema,
  invitationListSchema,
  invitationParamsSchema,
  invitationSchema,
  moveVisitSchema,
  myVisitsSchema,
  myWalksSchema,
  observersInputSchema,
  planInputSchema,
  planResultSchema,
  swapInputSchema,
  visitParamsSchema,
  walkDetailSchema,
  walkInputSchema,
  walkListSchema,
  walkParamsSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import * as walks from './walks.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const walkRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/walks',
    {
      schema: {
        tags: ['walks'],
        summary: "A school's walks (school leaders)",
        params: schoolParamsSchema,
        response: { 200: walkListSchema, ...errors },
      },
    },
    async (request) =>
      walks.listSchoolWalks(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/walks',
    {
      schema: {
        tags: ['walks'],
        summary: 'Create a draft walk: date, window, focus and purpose, observers',
        params: schoolParamsSchema,
        body: walkInputSchema,
        response: { 201: walkDetailSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await walks.createWalk(
            deps,
            requireSignedIn(request),
            request.params.schoolId,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/walks/:walkId',
    {
      schema: {
        tags: ['walks'],
        summary: 'A walk with its route of visits and what would stop it being published',
        params: walkParamsSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) => walks.walkDetail(deps, requireSignedIn(request), request.params.walkId),
  );

  app.put(
    '/api/walks/:walkId',
    {
      schema: {
        tags: ['walks'],
        summary: 'Edit a draft walk',
        params: walkParamsSchema,
        body: walkInputSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.updateWalk(deps, requireSignedIn(request), request.params.walkId, request.body),
  );

  app.get(
    '/api/walks/:walkId/lessons',
    {
      schema: {
        tags: ['walks'],
        summary: "The lessons on the walk's day inside its window, to choose visits by hand",
        params: walkParamsSchema,
        response: { 200: candidateListSchema, ...errors },
      },
    },
    async (request) =>
      walks.candidateLessons(deps, requireSignedIn(request), request.params.walkId),
  );

  app.post(
    '/api/walks/:walkId/plan',
    {
      schema: {
        tags: ['walks'],
        summary: 'Ask the planner to propose visits, with reasons (writes nothing)',
        params: walkParamsSchema,
        body: planInputSchema,
        response: { 200: planResultSchema, ...errors },
      },
    },
    async (request) =>
      walks.proposeVisits(deps, requireSignedIn(request), request.params.walkId, request.body),
  );

  app.post(
    '/api/walks/:walkId/visits',
    {
      schema: {
        tags: ['walks'],
        summary: 'Add chosen lessons as visits, or accept a proposal (replace: true)',
        params: walkParamsSchema,
        body: addVisitsSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.addVisits(deps, requireSignedIn(request), request.params.walkId, request.body),
  );

  app.delete(
    '/api/walks/:walkId/visits/:visitId',
    {
      schema: {
        tags: ['walks'],
        summary: 'Remove a visit (cancelled, and kept on record, once the walk is published)',
        params: visitParamsSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.removeVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
      ),
  );

  app.post(
    '/api/walks/:walkId/visits/:visitId/cancel',
    {
      schema: {
        tags: ['walks'],
        summary:
          'Cancel a visit, with a reason for its teacher (on a published walk the teacher and observers are told)',
        params: visitParamsSchema,
        body: cancelVisitSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.removeVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
        request.body.reason,
      ),
  );

  app.post(
    '/api/walks/:walkId/visits/:visitId/move',
    {
      schema: {
        tags: ['walks'],
        summary:
          'Move a visit to a new time on the same day, inside its lesson and the walk’s window, keeping every rule; inside the notice period the teacher must agree',
        params: visitParamsSchema,
        body: moveVisitSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.moveVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
        request.body.startsAt,
      ),
  );

  app.put(
    '/api/walks/:walkId/observers',
    {
      schema: {
        tags: ['walks'],
        summary:
          'Change the observers (also once published: the visited teachers and the observers added or removed are told)',
        params: walkParamsSchema,
        body: observersInputSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.changeObservers(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.body.observerIds,
      ),
  );

  app.post(
    '/api/me/visits/:visitId/decline',
    {
      schema: {
        tags: ['walks'],
        summary:
          'Decline, as the visited teacher, a visit moved or added inside the notice period: the visit is cancelled',
        params: agreementParamsSchema,
        body: declineVisitSchema,
        response: { 200: declinedVisitSchema, ...errors },
      },
    },
    async (request) =>
      walks.declineVisit(deps, requireSignedIn(request), request.params.visitId, request.body.note),
  );

  app.get(
    '/api/walks/:walkId/visits/:visitId/alternatives',
    {
      schema: {
        tags: ['walks'],
        summary: 'Lessons that could take this visit’s place, keeping every rule',
        params: visitParamsSchema,
        response: { 200: alternativesSchema, ...errors },
      },
    },
    async (request) =>
      walks.visitAlternatives(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
      ),
  );

  app.post(
    '/api/walks/:walkId/visits/:visitId/swap',
    {
      schema: {
        tags: ['walks'],
        summary: 'Swap a visit for one of its alternatives',
        params: visitParamsSchema,
        body: swapInputSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.swapVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
        request.body.lessonId,
      ),
  );

  app.post(
    '/api/walks/:walkId/publish',
    {
      schema: {
        tags: ['walks'],
        summary:
          'Publish a walk; refused (422) with the rule, the limit and the case if any rule is broken',
        params: walkParamsSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) => walks.publishWalk(deps, requireSignedIn(request), request.params.walkId),
  );

  app.post(
    '/api/walks/:walkId/cancel',
    {
      schema: {
        tags: ['walks'],
        summary: 'Cancel a walk and its visits',
        params: walkParamsSchema,
        body: cancelInputSchema,
        response: { 200: walkDetailSchema, ...errors },
      },
    },
    async (request) =>
      walks.cancelWalk(deps, requireSignedIn(request), request.params.walkId, request.body.reason),
  );

  app.get(
    '/api/me/visits',
    {
      schema: {
        tags: ['walks'],
        summary: 'My own upcoming visits on published walks (what I have been told)',
        response: { 200: myVisitsSchema, ...errors },
      },
    },
    async (request) => walks.myVisits(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/me/walks',
    {
      schema: {
        tags: ['walks'],
        summary: 'The published walks I observe, from today on',
        response: { 200: myWalksSchema, ...errors },
      },
    },
    async (request) => walks.myWalks(deps, requireSignedIn(request)),
  );

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
      walks.listInvitations(deps, requireSignedIn(request), request.params.schoolId),
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
          await walks.createInvitation(
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
      walks.acceptInvitation(
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
      walks.declineInvitation(
        deps,
        requireSignedIn(request),
        request.params.invitationId,
        request.body.note,
      ),
  );
};
