import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../contracts/errors.ts';
import {
  accountChangeSchema,
  accountPageSchema,
  peopleQuerySchema,
  personParamsSchema,
  trustRolesRequestSchema,
} from '../../contracts/people.ts';
import type { AppDeps } from '../http/context.ts';
import { requireSignedIn } from '../http/sessions.ts';
import { disableAccount, enableAccount, listAccounts, setTrustRoles } from './people.service.ts';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

export const peopleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: "The trust's people, their roles and whether they can sign in (trust admins)",
        querystring: peopleQuerySchema,
        response: { 200: accountPageSchema, ...errors },
      },
    },
    async (request) => listAccounts(deps, requireSignedIn(request), request.query),
  );

  app.post(
    '/api/people/:personId/disable',
    {
      schema: {
        tags: ['people'],
        summary:
          'Disable an account: sessions, calendar feed and sign-in links end; future walks lose them (trust admins)',
        params: personParamsSchema,
        response: { 200: accountChangeSchema, ...errors },
      },
    },
    async (request) =>
      disableAccount(deps, requireSignedIn(request), request.params.personId, request.id),
  );

  app.post(
    '/api/people/:personId/enable',
    {
      schema: {
        tags: ['people'],
        summary: 'Re-enable a disabled account (trust admins)',
        params: personParamsSchema,
        response: { 200: accountChangeSchema, ...errors },
      },
    },
    async (request) =>
      enableAccount(deps, requireSignedIn(request), request.params.personId, request.id),
  );

  app.put(
    '/api/people/:personId/trust-roles',
    {
      schema: {
        tags: ['people'],
        summary:
          "Set a person's trust-wide roles: trust administrator, trust leader (trust admins)",
        params: personParamsSchema,
        body: trustRolesRequestSchema,
        response: { 200: accountChangeSchema, ...errors },
      },
    },
    async (request) =>
      setTrustRoles(
        deps,
        requireSignedIn(request),
        request.params.personId,
        request.body,
        request.id,
      ),
  );
};
