import type { z } from 'zod';
import type {
  SsoProvider,
  ssoProviderCreateSchema,
  ssoProviderUpdateSchema,
} from '../../contracts/security.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { seal } from '../kernel/secrets.ts';
import { decide } from '../policy/policy.ts';
import { issuerAllowed } from './oidc.ts';
import {
  deleteProvider,
  findProvider,
  findProviders,
  insertProvider,
  updateProvider,
} from './sso.queries.ts';

/** Issue 13: a trust's single sign-on providers, managed by its trust admins. */

export const redirectUriOf = (config: Pick<Config, 'publicUrl'>) =>
  `${config.publicUrl}/sign-in/sso/callback`;

function assertAdmin(auth: SignedIn) {
  const { actor } = auth;
  if (
    decide(actor, 'trust.manage_security', { trustId: actor.trustId, schoolId: null }) !== 'allow'
  ) {
    throw forbidden('manage single sign-on');
  }
}

type Row = Awaited<ReturnType<typeof findProviders>>[number];

/** Never the secret: only that one is stored. */
function describe(config: Config, row: Row): SsoProvider {
  return {
    id: row.provider_id,
    displayName: row.display_name,
    kind: row.kind,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    allowedDomains: row.allowed_domains,
    hasClientSecret: row.client_secret_sealed.length > 0,
    redirectUri: redirectUriOf(config),
    updatedAt: row.updated_at.toISOString(),
  };
}

function checkIssuer(issuerUrl: string) {
  if (!issuerAllowed(issuerUrl)) {
    throw new AppError(
      'validation_failed',
      'The issuer URL must start https:// (for example https://login.microsoftonline.com/<tenant id>/v2.0).',
      [{ field: 'issuerUrl', message: 'Use an https:// address.' }],
    );
  }
}

const rowOf = (input: z.infer<typeof ssoProviderUpdateSchema>) => ({
  display_name: input.displayName,
  kind: input.kind,
  issuer_url: input.issuerUrl.replace(/\/+$/, ''),
  client_id: input.clientId,
  allowed_domains: [...new Set(input.allowedDomains)],
});

export function listProviders(deps: AppDeps, auth: SignedIn) {
  assertAdmin(auth);
  return withTenant(deps.db, auth.actor.trustId, async (tx) =>
    (await findProviders(tx)).map((row) => describe(deps.config, row)),
  );
}

export function createProvider(
  deps: AppDeps,
  auth: SignedIn,
  input: z.infer<typeof ssoProviderCreateSchema>,
  requestId: string,
) {
  assertAdmin(auth);
  checkIssuer(input.issuerUrl);
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    const providerId = await insertProvider(
      tx,
      trustId,
      {
        ...rowOf(input),
        client_secret_sealed: seal(deps.config.secretKey, 'sso_client_secret', input.clientSecret),
      },
      deps.now(),
    );
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'sso.provider_added',
      subjectType: 'sso_provider',
      subjectId: providerId,
      requestId,
    });
    const row = await findProvider(tx, providerId);
    return describe(deps.config, row as Row);
  });
}

export function editProvider(
  deps: AppDeps,
  auth: SignedIn,
  providerId: string,
  input: z.infer<typeof ssoProviderUpdateSchema>,
  requestId: string,
) {
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    if (!(await findProvider(tx, providerId))) throw notFound('That single sign-on provider');
    assertAdmin(auth);
    checkIssuer(input.issuerUrl);
    const secret = input.newClientSecret
      ? {
          client_secret_sealed: seal(
            deps.config.secretKey,
            'sso_client_secret',
            input.newClientSecret,
          ),
        }
      : {};
    await updateProvider(tx, trustId, providerId, { ...rowOf(input), ...secret }, deps.now());
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: input.newClientSecret ? 'sso.provider_secret_replaced' : 'sso.provider_changed',
      subjectType: 'sso_provider',
      subjectId: providerId,
      requestId,
    });
    return describe(deps.config, (await findProvider(tx, providerId)) as Row);
  });
}

export function removeProvider(
  deps: AppDeps,
  auth: SignedIn,
  providerId: string,
  requestId: string,
) {
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    if (!(await findProvider(tx, providerId))) throw notFound('That single sign-on provider');
    assertAdmin(auth);
    await deleteProvider(tx, providerId);
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'sso.provider_removed',
      subjectType: 'sso_provider',
      subjectId: providerId,
      requestId,
    });
  });
}
