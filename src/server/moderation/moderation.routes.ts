import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  agreedReadingInputSchema,
  guidanceResultSchema,
  readingInputSchema,
  sessionDetailSchema,
  sessionInputSchema,
  sessionListSchema,
  sessionLookForParamsSchema,
  sessionParamsSchema,
  sessionSceneParamsSchema,
} from '../../contracts/moderation.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { makeGuidance } from './moderation.guidance.ts';
import {
  createSession,
  getSession,
  listSessions,
  noteAgreedReading,
  recordReading,
  revealReadings,
} from './moderation.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['moderation sessions'];

export const moderationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/moderation-sessions',
    {
      schema: {
        tags,
        summary:
          'Moderation sessions I facilitate, take part in or may run; and, for those who run them, what a new one can use',
        response: { 200: sessionListSchema, ...errors },
      },
    },
    async (request) => listSessions(deps, requireSignedIn(request)),
  );

  app.post(
    '/api/moderation-sessions',
    {
      schema: {
        tags,
        summary:
          'A moderation session (trust leaders across the trust, school leaders in their school): practice scenes to record together and/or anonymised paired records',
        body: sessionInputSchema,
        response: { 201: z.object({ id: z.uuid() }), ...changeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createSession(deps, requireSignedIn(request), request.body);
    },
  );

  app.get(
    '/api/moderation-sessions/:sessionId',
    {
      schema: {
        tags,
        summary:
          'A session: my own readings; each scene’s spread (no names, hidden under k) once all are in or revealed; paired records as Observer A and B; agreed readings',
        params: sessionParamsSchema,
        response: { 200: sessionDetailSchema, ...errors },
      },
    },
    async (request) => getSession(deps, requireSignedIn(request), request.params.sessionId),
  );

  app.put(
    '/api/moderation-sessions/:sessionId/scenes/:sceneId/reading',
    {
      schema: {
        tags,
        summary:
          'Hand in my reading of a scene (participants); it can change until the readings are shown',
        params: sessionSceneParamsSchema,
        body: readingInputSchema,
        response: { 200: sessionDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      recordReading(
        deps,
        requireSignedIn(request),
        request.params.sessionId,
        request.params.sceneId,
        request.body,
      ),
  );

  app.post(
    '/api/moderation-sessions/:sessionId/reveal',
    {
      schema: {
        tags,
        summary: 'Show the readings before everyone has handed in (the facilitator)',
        params: sessionParamsSchema,
        response: { 200: sessionDetailSchema, ...changeErrors },
      },
    },
    async (request) => revealReadings(deps, requireSignedIn(request), request.params.sessionId),
  );

  app.put(
    '/api/moderation-sessions/:sessionId/agreed/:lookForId',
    {
      schema: {
        tags,
        summary:
          'The agreed reading of a look-for (the facilitator); refused when it rates a teacher or names anyone',
        params: sessionLookForParamsSchema,
        body: agreedReadingInputSchema,
        response: { 200: sessionDetailSchema, ...changeErrors },
      },
    },
    async (request) =>
      noteAgreedReading(
        deps,
        requireSignedIn(request),
        request.params.sessionId,
        request.params.lookForId,
        request.body,
      ),
  );

  app.post(
    '/api/moderation-sessions/:sessionId/guidance',
    {
      schema: {
        tags,
        summary:
          'Turn the agreed readings into guidance: a new draft version of the framework, each look-for continuing its predecessor (framework owners)',
        params: sessionParamsSchema,
        response: { 201: guidanceResultSchema, ...changeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return makeGuidance(deps, requireSignedIn(request), request.params.sessionId);
    },
  );
};
