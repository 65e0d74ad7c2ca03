import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  staffInputSchema,
  staffListQuerySchema,
  staffMemberResponseSchema,
  staffPageSchema,
  staffParamsSchema,
} from '../../contracts/staff.ts';
import type { AppDeps } from '../http/context.ts';
import { doer } from '../http/sessions.ts';
import { addStaff, editStaff, listStaff, removeStaff } from './staff.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const staffRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['staff'],
        summary:
          "The school's staff with roles, departments, staff code and coach; search ?q= (name, email, code), paged",
        params: schoolParamsSchema,
        querystring: staffListQuerySchema,
        response: { 200: staffPageSchema, ...errors },
      },
    },
    async (request) => listStaff(deps, doer(request), request.params.schoolId, request.query),
  );

  app.post(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Add a member of staff (school leaders and trust admins)',
        params: schoolParamsSchema,
        body: staffInputSchema,
        response: { 201: staffMemberResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const added = await addStaff(deps, doer(request), request.params.schoolId, request.body);
      return reply.status(201).send(added);
    },
  );

  app.put(
    '/api/schools/:schoolId/staff/:personId',
    {
      schema: {
        tags: ['staff'],
        summary: 'Edit a member of staff: name, email, title, roles here, departments, code, coach',
        params: staffParamsSchema,
        body: staffInputSchema,
        response: { 200: staffMemberResponseSchema, ...errors },
      },
    },
    async (request) =>
      editStaff(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.personId,
        request.body,
      ),
  );

  app.delete(
    '/api/schools/:schoolId/staff/:personId',
    {
      schema: {
        tags: ['staff'],
        summary:
          'Take someone off the staff of this school (refused while they teach lessons here)',
        params: staffParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeStaff(deps, doer(request), request.params.schoolId, request.params.personId);
      return reply.status(204).send(null);
    },
  );
};
