import * as client from 'openid-client';

/**
 * The OpenID Connect client (openid-client v6), one provider at a time. Authorization code
 * flow with PKCE (S256), state and nonce; the ID token's signature, issuer, audience, expiry
 * and nonce are checked by openid-client. Plain http is allowed only for a loopback issuer
 * (a provider started on this machine, as the tests do).
 */
export type ProviderSettings = { issuerUrl: string; clientId: string; clientSecret: string };

const isLoopback = (url: URL) =>
  url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function issuerAllowed(issuerUrl: string) {
  const url = new URL(issuerUrl);
  return url.protocol === 'https:' || isLoopback(url);
}

export async function discover(settings: ProviderSettings) {
  const issuer = new URL(settings.issuerUrl);
  return client.discovery(
    issuer,
    settings.clientId,
    undefined,
    client.ClientSecretPost(settings.clientSecret),
    isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
  );
}

/** A new sign-in: the PKCE verifier and nonce to keep, and the address to send the browser to. */
export async function authorizationRequest(
  config: client.Configuration,
  redirectUri: string,
  state: string,
) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state,
    nonce,
    code_challenge_method: 'S256',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
  });
  return { codeVerifier, nonce, url: url.href };
}

export async function exchange(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { codeVerifier: string; state: string; nonce: string },
) {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('The provider sent no ID token.');
  if (typeof claims.email === 'string') return claims as Record<string, unknown>;
  // Some providers put the email in the userinfo answer only (the subject must match).
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { ...userinfo, ...claims, email: userinfo.email, email_verified: userinfo.email_verified };
}
