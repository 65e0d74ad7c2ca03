import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  coachingListSchema,
  coachShareInputSchema,
  flagInputSchema,
  flagParamsSchema,
  myFlagsSchema,
  myVisitRecordsSchema,
  reflectionInputSchema,
  resolveFlagSchema,
  responseInputSchema,
  visitIdParamsSchema,
  visitPhotoParamsSchema,
  visitRecordsSchema,
} from '../../contracts/responses.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  addResponse,
  flagError,
  myCoaching,
  myFlags,
  myVisitRecords,
  resolveFlag,
  revokeCoachShare,
  saveReflection,
  shareWithCoach,
  visitPhoto,
  visitRecords,
} from './responses.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };

export const responseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/me/visit-records',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'Visits to my classes with handed-in records, and how long I have to respond',
        response: { 200: myVisitRecordsSchema, ...errors },
      },
    },
    async (request) => myVisitRecords(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/me/coaching',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'Visits teachers have chosen to share with me as their coach or mentor',
        response: { 200: coachingListSchema, ...errors },
      },
    },
    async (request) => myCoaching(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/me/record-flags',
    {
      schema: {
        tags: ['after the walk'],
        summary:
          'Open factual-error flags on records I wrote (or, for school leaders, in my schools)',
        response: { 200: myFlagsSchema, ...errors },
      },
    },
    async (request) => myFlags(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/visits/:visitId/records',
    {
      schema: {
        tags: ['after the walk'],
        summary:
          'Every handed-in record of a visit, with versions, responses and flags: for the visited teacher, a coach they shared it with, school leaders, and the observers (their own records)',
        params: visitIdParamsSchema,
        response: { 200: visitRecordsSchema, ...errors },
      },
    },
    async (request) => visitRecords(deps, requireSignedIn(request), request.params.visitId),
  );

  app.get(
    '/api/visits/:visitId/records/:recordId/photos/:photoId',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'A photo of a handed-in record (the JPEG), for those who may read the visit',
        params: visitPhotoParamsSchema,
        response: { 200: z.unknown().describe('The JPEG bytes (image/jpeg)'), ...errors },
      },
    },
    async (request, reply) => {
      const { visitId, recordId, photoId } = request.params;
      const photo = await visitPhoto(deps, requireSignedIn(request), visitId, recordId, photoId);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(photo.bytes));
    },
  );

  app.post(
    '/api/visits/:visitId/responses',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'The visited teacher adds a response (context the observers could not see)',
        params: visitIdParamsSchema,
        body: responseInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await addResponse(
        deps,
        requireSignedIn(request),
        request.params.visitId,
        request.body.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/visits/:visitId/flags',
    {
      schema: {
        tags: ['after the walk'],
        summary:
          'The visited teacher flags a factual error on one item of a record; the observer and school leaders are told',
        params: visitIdParamsSchema,
        body: flagInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await flagError(
        deps,
        requireSignedIn(request),
        request.params.visitId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/record-flags/:flagId/resolve',
    {
      schema: {
        tags: ['after the walk'],
        summary:
          'The observer (or a school leader) corrects the flagged item as a new version, or says why it stands',
        params: flagParamsSchema,
        body: resolveFlagSchema,
        response: {
          200: z.object({
            status: z.enum(['corrected', 'not_changed']),
            correctedVersion: z.number().int().nullable(),
          }),
          ...changeErrors,
        },
      },
    },
    async (request) =>
      resolveFlag(deps, requireSignedIn(request), request.params.flagId, request.body),
  );

  app.put(
    '/api/visits/:visitId/reflection',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'The visited teacher’s private reflection (never shown to leaders)',
        params: visitIdParamsSchema,
        body: reflectionInputSchema,
        response: {
          200: z.object({ body: z.string(), updatedAt: z.iso.datetime() }),
          ...changeErrors,
        },
      },
    },
    async (request) =>
      saveReflection(deps, requireSignedIn(request), request.params.visitId, request.body.body),
  );

  app.put(
    '/api/visits/:visitId/coach-share',
    {
      schema: {
        tags: ['after the walk'],
        summary:
          'The visited teacher shares this visit’s records (and optionally the reflection) with their coach',
        params: visitIdParamsSchema,
        body: coachShareInputSchema,
        response: {
          200: z.object({
            coachName: z.string(),
            includeReflection: z.boolean(),
            sharedAt: z.iso.datetime(),
          }),
          ...changeErrors,
        },
      },
    },
    async (request) =>
      shareWithCoach(
        deps,
        requireSignedIn(request),
        request.params.visitId,
        request.body.includeReflection,
      ),
  );

  app.delete(
    '/api/visits/:visitId/coach-share',
    {
      schema: {
        tags: ['after the walk'],
        summary: 'The visited teacher stops sharing this visit with their coach',
        params: visitIdParamsSchema,
        response: { 200: z.object({ revoked: z.boolean() }), ...changeErrors },
      },
    },
    async (request) => revokeCoachShare(deps, requireSignedIn(request), request.params.visitId),
  );
};
