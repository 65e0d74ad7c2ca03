import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  answerFeedbackSchema,
  feedbackConversationSchema,
  feedbackVisitParamsSchema,
  feedbackWalkParamsSchema,
  myFeedbackSchema,
  offerFeedbackSchema,
  walkFeedbackSchema,
} from '../../contracts/feedback.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  answerFeedback,
  feedbackHeld,
  myFeedback,
  offerFeedback,
  walkFeedback,
} from './feedback.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['feedback'];

export const feedbackRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/walks/:walkId/feedback',
    {
      schema: {
        tags,
        summary: 'The walk’s visits with their feedback conversations (observers and leaders)',
        params: feedbackWalkParamsSchema,
        response: { 200: walkFeedbackSchema, ...errors },
      },
    },
    async (request) => walkFeedback(deps, requireSignedIn(request), request.params.walkId),
  );

  app.get(
    '/api/me/feedback',
    {
      schema: {
        tags,
        summary: 'Feedback conversations offered to me about my visited lessons',
        response: { 200: myFeedbackSchema, 401: apiErrorSchema },
      },
    },
    async (request) => myFeedback(deps, requireSignedIn(request)),
  );

  app.put(
    '/api/visits/:visitId/feedback',
    {
      schema: {
        tags,
        summary:
          'Offer the visited teacher times for a feedback conversation (the walk’s plan says feedback is in person)',
        params: feedbackVisitParamsSchema,
        body: offerFeedbackSchema,
        response: { 200: feedbackConversationSchema, ...changeErrors },
      },
    },
    async (request) =>
      offerFeedback(deps, requireSignedIn(request), request.params.visitId, request.body),
  );

  app.post(
    '/api/visits/:visitId/feedback/answer',
    {
      schema: {
        tags,
        summary: 'The visited teacher picks a time, or says written feedback is fine',
        params: feedbackVisitParamsSchema,
        body: answerFeedbackSchema,
        response: { 200: feedbackConversationSchema, ...changeErrors },
      },
    },
    async (request) =>
      answerFeedback(deps, requireSignedIn(request), request.params.visitId, request.body),
  );

  app.post(
    '/api/visits/:visitId/feedback/held',
    {
      schema: {
        tags,
        summary: 'Record the feedback conversation as held',
        params: feedbackVisitParamsSchema,
        response: { 200: feedbackConversationSchema, ...changeErrors },
      },
    },
    async (request) => feedbackHeld(deps, requireSignedIn(request), request.params.visitId),
  );
};
