import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../contracts/error-codes.ts';
import type { SsoOption } from '../../contracts/security.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Opened, openSession } from '../auth/auth.service.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { hashToken } from '../http/sessions.ts';
import { open, seal } from '../kernel/secrets.ts';
import { authorizationRequest, discover, exchange } from './oidc.ts';
import { redirectUriOf } from './providers.service.ts';
import {
  claimLogin,
  findDomainProviders,
  findPersonByEmail,
  findProvider,
  findTrustName,
  insertLogin,
} from './sso.queries.ts';

/**
 * Signing in with a trust's OpenID Connect provider (issue 13). Someone types their email; the
 * providers whose allowed domains include its domain are offered (a domain says which trust
 * uses which provider, nothing about who has an account). The provider's answer signs in an
 * existing person of that trust with the same, verified email, through openSession (the same
 * rules as every other sign-in). Nobody is ever created here. The provider's own MFA counts.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SSO_LOGIN_LIFETIME_MS = 10 * 60_000;

const unavailable = (name: string) =>
  new AppError(
    'sso_unavailable',
    `${name} could not be reached or did not accept this app’s settings. Try again in a minute; if it keeps happening, sign in with your password and tell your trust’s administrator.`,
  );

const stateInvalid = () =>
  new AppError(
    'sso_state_invalid',
    'This single sign-on answer is not one this browser started, has expired, or was used already (each works once). Start again from the sign-in page.',
  );

export async function ssoOptions(deps: AppDeps, email: string): Promise<SsoOption[]> {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  const found = await findDomainProviders(deps.db, domain);
  const options: SsoOption[] = [];
  for (const { trust_id, provider_id } of found) {
    const option = await withTenant(deps.db, trust_id, async (tx) => {
      const provider = await findProvider(tx, provider_id);
      if (!provider) return null;
      const trust = await findTrustName(tx);
      return {
        trustId: trust_id,
        providerId: provider_id,
        label: `${provider.display_name} (${trust})`,
      };
    });
    if (option) options.push(option);
  }
  return options;
}

/** openid-client's words for a failed check, with those of its cause. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return '';
  return `${error.message} ${describeFailure(error.cause)}`;
}

/** Starts a sign-in: the state (single use), nonce and PKCE verifier are kept; answers the provider's address. */
export async function startSso(deps: AppDeps, trustId: string, providerId: string) {
  const provider = await withTenant(deps.db, trustId, (tx) => findProvider(tx, providerId));
  if (!provider) throw notFound('That single sign-on provider');
  const settings = {
    issuerUrl: provider.issuer_url,
    clientId: provider.client_id,
    clientSecret: open(deps.config.secretKey, 'sso_client_secret', provider.client_secret_sealed),
  };
  const config = await discover(settings).catch(() => {
    throw unavailable(provider.display_name);
  });
  const state = `${trustId}.${randomBytes(32).toString('base64url')}`;
  const request = await authorizationRequest(config, redirectUriOf(deps.config), state);
  await withTenant(deps.db, trustId, (tx) =>
    insertLogin(tx, {
      trust_id: trustId,
      state_hash: hashToken(state),
      provider_id: providerId,
      nonce: request.nonce,
      code_verifier_sealed: seal(deps.config.secretKey, 'pkce_verifier', request.codeVerifier),
      created_at: deps.now(),
    }),
  );
  return { url: request.url, state };
}

/** The provider sent the browser back with `query`; `browserState` is the state this browser started. */
export async function completeSso(
  deps: AppDeps,
  input: { query: string; browserState: string | undefined; requestId: string },
): Promise<Opened> {
  const params = new URLSearchParams(input.query.replace(/^\?/, ''));
  const state = params.get('state') ?? '';
  const trustId = state.slice(0, state.indexOf('.'));
  if (!UUID.test(trustId) || !input.browserState || input.browserState !== state) {
    throw stateInvalid();
  }
  const now = deps.now();
  // Claimed in its own transaction: once used, a state stays used whatever happens next.
  const claimed = await withTenant(deps.db, trustId, async (tx) => {
    const login = await claimLogin(
      tx,
      hashToken(state),
      now,
      new Date(now.getTime() - SSO_LOGIN_LIFETIME_MS),
    );
    if (!login) return null;
    const provider = await findProvider(tx, login.provider_id);
    return provider ? { login, provider } : null;
  });
  if (!claimed) throw stateInvalid();
  const { login, provider } = claimed;

  const refuse = async (code: ErrorCode, message: string, subject = provider.provider_id) => {
    await withTenant(deps.db, trustId, (tx) =>
      recordAudit(tx, {
        trustId,
        actorPersonId: null,
        action: `auth.sso_refused.${code}`,
        subjectType: 'sso_provider',
        subjectId: subject,
        requestId: input.requestId,
      }),
    );
    return new AppError(code, message);
  };

  if (params.get('error')) {
    throw await refuse(
      'sso_answer_rejected',
      `${provider.display_name} did not sign you in (it answered “${params.get('error_description') ?? params.get('error')}”). Try again, or sign in with your password.`,
    );
  }
  const config = await discover({
    issuerUrl: provider.issuer_url,
    clientId: provider.client_id,
    clientSecret: open(deps.config.secretKey, 'sso_client_secret', provider.client_secret_sealed),
  }).catch(() => {
    throw unavailable(provider.display_name);
  });
  let claims: Record<string, unknown>;
  try {
    claims = await exchange(config, new URL(`${redirectUriOf(deps.config)}?${params}`), {
      codeVerifier: open(deps.config.secretKey, 'pkce_verifier', login.code_verifier_sealed),
      state,
      nonce: login.nonce,
    });
  } catch (error) {
    const what = /nonce/i.test(describeFailure(error)) ? ' (its nonce did not match)' : '';
    throw await refuse(
      'sso_answer_rejected',
      `The answer from ${provider.display_name} did not pass this app’s checks${what}, so nobody was signed in. Start again from the sign-in page.`,
    );
  }

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  // Entra ID says "verified" with xms_edov (an optional claim) rather than email_verified.
  const verified =
    claims.email_verified === true || (provider.kind === 'entra' && claims.xms_edov === true);
  if (!email || !verified) {
    throw await refuse(
      'sso_email_unverified',
      `${provider.display_name} did not confirm that your email address is verified, so it cannot be used to sign in. Sign in with your password, or ask your trust’s administrator.`,
    );
  }
  const domain = email.split('@')[1] ?? '';
  if (!provider.allowed_domains.includes(domain)) {
    throw await refuse(
      'sso_domain_not_allowed',
      `${provider.display_name} may sign in addresses at ${provider.allowed_domains.join(', ')}, not ${domain}. Use your school address, or sign in with your password.`,
    );
  }
  const opened = await withTenant(deps.db, trustId, async (tx) => {
    const person = await findPersonByEmail(tx, email);
    if (!person) return null;
    return openSession(tx, deps, {
      trustId,
      personId: person.person_id,
      requestId: input.requestId,
      action: 'auth.sign_in_with_sso',
      secondFactor: 'idp',
    });
  });
  if (!opened) {
    const trust = await withTenant(deps.db, trustId, findTrustName);
    throw await refuse(
      'sso_unknown_person',
      `${email} is not the address of anyone in ${trust}, so there is no account to sign in to (signing in never creates one). Ask your school’s leaders or the trust’s administrator to add you, with this address.`,
    );
  }
  return opened;
}
