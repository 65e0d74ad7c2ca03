import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  addPeerObserverSchema,
  peerObserversSchema,
  peerParamsSchema,
  schoolParamsSchema,
} from '../../contracts/peer-walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { addPeerObserver, peerObservers, removePeerObserver } from './peer-observers.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['peer walks'];

export const peerObserverRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/peer-observers',
    {
      schema: {
        tags,
        summary: 'The teachers this school chose as peer observers, and who could be added',
        params: schoolParamsSchema,
        response: { 200: peerObserversSchema, ...errors },
      },
    },
    async (request) => peerObservers(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/peer-observers',
    {
      schema: {
        tags,
        summary: 'Add a teacher to the school’s peer observers',
        params: schoolParamsSchema,
        body: addPeerObserverSchema,
        response: { 200: peerObserversSchema, ...changeErrors },
      },
    },
    async (request) =>
      addPeerObserver(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body.personId,
      ),
  );

  app.delete(
    '/api/schools/:schoolId/peer-observers/:personId',
    {
      schema: {
        tags,
        summary: 'Take a teacher off the school’s peer observers (walks already planned keep them)',
        params: peerParamsSchema,
        response: { 200: peerObserversSchema, ...changeErrors },
      },
    },
    async (request) =>
      removePeerObserver(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.personId,
      ),
  );
};
