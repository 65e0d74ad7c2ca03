import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  cancelInputSchema,
  observersInputSchema,
  walkDetailSchema,
  walkInputSchema,
  walkParamsSchema,
} from '../../contracts/walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';

import { errors } from './route-errors.ts';
import * as editing from './walk-editing.service.ts';

export const walkEditingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
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
          await editing.createWalk(
            deps,
            requireSignedIn(request),
            request.params.schoolId,
            request.body,
          ),
        ),
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
      editing.updateWalk(deps, requireSignedIn(request), request.params.walkId, request.body),
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
      editing.changeObservers(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.body.observerIds,
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
    async (request) => editing.publishWalk(deps, requireSignedIn(request), request.params.walkId),
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
      editing.cancelWalk(
        deps,
        requireSignedIn(request),
        request.params.walkId,
        request.body.reason,
      ),
  );
};
