import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  myReflectionSchema,
  myReflectionsSchema,
  reflectionInputSchema,
  reflectionParamsSchema,
  reflectionSchema,
  shareInputSchema,
  walkParamsSchema,
} from '../../contracts/peer-walks.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  myReflection,
  myReflections,
  readReflection,
  saveReflection,
  shareReflection,
} from './reflections.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['peer walks'];

export const reflectionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/walks/:walkId/my-reflection',
    {
      schema: {
        tags,
        summary: 'My private reflection on a walk I observed, its look-fors and who could coach me',
        params: walkParamsSchema,
        response: { 200: myReflectionSchema, ...errors },
      },
    },
    async (request) => myReflection(deps, requireSignedIn(request), request.params.walkId),
  );

  app.put(
    '/api/walks/:walkId/my-reflection',
    {
      schema: {
        tags,
        summary: 'Save my reflection on my own practice and my ideas to try (after handing in)',
        params: walkParamsSchema,
        body: reflectionInputSchema,
        response: { 200: reflectionSchema, ...changeErrors },
      },
    },
    async (request) =>
      saveReflection(deps, requireSignedIn(request), request.params.walkId, request.body),
  );

  app.get(
    '/api/me/reflections',
    {
      schema: {
        tags,
        summary: 'My reflections, and those shared with me as a coach',
        response: { 200: myReflectionsSchema, ...errors },
      },
    },
    async (request) => myReflections(deps, requireSignedIn(request)),
  );

  app.get(
    '/api/reflections/:reflectionId',
    {
      schema: {
        tags,
        summary: 'A reflection: its author, or the coach it is shared with, reads it',
        params: reflectionParamsSchema,
        response: { 200: reflectionSchema, ...errors },
      },
    },
    async (request) => readReflection(deps, requireSignedIn(request), request.params.reflectionId),
  );

  app.put(
    '/api/reflections/:reflectionId/coach',
    {
      schema: {
        tags,
        summary: 'Share my reflection with a coach, or stop sharing it (coachId null)',
        params: reflectionParamsSchema,
        body: shareInputSchema,
        response: { 200: reflectionSchema, ...changeErrors },
      },
    },
    async (request) =>
      shareReflection(
        deps,
        requireSignedIn(request),
        request.params.reflectionId,
        request.body.coachId,
      ),
  );
};
