import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on a random loopback port, for the single
 * sign-on tests (issue 13). Its login page signs in whichever account the test chose last
 * (`signInAs`), with the email and email_verified the test set: no form to fill in.
 */
export type TestAccount = { email: string; email_verified: boolean };

export type OidcTestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the provider's next login signs in. */
  signInAs(account: TestAccount): void;
  close(): Promise<void>;
};

export async function startOidcTestProvider(redirectUri: string): Promise<OidcTestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'learning-walks-test';
  const clientSecret = 'test-client-secret-that-must-stay-secret';
  const accounts = new Map<string, TestAccount>();
  let next = '';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
  });
  provider.on('server_error', () => {});
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({
        accountId: next,
        clientId: details.params.client_id ?? '',
      });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: next }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch(() => {
      res.statusCode = 500;
      res.end('test provider interaction failed');
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      next = `acct-${accounts.size + 1}`;
      accounts.set(next, account);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Follows the provider's redirects as a browser would (its own cookies kept) until it sends the browser back to `redirectUri`; answers that query. */
export async function followToCallback(url: string, redirectUri: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(redirectUri)) return new URL(next).search;
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `The provider stopped at ${next}: ${response.status} ${await response.text()}`,
      );
    next = new URL(location, next).href;
  }
  throw new Error('The provider redirected too many times.');
}
