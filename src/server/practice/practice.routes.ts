import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  consentSchema,
  practiceDebriefParamsSchema,
  practiceExampleParamsSchema,
  practiceExampleSchema,
  practiceLibrarySchema,
  practiceSchoolParamsSchema,
  practiceSearchSchema,
  proposeExampleSchema,
} from '../../contracts/practice.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  answerExample,
  myPracticeRequests,
  practiceLibrary,
  proposeExample,
} from './practice.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['practice library'];

export const practiceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/practice-library',
    {
      schema: {
        tags,
        summary:
          'The school’s practice library and what other schools share with the trust, searchable by look-for',
        params: practiceSchoolParamsSchema,
        querystring: practiceSearchSchema,
        response: { 200: practiceLibrarySchema, ...errors },
      },
    },
    async (request) =>
      practiceLibrary(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.query.lookFor,
      ),
  );

  app.get(
    '/api/me/practice-requests',
    {
      schema: {
        tags,
        summary: 'Examples from my lessons waiting for my agreement',
        response: { 200: practiceLibrarySchema, 401: apiErrorSchema },
      },
    },
    async (request) => myPracticeRequests(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/debriefs/:debriefId/practice-examples',
    {
      schema: {
        tags,
        summary:
          'Propose a bright spot from the debrief for the practice library; the visited teacher is asked to agree',
        params: practiceDebriefParamsSchema,
        body: proposeExampleSchema,
        response: { 201: practiceExampleSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await proposeExample(
        deps,
        requireSignedIn(request),
        request.params.debriefId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/practice-examples/:exampleId/answer',
    {
      schema: {
        tags,
        summary:
          'The visited teacher agrees to publish the example (and whether to be named), or declines',
        params: practiceExampleParamsSchema,
        body: consentSchema,
        response: { 200: practiceExampleSchema, ...changeErrors },
      },
    },
    async (request) =>
      answerExample(deps, requireSignedIn(request), request.params.exampleId, request.body),
  );
};
