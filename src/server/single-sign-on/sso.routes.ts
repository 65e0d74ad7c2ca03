import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meSchema } from '../../contracts/auth.ts';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  ssoCallbackRequestSchema,
  ssoDiscoverRequestSchema,
  ssoOptionsSchema,
  ssoProviderCreateSchema,
  ssoProviderSchema,
  ssoProvidersSchema,
  ssoProviderUpdateSchema,
  ssoStartRequestSchema,
  ssoStartSchema,
} from '../../contracts/security.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn, setSessionCookie } from '../http/sessions.ts';
import {
  createProvider,
  editProvider,
  listProviders,
  removeProvider,
} from './providers.service.ts';
import { completeSso, SSO_LOGIN_LIFETIME_MS, ssoOptions, startSso } from './sso-sign-in.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  422: apiErrorSchema,
};

/** Issue 13: single sign-on with OpenID Connect: sign-in, and the trust admin's providers. */
export const singleSignOnRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // Binds a started sign-in to the browser that started it (no signing someone in as another).
  const stateCookie = deps.config.cookieSecure ? '__Host-lw_sso' : 'lw_sso';
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax' as const,
  };

  app.post(
    '/api/auth/sso/options',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The single sign-on providers that sign in this email’s domain (says nothing about whether the address has an account)',
        body: ssoDiscoverRequestSchema,
        response: { 200: ssoOptionsSchema, 400: apiErrorSchema },
      },
      config: { csrf: false },
    },
    async (request) => ({ options: await ssoOptions(deps, request.body.email) }),
  );

  app.post(
    '/api/auth/sso/start',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start signing in with a provider: answers the address to send the browser to',
        body: ssoStartRequestSchema,
        response: { 200: ssoStartSchema, ...errors },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      const started = await startSso(deps, request.body.trustId, request.body.providerId);
      reply.setCookie(stateCookie, started.state, {
        ...cookieOptions,
        maxAge: Math.floor(SSO_LOGIN_LIFETIME_MS / 1000),
      });
      reply.header('cache-control', 'no-store');
      return { url: started.url };
    },
  );

  app.post(
    '/api/auth/sso/callback',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Finish signing in with the query the provider sent the browser back with (state used once)',
        body: ssoCallbackRequestSchema,
        response: { 200: meSchema, ...errors },
      },
      config: { csrf: false },
    },
    async (request, reply) => {
      const opened = await completeSso(deps, {
        query: request.body.query,
        browserState: request.cookies[stateCookie],
        requestId: request.id,
      });
      // Single sign-on never asks for a code: the provider's own MFA counts.
      if (opened.kind !== 'session') throw new Error('single sign-on opened no session');
      setSessionCookie(reply, deps, opened.cookieValue);
      reply.clearCookie(stateCookie, cookieOptions);
      return opened.me;
    },
  );

  app.get(
    '/api/trust/sso-providers',
    {
      schema: {
        tags: ['security'],
        summary: 'The trust’s single sign-on providers (never their secrets)',
        response: { 200: ssoProvidersSchema, ...errors },
      },
    },
    async (request) => ({ providers: await listProviders(deps, requireSignedIn(request)) }),
  );

  app.post(
    '/api/trust/sso-providers',
    {
      schema: {
        tags: ['security'],
        summary:
          'Add a single sign-on provider (the client secret is stored encrypted and never shown again)',
        body: ssoProviderCreateSchema,
        response: { 201: ssoProviderSchema, ...errors },
      },
    },
    async (request, reply) => {
      const provider = await createProvider(
        deps,
        requireSignedIn(request),
        request.body,
        request.id,
      );
      return reply.status(201).send(provider);
    },
  );

  app.put(
    '/api/trust/sso-providers/:providerId',
    {
      schema: {
        tags: ['security'],
        summary: 'Change a provider; give newClientSecret only to replace the secret',
        params: z.object({ providerId: z.uuid() }),
        body: ssoProviderUpdateSchema,
        response: { 200: ssoProviderSchema, ...errors },
      },
    },
    async (request) =>
      editProvider(
        deps,
        requireSignedIn(request),
        request.params.providerId,
        request.body,
        request.id,
      ),
  );

  app.delete(
    '/api/trust/sso-providers/:providerId',
    {
      schema: {
        tags: ['security'],
        summary: 'Remove a single sign-on provider',
        params: z.object({ providerId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeProvider(deps, requireSignedIn(request), request.params.providerId, request.id);
      return reply.status(204).send(null);
    },
  );
};
