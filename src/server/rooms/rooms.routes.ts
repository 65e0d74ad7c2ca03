import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  roomInputSchema,
  roomListQuerySchema,
  roomPageSchema,
  roomParamsSchema,
  roomResponseSchema,
} from '../../contracts/rooms.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { doer } from '../http/sessions.ts';
import { addRoom, editRoom, listRooms, removeRoom } from './rooms.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const roomRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/rooms',
    {
      schema: {
        tags: ['rooms'],
        summary:
          'The rooms of a school by building and floor; search ?q= (room or building), paged',
        params: schoolParamsSchema,
        querystring: roomListQuerySchema,
        response: { 200: roomPageSchema, ...errors },
      },
    },
    async (request) => listRooms(deps, doer(request), request.params.schoolId, request.query),
  );

  app.post(
    '/api/schools/:schoolId/rooms',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Add a room (school leaders and trust admins)',
        params: schoolParamsSchema,
        body: roomInputSchema,
        response: { 201: roomResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const added = await addRoom(deps, doer(request), request.params.schoolId, request.body);
      return reply.status(201).send(added);
    },
  );

  app.put(
    '/api/schools/:schoolId/rooms/:roomId',
    {
      schema: {
        tags: ['rooms'],
        summary: "Change a room's name, building or floor",
        params: roomParamsSchema,
        body: roomInputSchema,
        response: { 200: roomResponseSchema, ...errors },
      },
    },
    async (request) =>
      editRoom(deps, doer(request), request.params.schoolId, request.params.roomId, request.body),
  );

  app.delete(
    '/api/schools/:schoolId/rooms/:roomId',
    {
      schema: {
        tags: ['rooms'],
        summary: 'Remove a room (refused while lessons use it)',
        params: roomParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeRoom(deps, doer(request), request.params.schoolId, request.params.roomId);
      return reply.status(204).send(null);
    },
  );
};
