import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, meSchema } from '../../contracts/auth.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  EMAIL_LINK_MESSAGE,
  emailLinkRequestSchema,
  emailLinkResponseSchema,
  redeemRequestSchema,
} from '../../contracts/mail.ts';
import { signInAnswerSchema } from '../../contracts/security.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { clearSessionCookie, requireSignedIn } from '../http/sessions.ts';
import { answerOpened } from './answer-opened.ts';
import { currentPerson, signIn, signOut } from './auth.service.ts';
import { signInGuard } from './sign-in-guard.ts';
import { redeemSignInLink, requestSignInLink } from './sign-in-links.ts';

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const limits = signInGuard(deps);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginRequestSchema,
        response: {
          200: signInAnswerSchema,
          401: apiErrorSchema,
          409: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      limits.checkPassword(request.ip, email);
      try {
        const opened = await signIn(deps, request.body, request.id);
        limits.passwordSucceeded(request.ip, email);
        return answerOpened(reply, deps, opened);
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid_credentials') {
          limits.passwordFailed(request.ip, email);
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/email-link',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Email me a sign-in link (works once, for 15 minutes). Answers the same whether or not the address has an account.',
        body: emailLinkRequestSchema,
        response: { 202: emailLinkResponseSchema, 400: apiErrorSchema, 429: apiErrorSchema },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      limits.linkAsked(request.ip, request.body.email);
      // The answer goes before any lookup, so its timing says nothing about the address.
      const { email } = request.body;
      setImmediate(() => {
        requestSignInLink(deps, email, request.id, request.log).catch((error: unknown) =>
          request.log.error({ err: error }, 'sign-in link could not be made'),
        );
      });
      return reply.status(202).send({ message: EMAIL_LINK_MESSAGE });
    },
  );

  app.post(
    '/api/auth/email-link/redeem',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with the token from an emailed link (invitation or sign-in link); once only',
        body: redeemRequestSchema,
        response: {
          200: signInAnswerSchema,
          400: apiErrorSchema,
          404: apiErrorSchema,
          410: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      limits.checkLinkTries(request.ip);
      try {
        const opened = await redeemSignInLink(deps, request.body.token, request.id);
        return answerOpened(reply, deps, opened);
      } catch (error) {
        if (error instanceof AppError && error.statusCode < 500) limits.linkFailed(request.ip);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session on the server',
        response: { 204: z.null(), 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request, reply) => {
      await signOut(deps, requireSignedIn(request), request.id);
      clearSessionCookie(reply, deps);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, their roles and the CSRF token for state changes',
        response: { 200: meSchema, 401: apiErrorSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return currentPerson(deps, requireSignedIn(request));
    },
  );
};
