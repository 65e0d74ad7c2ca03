import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import {
  cycleInputSchema,
  departmentInputSchema,
  departmentParamsSchema,
  departmentSchema,
  lessonInputSchema,
  lessonListQuerySchema,
  lessonPageSchema,
  lessonParamsSchema,
  lessonResponseSchema,
  periodInputSchema,
  periodParamsSchema,
  periodSchema,
  yearGroupInputSchema,
  yearGroupParamsSchema,
  yearGroupSchema,
} from '../../contracts/timetable.ts';
import type { AppDeps } from '../http/context.ts';
import { doer } from '../http/sessions.ts';
import * as service from './timetable.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

const noContent = { 204: z.null(), ...errors };
const dayResponse = z.object({ id: z.uuid(), periods: z.array(periodSchema) });

export const timetableRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // Departments (subjects).
  app.post(
    '/api/schools/:schoolId/departments',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Add a department or subject (school leaders and trust admins)',
        params: schoolParamsSchema,
        body: departmentInputSchema,
        response: { 201: z.object({ department: departmentSchema }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addDepartment(deps, doer(request), request.params.schoolId, request.body),
        ),
  );
  app.put(
    '/api/schools/:schoolId/departments/:departmentId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Rename a department',
        params: departmentParamsSchema,
        body: departmentInputSchema,
        response: { 200: z.object({ department: departmentSchema }), ...errors },
      },
    },
    async (request) =>
      service.renameDepartment(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.departmentId,
        request.body,
      ),
  );
  app.delete(
    '/api/schools/:schoolId/departments/:departmentId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Remove a department (refused while lessons use it)',
        params: departmentParamsSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await service.removeDepartment(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.departmentId,
      );
      return reply.status(204).send(null);
    },
  );

  // Year groups.
  app.post(
    '/api/schools/:schoolId/year-groups',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Add a year group, after the others',
        params: schoolParamsSchema,
        body: yearGroupInputSchema,
        response: { 201: z.object({ yearGroup: yearGroupSchema }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addYearGroup(deps, doer(request), request.params.schoolId, request.body),
        ),
  );
  app.put(
    '/api/schools/:schoolId/year-groups/:yearGroupId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Rename a year group',
        params: yearGroupParamsSchema,
        body: yearGroupInputSchema,
        response: { 200: z.object({ yearGroup: yearGroupSchema }), ...errors },
      },
    },
    async (request) =>
      service.renameYearGroup(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.yearGroupId,
        request.body,
      ),
  );
  app.delete(
    '/api/schools/:schoolId/year-groups/:yearGroupId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Remove a year group (refused while lessons use it)',
        params: yearGroupParamsSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await service.removeYearGroup(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.yearGroupId,
      );
      return reply.status(204).send(null);
    },
  );

  // The school day and the cycle.
  app.post(
    '/api/schools/:schoolId/periods',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Add a period to the school day; periods may not overlap',
        params: schoolParamsSchema,
        body: periodInputSchema,
        response: { 201: dayResponse, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addPeriod(deps, doer(request), request.params.schoolId, request.body)),
  );
  app.put(
    '/api/schools/:schoolId/periods/:periodId',
    {
      schema: {
        tags: ['timetable'],
        summary: "Change a period's name or times",
        params: periodParamsSchema,
        body: periodInputSchema,
        response: { 200: dayResponse, ...errors },
      },
    },
    async (request) =>
      service.editPeriod(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.periodId,
        request.body,
      ),
  );
  app.delete(
    '/api/schools/:schoolId/periods/:periodId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Remove a period (refused while lessons use it)',
        params: periodParamsSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await service.removePeriod(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.periodId,
      );
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/schools/:schoolId/cycle',
    {
      schema: {
        tags: ['timetable'],
        summary: 'A one-week or two-week (week A / week B) timetable',
        params: schoolParamsSchema,
        body: cycleInputSchema,
        response: { 200: z.object({ cycleWeeks: z.number().int() }), ...errors },
      },
    },
    async (request) =>
      service.setCycle(deps, doer(request), request.params.schoolId, request.body.cycleWeeks),
  );

  // Lessons.
  app.get(
    '/api/schools/:schoolId/lessons',
    {
      schema: {
        tags: ['timetable'],
        summary:
          "The school's lessons: search ?q= (class code, subject, year group, room, teacher), filter by teacherId, roomId, weekday, cycleWeek; paged",
        params: schoolParamsSchema,
        querystring: lessonListQuerySchema,
        response: { 200: lessonPageSchema, ...errors },
      },
    },
    async (request) =>
      service.listLessons(deps, doer(request), request.params.schoolId, request.query),
  );
  app.post(
    '/api/schools/:schoolId/lessons',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Add a lesson; a teacher, room or class already busy in that slot is refused',
        params: schoolParamsSchema,
        body: lessonInputSchema,
        response: { 201: lessonResponseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addLesson(deps, doer(request), request.params.schoolId, request.body)),
  );
  app.put(
    '/api/schools/:schoolId/lessons/:lessonId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Change a lesson (same clash checks)',
        params: lessonParamsSchema,
        body: lessonInputSchema,
        response: { 200: lessonResponseSchema, ...errors },
      },
    },
    async (request) =>
      service.editLesson(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.lessonId,
        request.body,
      ),
  );
  app.delete(
    '/api/schools/:schoolId/lessons/:lessonId',
    {
      schema: {
        tags: ['timetable'],
        summary: 'Remove a lesson from the timetable',
        params: lessonParamsSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await service.removeLesson(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.lessonId,
      );
      return reply.status(204).send(null);
    },
  );
};
