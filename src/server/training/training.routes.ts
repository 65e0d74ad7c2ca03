import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  attemptInputSchema,
  attemptResultSchema,
  exerciseInputSchema,
  exerciseResultSchema,
  sceneInputSchema,
  sceneParamsSchema,
  sceneSchema,
  trainingModules,
  trainingOverviewSchema,
  trainingProgressSchema,
  trainingRuleInputSchema,
  trainingVersionParamsSchema,
  trainingVersionSchema,
} from '../../contracts/observers.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { trainingProgress } from './progress.service.ts';
import {
  attemptScene,
  createScene,
  getScene,
  readGuidance,
  setTrainingRule,
  trainingOverview,
  trainingVersion,
  tryExercise,
} from './training.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['observer training'];
const completedSchema = z.object({ completed: z.array(z.enum(trainingModules)) });

export const trainingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/training',
    {
      schema: {
        tags,
        summary: 'My observer training per framework version, and where training is required',
        response: { 200: trainingOverviewSchema, ...errors },
      },
    },
    async (request) => trainingOverview(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/training/versions/:versionId',
    {
      schema: {
        tags,
        summary:
          'A version’s training: each look-for’s guidance, the neutral-language exercise, the practice scenes and my progress',
        params: trainingVersionParamsSchema,
        response: { 200: trainingVersionSchema, ...errors },
      },
    },
    async (request) => trainingVersion(deps, requireSignedIn(request), request.params.versionId),
  );

  app.post(
    '/api/training/versions/:versionId/guidance',
    {
      schema: {
        tags,
        summary: 'I have read every look-for’s guidance for this version',
        params: trainingVersionParamsSchema,
        response: { 200: completedSchema, ...changeErrors },
      },
    },
    async (request) => readGuidance(deps, requireSignedIn(request), request.params.versionId),
  );

  app.post(
    '/api/training/versions/:versionId/exercise',
    {
      schema: {
        tags,
        summary:
          'The neutral-language exercise: the note checker’s feedback on my notes; notes with nothing flagged complete it',
        params: trainingVersionParamsSchema,
        body: exerciseInputSchema,
        response: { 200: exerciseResultSchema, ...changeErrors },
      },
    },
    async (request) =>
      tryExercise(deps, requireSignedIn(request), request.params.versionId, request.body.text),
  );

  app.post(
    '/api/training/scenes',
    {
      schema: {
        tags,
        summary: 'A practice scene with its agreed reference record (framework owners)',
        body: sceneInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createScene(deps, requireSignedIn(request), request.body);
    },
  );

  app.get(
    '/api/training/scenes/:sceneId',
    {
      schema: {
        tags,
        summary: 'A practice scene to record as on a walk (its reference is shown after)',
        params: sceneParamsSchema,
        response: { 200: sceneSchema, ...errors },
      },
    },
    async (request) => getScene(deps, requireSignedIn(request), request.params.sceneId),
  );

  app.post(
    '/api/training/scenes/:sceneId/attempts',
    {
      schema: {
        tags,
        summary: 'Record a practice scene: where my record differs from the reference, and why',
        params: sceneParamsSchema,
        body: attemptInputSchema,
        response: { 200: attemptResultSchema, ...changeErrors },
      },
    },
    async (request) =>
      attemptScene(deps, requireSignedIn(request), request.params.sceneId, request.body),
  );

  app.put(
    '/api/training/rules',
    {
      schema: {
        tags,
        summary:
          'Require observer training before anyone observes (off by default): for the trust (trust admins) or one school (its leaders)',
        body: trainingRuleInputSchema,
        response: { 200: z.object({ required: z.boolean() }), ...changeErrors },
      },
    },
    async (request) => setTrainingRule(deps, requireSignedIn(request), request.body),
  );

  app.get(
    '/api/training/progress',
    {
      schema: {
        tags,
        summary:
          'Leaders: per framework version and module, how many observers of each school completed it (hidden under k); never a list of people',
        response: { 200: trainingProgressSchema, ...errors },
      },
    },
    async (request) => trainingProgress(deps, requireSignedIn(request)),
  );
};
