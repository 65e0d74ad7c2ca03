import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  amendmentAgreementSchema,
  amendmentInputSchema,
  amendmentParamsSchema,
  answerInputSchema,
  commentInputSchema,
  commentParamsSchema,
  plannedWalkParamsSchema,
  plannedWalksInputSchema,
  programmeDetailSchema,
  programmeInputSchema,
  programmeListSchema,
  programmeParamsSchema,
  protocolSettingsInputSchema,
  protocolSettingsResponseSchema,
  protocolSettingsSchema,
  termPlanInputSchema,
  termPlanSchema,
  transitionSchema,
} from '../../contracts/programmes.ts';
import { schoolParamsSchema } from '../../contracts/schools.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { agreeAmendment, openAmendment } from './amendments.service.ts';
import { addPlannedWalks, removePlannedWalk, termPlan } from './planned-walks.service.ts';
import {
  addComment,
  answerComment,
  createProgramme,
  listProgrammes,
  programmeDetail,
  transitionProgramme,
  updateProgramme,
} from './programmes.service.ts';
import { getProtocolSettings, updateProtocolSettings } from './protocol-settings.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

export const programmeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: "A school's programmes of walks (drafts only for its leaders) and its terms",
        params: schoolParamsSchema,
        response: { 200: programmeListSchema, ...errors },
      },
    },
    async (request) => listProgrammes(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Draft a programme for a term or a date range (school leaders)',
        params: schoolParamsSchema,
        body: programmeInputSchema,
        response: { 201: programmeDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createProgramme(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/programmes/:programmeId',
    {
      schema: {
        tags: ['programmes'],
        summary: 'A programme: its walks, consultation comments and agreement record',
        params: programmeParamsSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) => programmeDetail(deps, requireSignedIn(request), request.params.programmeId),
  );

  app.put(
    '/api/programmes/:programmeId',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Edit a programme while it is a draft or in consultation',
        params: programmeParamsSchema,
        body: programmeInputSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) =>
      updateProgramme(deps, requireSignedIn(request), request.params.programmeId, request.body),
  );

  app.post(
    '/api/programmes/:programmeId/status',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Move a programme: draft → consultation → agreed (when and how) → published (staff are told)',
        params: programmeParamsSchema,
        body: transitionSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) =>
      transitionProgramme(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.body,
        request.log,
      ),
  );

  app.post(
    '/api/programmes/:programmeId/comments',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Comment on a programme in consultation (the school’s staff)',
        params: programmeParamsSchema,
        body: commentInputSchema,
        response: { 201: programmeDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await addComment(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/programmes/:programmeId/comments/:commentId/answer',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Answer a consultation comment (school leaders)',
        params: commentParamsSchema,
        body: answerInputSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) =>
      answerComment(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.params.commentId,
        request.body.answer,
      ),
  );

  app.post(
    '/api/programmes/:programmeId/planned-walks',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Add planned walks (week or date, time, focus, observers) to a draft or a programme in consultation, or to an amendment in consultation once agreed',
        params: programmeParamsSchema,
        body: plannedWalksInputSchema,
        response: { 201: programmeDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await addPlannedWalks(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/api/programmes/:programmeId/planned-walks/:plannedWalkId',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Remove a planned walk while its programme or amendment is still being consulted on',
        params: plannedWalkParamsSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) =>
      removePlannedWalk(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.params.plannedWalkId,
      ),
  );

  app.post(
    '/api/programmes/:programmeId/term-plan',
    {
      schema: {
        tags: ['programmes'],
        summary:
          "Draft the term's planned walks with the term planner (dates spread over the weekdays, times rotated, checked against every rule). Writes nothing.",
        params: programmeParamsSchema,
        body: termPlanInputSchema,
        response: { 200: termPlanSchema, ...errors },
      },
    },
    async (request) =>
      termPlan(deps, requireSignedIn(request), request.params.programmeId, request.body),
  );

  app.post(
    '/api/programmes/:programmeId/amendments',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Open an amendment to an agreed programme for consultation (every member of staff is told)',
        params: programmeParamsSchema,
        body: amendmentInputSchema,
        response: { 201: programmeDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await openAmendment(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.body.summary,
        request.log,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/programmes/:programmeId/amendments/:amendmentId/agree',
    {
      schema: {
        tags: ['programmes'],
        summary:
          'Record that staff agreed an amendment (after its minimum period, every comment answered)',
        params: amendmentParamsSchema,
        body: amendmentAgreementSchema,
        response: { 200: programmeDetailSchema, ...errors },
      },
    },
    async (request) =>
      agreeAmendment(
        deps,
        requireSignedIn(request),
        request.params.programmeId,
        request.params.amendmentId,
        request.body,
      ),
  );

  app.get(
    '/api/schools/:schoolId/protocol',
    {
      schema: {
        tags: ['programmes'],
        summary: "The school's protocol settings (observers, notice, caps, rooms an hour)",
        params: schoolParamsSchema,
        response: { 200: protocolSettingsResponseSchema, ...errors },
      },
    },
    async (request) => getProtocolSettings(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.put(
    '/api/schools/:schoolId/protocol',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Change protocol settings within the safe limits (school leaders)',
        params: schoolParamsSchema,
        body: protocolSettingsInputSchema,
        response: { 200: protocolSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateProtocolSettings(deps, requireSignedIn(request), request.params.schoolId, request.body),
  );
};
