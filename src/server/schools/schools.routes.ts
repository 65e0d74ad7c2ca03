import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  closureInputSchema,
  closureParamsSchema,
  closureResponseSchema,
  createSchoolSchema,
  personParamsSchema,
  schoolDetailSchema,
  schoolInputSchema,
  schoolListSchema,
  schoolParamsSchema,
  termInputSchema,
  termParamsSchema,
  termResponseSchema,
  timetableSchema,
} from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { doer, requireSignedIn } from '../http/sessions.ts';
import {
  addClosure,
  addTerm,
  createSchool,
  editClosure,
  editSchool,
  editTerm,
  listVisibleSchools,
  personTimetable,
  removeClosure,
  removeTerm,
  schoolDetail,
} from './schools.service.ts';

/** The signed-in person and this request's id, for the audit trail. */

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
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

  // Creating and editing schools and their calendar (trust admins).

  app.post(
    '/api/schools',
    {
      schema: {
        tags: ['schools'],
        summary: 'Create a school (trust admins): name, phase, URN, address, time zone, cycle',
        body: createSchoolSchema,
        response: { 201: schoolDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createSchool(deps, doer(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/schools/:schoolId',
    {
      schema: {
        tags: ['schools'],
        summary: "Edit a school's details (trust admins)",
        params: schoolParamsSchema,
        body: schoolInputSchema,
        response: { 200: schoolDetailSchema, ...errors },
      },
    },
    async (request) => editSchool(deps, doer(request), request.params.schoolId, request.body),
  );

  app.post(
    '/api/schools/:schoolId/terms',
    {
      schema: {
        tags: ['schools'],
        summary: 'Add a term; terms may not overlap (trust admins)',
        params: schoolParamsSchema,
        body: termInputSchema,
        response: { 201: termResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const term = await addTerm(deps, doer(request), request.params.schoolId, request.body);
      return reply.status(201).send(term);
    },
  );

  app.put(
    '/api/schools/:schoolId/terms/:termId',
    {
      schema: {
        tags: ['schools'],
        summary: "Change a term's name or dates (trust admins)",
        params: termParamsSchema,
        body: termInputSchema,
        response: { 200: termResponseSchema, ...errors },
      },
    },
    async (request) =>
      editTerm(deps, doer(request), request.params.schoolId, request.params.termId, request.body),
  );

  app.delete(
    '/api/schools/:schoolId/terms/:termId',
    {
      schema: {
        tags: ['schools'],
        summary: 'Remove a term, if no INSET day, exam week or closure depends on it',
        params: termParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeTerm(deps, doer(request), request.params.schoolId, request.params.termId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/schools/:schoolId/closures',
    {
      schema: {
        tags: ['schools'],
        summary: 'Add a non-teaching day or range: INSET, exams, holiday or closure (trust admins)',
        params: schoolParamsSchema,
        body: closureInputSchema,
        response: { 201: closureResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const closure = await addClosure(deps, doer(request), request.params.schoolId, request.body);
      return reply.status(201).send(closure);
    },
  );

  app.put(
    '/api/schools/:schoolId/closures/:closureId',
    {
      schema: {
        tags: ['schools'],
        summary: 'Change a non-teaching day (trust admins)',
        params: closureParamsSchema,
        body: closureInputSchema,
        response: { 200: closureResponseSchema, ...errors },
      },
    },
    async (request) =>
      editClosure(
        deps,
        doer(request),
        request.params.schoolId,
        request.params.closureId,
        request.body,
      ),
  );

  app.delete(
    '/api/schools/:schoolId/closures/:closureId',
    {
      schema: {
        tags: ['schools'],
        summary: 'Remove a non-teaching day (trust admins)',
        params: closureParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeClosure(deps, doer(request), request.params.schoolId, request.params.closureId);
      return reply.status(204).send(null);
    },
  );
};
