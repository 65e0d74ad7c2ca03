import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  answerConcernSchema,
  concernDetailSchema,
  concernListSchema,
  concernParamsSchema,
  concernSchoolParamsSchema,
  decideConcernSchema,
  raiseConcernSchema,
  schoolConcernSettingsSchema,
  supportConcernSchema,
  trustConcernSettingsDtoSchema,
  trustConcernSettingsSchema,
} from '../../contracts/concerns.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import {
  acknowledgeConcern,
  answerConcern,
  answerEscalation,
  decideConcern,
  getConcern,
  getTrustConcernSettings,
  listConcerns,
  raiseConcern,
  saveSchoolConcernSettings,
  saveTrustConcernSettings,
  supportConcern,
} from './concerns.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};
const changeErrors = { ...errors, 409: apiErrorSchema, 422: apiErrorSchema };
const tags = ['concerns'];

/** Concerns about how walks are run (rule 12, issue 16). */
export const concernRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/schools/:schoolId/concerns',
    {
      schema: {
        tags,
        summary:
          'Concerns you have a part in (raised, supporting, handling), and who a new concern goes to',
        params: concernSchoolParamsSchema,
        response: { 200: concernListSchema, ...errors },
      },
    },
    async (request) => listConcerns(deps, requireSignedIn(request), request.params.schoolId),
  );

  app.post(
    '/api/schools/:schoolId/concerns',
    {
      schema: {
        tags,
        summary:
          'Raise a concern about how walks are run: it goes to the head (or the trust’s named person when it is about the head)',
        params: concernSchoolParamsSchema,
        body: raiseConcernSchema,
        response: { 201: concernDetailSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await raiseConcern(deps, requireSignedIn(request), request.params.schoolId, request.body),
        ),
  );

  app.put(
    '/api/schools/:schoolId/concern-settings',
    {
      schema: {
        tags,
        summary:
          'Name the school’s head for concerns and the school days to acknowledge one (trust admins)',
        params: concernSchoolParamsSchema,
        body: schoolConcernSettingsSchema,
        response: { 200: schoolConcernSettingsSchema, ...changeErrors },
      },
    },
    async (request) =>
      saveSchoolConcernSettings(
        deps,
        requireSignedIn(request),
        request.params.schoolId,
        request.body,
      ),
  );

  app.get(
    '/api/trust/concern-settings',
    {
      schema: {
        tags,
        summary: 'Who receives concerns about a head, and escalations (trust admins)',
        response: { 200: trustConcernSettingsDtoSchema, ...errors },
      },
    },
    async (request) => getTrustConcernSettings(deps, requireSignedIn(request)),
  );

  app.put(
    '/api/trust/concern-settings',
    {
      schema: {
        tags,
        summary:
          'Name the chair of governors or a trust leader for concerns about a head (trust admins)',
        body: trustConcernSettingsSchema,
        response: { 200: trustConcernSettingsDtoSchema, ...changeErrors },
      },
    },
    async (request) => saveTrustConcernSettings(deps, requireSignedIn(request), request.body),
  );

  app.get(
    '/api/concerns/:concernId',
    {
      schema: {
        tags,
        summary: 'A concern, for the people with a part in it; to anyone else it is not found',
        params: concernParamsSchema,
        response: { 200: concernDetailSchema, ...errors },
      },
    },
    async (request) => getConcern(deps, requireSignedIn(request), request.params.concernId),
  );

  const stepRoute = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: B | null,
    run: (
      auth: ReturnType<typeof requireSignedIn>,
      id: string,
      input: z.infer<B>,
    ) => Promise<unknown>,
  ) =>
    app.post(
      `/api/concerns/:concernId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: concernParamsSchema,
          ...(body ? { body } : {}),
          response: { 200: concernDetailSchema, ...changeErrors },
        },
      },
      async (request) =>
        run(
          requireSignedIn(request),
          request.params.concernId,
          request.body as z.infer<B>,
        ) as Promise<z.infer<typeof concernDetailSchema>>,
    );

  stepRoute(
    'support',
    'Say whether you support the concern (the colleague named as supporting)',
    supportConcernSchema,
    (auth, id, input) => supportConcern(deps, auth, id, input.confirm),
  );
  stepRoute(
    'acknowledge',
    'Acknowledge the concern (the head, or the trust’s named person)',
    null,
    (auth, id) => acknowledgeConcern(deps, auth, id),
  );
  stepRoute(
    'answer',
    'Answer the concern with an outcome (the head, or the trust’s named person)',
    answerConcernSchema,
    (auth, id, input) => answerConcern(deps, auth, id, input),
  );
  stepRoute(
    'decision',
    'Accept the answer, or escalate to the trust’s named person (who raised it)',
    decideConcernSchema,
    (auth, id, input) => decideConcern(deps, auth, id, input),
  );
  stepRoute(
    'escalation-answer',
    'Answer the escalated concern (the trust’s named person)',
    answerConcernSchema,
    (auth, id, input) => answerEscalation(deps, auth, id, input),
  );
};
