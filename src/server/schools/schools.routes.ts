import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  personParamsSchema,
  roomListSchema,
  schoolDetailSchema,
  schoolListSchema,
  schoolParamsSchema,
  staffListSchema,
  timetableSchema,
} from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  listVisibleSchools,
  personTimetable,
  schoolDetail,
  schoolRooms,
  schoolStaff,
} from './schools.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

export const schoolRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools',
    {
      schema: {
        tags: ['schools'],
        summary: 'The schools this person may open, with their size',
        response: { 200: schoolListSchema, ...errors },
      },
    },
    async (request) => ({ schools: await listVisibleSchools(deps, requireSignedIn(request)) }),
  );

  app.get(
    '/api/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: 'One school: departments, year groups and the school day',
        params: schoolParamsSchema,
        response: { 200: schoolDetailSchema, ...errors },
      },
    },
    async (request) => schoolDetail(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.get(
    '/api/schools/:schoolId/staff',
    {
      schema: {
        tags: ['schools'],
        summary: 'The staff of a school and their roles (school leaders and trust admins)',
        params: schoolParamsSchema,
        response: { 200: staffListSchema, ...errors },
      },
    },
    async (request) => ({
      staff: await schoolStaff(deps, requireSignedIn(request), request.params.schoolId),
    }),
  );

  app.get(
    '/api/schools/:schoolId/rooms',
    {
      schema: {
        tags: ['schools'],
        summary: 'The rooms of a school by building and floor',
        params: schoolParamsSchema,
        response: { 200: roomListSchema, ...errors },
      },
    },
    async (request) => ({
      rooms: await schoolRooms(deps, requireSignedIn(request), request.params.schoolId),
    }),
  );

  app.get(
    '/api/schools/:schoolId/people/:personId/timetable',
    {
      schema: {
        tags: ['schools'],
        summary: "A member of staff's teaching timetable (their own, or any for school leaders)",
        params: personParamsSchema,
        response: { 200: timetableSchema, ...errors },
      },
    },
    async (request) =>
      personTimetable(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.params.personId,
      ),
  );
};
