import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  mfaCodeRequestSchema,
  mfaConfirmRequestSchema,
  mfaEnrolmentSchema,
  mfaProofRequestSchema,
  mfaStatusSchema,
  recoveryCodesSchema,
  signInAnswerSchema,
} from '../../contracts/security.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { answerOpened } from './answer-opened.ts';
import {
  completeStep,
  confirmMfa,
  mfaStatus,
  regenerateRecoveryCodes,
  startMfa,
  turnOffMfa,
} from './mfa.service.ts';
import { signInGuard } from './sign-in-guard.ts';

/** Issue 13: the code step of sign-in, and a person's own two-step sign-in set-up. */
const ownProofErrors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  409: apiErrorSchema,
  429: apiErrorSchema,
};

export const mfaRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const limits = signInGuard(deps);

  /** A change to my own two-step sign-in: signed in, and wrong proofs limited like wrong codes. */
  const ownProof = (request: FastifyRequest) => {
    const auth = requireSignedIn(request);
    limits.checkCode(request.ip, auth.actor.personId);
    return { auth, codeFailed: () => limits.codeFailed(request.ip, auth.actor.personId) };
  };

  app.post(
    '/api/auth/mfa',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Finish signing in with a code from the authenticator app or a recovery code (each works once)',
        body: mfaCodeRequestSchema,
        response: {
          200: signInAnswerSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          410: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      limits.checkCode(request.ip);
      const opened = await completeStep(
        deps,
        { step: request.body.step, code: request.body.code, requestId: request.id },
        (personId) => limits.codeFailed(request.ip, personId),
        (personId) => limits.checkCode(request.ip, personId),
      );
      return answerOpened(reply, deps, opened);
    },
  );

  app.get(
    '/api/me/mfa',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether two-step sign-in is on for me, and whether my trust requires it',
        response: { 200: mfaStatusSchema, 401: apiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return mfaStatus(deps, requireSignedIn(request));
    },
  );

  app.post(
    '/api/me/mfa/start',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Start turning on two-step sign-in: a new secret for the authenticator app, shown once',
        response: {
          200: mfaEnrolmentSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startMfa(deps, requireSignedIn(request), request.id);
    },
  );

  app.post(
    '/api/me/mfa/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm with a code from the app; answers ten recovery codes, shown once',
        body: mfaConfirmRequestSchema,
        response: {
          200: recoveryCodesSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return confirmMfa(deps, requireSignedIn(request), request.body.code, request.id);
    },
  );

  app.post(
    '/api/me/mfa/turn-off',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Turn my two-step sign-in off, with a current code or my password (refused while my trust requires it of my role)',
        body: mfaProofRequestSchema,
        response: { 200: mfaStatusSchema, ...ownProofErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { auth, codeFailed } = ownProof(request);
      return turnOffMfa(deps, auth, request.body, request.id, codeFailed);
    },
  );

  app.post(
    '/api/me/mfa/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary:
          'New recovery codes, shown once, with a current code or my password; the old ones stop working',
        body: mfaProofRequestSchema,
        response: { 200: recoveryCodesSchema, ...ownProofErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { auth, codeFailed } = ownProof(request);
      return regenerateRecoveryCodes(deps, auth, request.body, request.id, codeFailed);
    },
  );
};
