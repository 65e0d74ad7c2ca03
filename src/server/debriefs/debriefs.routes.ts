import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDebriefSchema,
  debriefDetailSchema,
  debriefListSchema,
  debriefParamsSchema,
  schoolParamsSchema,
  staffSummaryListSchema,
  staffSummarySchema,
  summaryInputSchema,
  updateDebriefSchema,
} from '../../contracts/debriefs.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  createDebrief,
  debriefDetail,
  listDebriefs,
  listStaffSummaries,
  publishStaffSummary,
  saveStaffSummary,
  staffSummary,
  updateDebrief,
} from './debriefs.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };

export const debriefRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/debriefs',
    {
      schema: {
        tags: ['debriefs'],
        summary: 'A school’s debriefs, and (for leaders) the walks that can be debriefed',
        params: schoolParamsSchema,
        response: { 200: debriefListSchema, ...errors },
      },
    },
    async (request) => listDebriefs(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/debriefs',
    {
      schema: {
        tags: ['debriefs'],
        summary:
          'Open a debrief for one walk or several on one focus; the walks’ observers are invited',
        params: schoolParamsSchema,
        body: createDebriefSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await createDebrief(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/debriefs/:debriefId',
    {
      schema: {
        tags: ['debriefs'],
        summary:
          'A debrief with its pack (aggregated, small groups hidden, no names), outcomes, next steps and their actions; the earlier picture for a follow-up walk',
        params: debriefParamsSchema,
        response: { 200: debriefDetailSchema, ...errors },
      },
    },
    async (request) => debriefDetail(deps, requireSignedIn(request), request.params.debriefId),
  );

  app.put(
    '/api/debriefs/:debriefId',
    {
      schema: {
        tags: ['debriefs'],
        summary:
          'Record the debrief: participants (new ones are invited), discussion, strengths, areas to develop, agreed next steps',
        params: debriefParamsSchema,
        body: updateDebriefSchema,
        response: { 200: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request) =>
      updateDebrief(deps, requireSignedIn(request), request.params.debriefId, request.body),
  );

  app.put(
    '/api/debriefs/:debriefId/staff-summary',
    {
      schema: {
        tags: ['debriefs'],
        summary: 'Save the staff summary (whole-group feedback, no one named)',
        params: debriefParamsSchema,
        body: summaryInputSchema,
        response: { 200: z.object({ saved: z.boolean() }), ...changeErrors },
      },
    },
    async (request) =>
      saveStaffSummary(deps, requireSignedIn(request), request.params.debriefId, request.body.text),
  );

  app.post(
    '/api/debriefs/:debriefId/staff-summary/publish',
    {
      schema: {
        tags: ['debriefs'],
        summary:
          'Publish the staff summary to all staff (refused while it names a member of staff)',
        params: debriefParamsSchema,
        response: { 200: z.object({ publishedAt: z.iso.datetime() }), ...changeErrors },
      },
    },
    async (request) =>
      publishStaffSummary(deps, requireSignedIn(request), request.params.debriefId),
  );

  app.get(
    '/api/schools/:schoolId/staff-summaries',
    {
      schema: {
        tags: ['debriefs'],
        summary: 'Published staff summaries of a school, for all its staff (and trust leaders)',
        params: schoolParamsSchema,
        response: { 200: staffSummaryListSchema, ...errors },
      },
    },
    async (request) => listStaffSummaries(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.get(
    '/api/staff-summaries/:debriefId',
    {
      schema: {
        tags: ['debriefs'],
        summary: 'One published staff summary (printable)',
        params: debriefParamsSchema,
        response: { 200: staffSummarySchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (request) => staffSummary(deps, requireSignedIn(request), request.params.debriefId),
  );
};
