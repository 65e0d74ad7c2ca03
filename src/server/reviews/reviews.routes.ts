import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  openReviewSchema,
  pulseAnsweredSchema,
  pulseAnswerSchema,
  reviewDetailSchema,
  reviewListSchema,
  reviewNotesSchema,
  reviewParamsSchema,
  schoolParamsSchema,
} from '../../contracts/reviews.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  answerPulse,
  closePulse,
  closeReview,
  getReview,
  listReviews,
  openReview,
  saveNotes,
} from './reviews.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };

export const reviewRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'The school’s reviews with staff: open and closed, with how many answered',
        params: schoolParamsSchema,
        response: { 200: reviewListSchema, ...errors },
      },
    },
    async (request) => listReviews(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Open a review with its staff pulse (leaders): every member of staff is told in the app and by mail',
        params: schoolParamsSchema,
        body: openReviewSchema,
        response: { 201: reviewDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await openReview(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/reviews/:reviewId',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'A review: its pulse, whether you have answered, and for leaders the results once the pulse has closed (suppressed below k)',
        params: reviewParamsSchema,
        response: { 200: reviewDetailSchema, ...errors },
      },
    },
    async (request) => getReview(deps, requireSignedIn(request), request.params.reviewId),
  );

  app.post(
    '/api/reviews/:reviewId/pulse',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Answer the staff pulse, once and anonymously (the answer is stored with no person and no time)',
        params: reviewParamsSchema,
        body: pulseAnswerSchema,
        response: { 201: pulseAnsweredSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await answerPulse(
        deps,
        requireSignedIn(request),
        request.params.reviewId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/reviews/:reviewId/pulse/close',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Close the pulse before its closing date (leaders)',
        params: reviewParamsSchema,
        response: { 200: reviewDetailSchema, ...changeErrors },
      },
    },
    async (request) => closePulse(deps, requireSignedIn(request), request.params.reviewId),
  );

  app.put(
    '/api/reviews/:reviewId/notes',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Record the review’s notes: what was discussed and what changes (leaders)',
        params: reviewParamsSchema,
        body: reviewNotesSchema,
        response: { 200: reviewDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      saveNotes(deps, requireSignedIn(request), request.params.reviewId, request.body.notes),
  );

  app.post(
    '/api/reviews/:reviewId/close',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Close the review with its notes (leaders); this also closes its pulse',
        params: reviewParamsSchema,
        body: reviewNotesSchema,
        response: { 200: reviewDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      closeReview(deps, requireSignedIn(request), request.params.reviewId, request.body.notes),
  );
};
