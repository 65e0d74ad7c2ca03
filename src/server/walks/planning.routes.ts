import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  alternativesSchema,
  candidateListSchema,
  planInputSchema,
  planningCalendarQuerySchema,
  planningCalendarSchema,
  planResultSchema,
  swapInputSchema,
  visitParamsSchema,
  walkDetailSchema,
  walkParamsSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import * as planning from './planning.service.ts';
import { planningCalendar } from './planning-calendar.service.ts';
import { errors } from './route-errors.ts';

export const planningRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/planning-calendar',
    {
      schema: {
        tags: ['walks'],
        summary:
          'The term to plan walks in: teaching days, closures, walks, observers and teachers near their cap',
        params: schoolParamsSchema,
        querystring: planningCalendarQuerySchema,
        response: { 200: planningCalendarSchema, ...errors },
      },
    },
    async (request) =>
      planningCalendar(deps, requireSignedIn(request), request.params.schoolId, request.query),
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
      planning.candidateLessons(deps, requireSignedIn(request), request.params.walkId),
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
      planning.proposeVisits(deps, requireSignedIn(request), request.params.walkId, request.body),
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
      planning.visitAlternatives(
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
      planning.swapVisit(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.params.visitId,
        request.body.lessonId,
      ),
  );
};
