import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agreementParamsSchema } from '../../contracts/notices.ts';
import {
  addVisitsSchema,
  cancelVisitSchema,
  declinedVisitSchema,
  declineVisitSchema,
  moveVisitSchema,
  myVisitsSchema,
  visitParamsSchema,
  walkDetailSchema,
  walkParamsSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';

import { errors } from './route-errors.ts';
import * as visits from './visits.service.ts';

export const visitRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
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
      visits.addVisits(deps, requireSignedIn(request), request.params.walkId, request.body),
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
      visits.removeVisit(
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
      visits.removeVisit(
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
      visits.moveVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
        request.body.startsAt,
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
      visits.declineVisit(
        deps,
        requireSignedIn(request),
        request.params.visitId,
        request.body.note,
      ),
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
    async (request) => visits.myVisits(deps, requireSignedIn(request)),
  );
};
