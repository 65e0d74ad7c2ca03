import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  rateStatementSchema,
  selfEvaluationDetailSchema,
  selfEvaluationListSchema,
  selfEvaluationParamsSchema,
  selfEvaluationSchoolParamsSchema,
  startSelfEvaluationSchema,
  statementActionSchema,
  statementParamsSchema,
} from '../../contracts/self-evaluation.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  completeSelfEvaluation,
  getSelfEvaluation,
  listSelfEvaluations,
  rateStatement,
  startSelfEvaluation,
  statementToAction,
} from './self-evaluation.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['self-evaluation'];

export const selfEvaluationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/self-evaluations',
    {
      schema: {
        tags,
        summary: 'The school’s self-evaluations of its walk practice, newest first, with counts',
        params: selfEvaluationSchoolParamsSchema,
        response: { 200: selfEvaluationListSchema, ...errors },
      },
    },
    async (request) => listSelfEvaluations(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/self-evaluations',
    {
      schema: {
        tags,
        summary: 'Start a self-evaluation for a term or a school year (the school’s leaders)',
        params: selfEvaluationSchoolParamsSchema,
        body: startSelfEvaluationSchema,
        response: { 201: selfEvaluationDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await startSelfEvaluation(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/self-evaluations/:selfEvaluationId',
    {
      schema: {
        tags,
        summary:
          'A self-evaluation: each statement with its rating, the evidence from the app’s data, where they disagree, and the last one’s rating beside it',
        params: selfEvaluationParamsSchema,
        response: { 200: selfEvaluationDetailSchema, ...errors },
      },
    },
    async (request) =>
      getSelfEvaluation(deps, requireSignedIn(request), request.params.selfEvaluationId),
  );

  app.put(
    '/api/self-evaluations/:selfEvaluationId/statements/:statementId',
    {
      schema: {
        tags,
        summary: 'Rate a statement in place, partly or not yet, with a comment',
        params: statementParamsSchema,
        body: rateStatementSchema,
        response: { 200: selfEvaluationDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      rateStatement(
        deps,
        requireSignedIn(request),
        request.params.selfEvaluationId,
        request.params.statementId,
        request.body,
      ),
  );

  app.post(
    '/api/self-evaluations/:selfEvaluationId/complete',
    {
      schema: {
        tags,
        summary: 'Complete the self-evaluation once every statement is rated; its evidence is kept',
        params: selfEvaluationParamsSchema,
        response: { 200: selfEvaluationDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      completeSelfEvaluation(deps, requireSignedIn(request), request.params.selfEvaluationId),
  );

  app.post(
    '/api/self-evaluations/:selfEvaluationId/statements/:statementId/action',
    {
      schema: {
        tags,
        summary:
          'Turn a statement rated not yet into an action under one of the school’s improvement priorities',
        params: statementParamsSchema,
        body: statementActionSchema,
        response: { 201: selfEvaluationDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      const result = await statementToAction(
        deps,
        requireSignedIn(request),
        request.params.selfEvaluationId,
        request.params.statementId,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );
};
