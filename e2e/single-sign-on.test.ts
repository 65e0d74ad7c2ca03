import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import {
  type OidcTestProvider,
  startOidcTestProvider,
} from '../src/server/testing/oidc-test-provider.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, demoTrustId, inDemo, signIn } from './support/demo-people.ts';

const demo = demoTrust();
const admin = demo.trustStaff.find((p) => p.roles.includes('trust_admin'))!;
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const teacher = riverside.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;
const domain = teacher.email.split('@')[1]!;

/** A free loopback port, so the app's public address (the redirect address) is known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Issue 13, through the browser: a trust admin sets up a single sign-on provider (a real OpenID
 * Connect provider, oidc-provider, started here) on the sign-in security page; a known teacher
 * signs in with it and lands signed in; an unknown address is refused, and the sign-in page says
 * why.
 */
describe.runIf(browserTestsEnabled())('single sign-on in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let idp: OidcTestProvider;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startOidcTestProvider(`http://localhost:${port}/sign-in/sso/callback`);
    server = await startDemoServer({ port });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
  });

  /** Starts single sign-on from the sign-in page as whoever the provider will sign in. */
  async function signInWithProvider(email: string) {
    // bypassCSP lets the test inject axe-core; the app itself allows no inline script.
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    const main = page.getByRole('main');
    await main.getByLabel('Your school email', { exact: true }).fill(email);
    await main.getByRole('button', { name: 'Find my school’s sign-in', exact: true }).click();
    idp.signInAs({ email, email_verified: true });
    await main
      .getByRole('button', {
        name: `Sign in with Test Workspace (${demo.name})`,
        exact: true,
      })
      .click();
    return { context, page, main };
  }

  it('a trust admin adds a provider; its secret is never shown again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, admin.email);
    await page
      .getByRole('banner')
      .getByRole('link', { name: 'Sign-in security', exact: true })
      .click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Single sign-on', exact: true }).waitFor();
    expect(await main.getByText('No provider is set up.', { exact: true }).count()).toBe(1);
    await main.getByRole('button', { name: 'Add a provider', exact: true }).click();
    await main.getByLabel('Name people will see', { exact: true }).fill('Test Workspace');
    await main.getByLabel('Kind', { exact: true }).selectOption('oidc');
    await main.getByLabel('Issuer URL', { exact: true }).fill(idp.issuer);
    await main.getByLabel('Client (application) id', { exact: true }).fill(idp.clientId);
    await main.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret);
    await main
      .getByLabel('Email domains it signs in (comma or space between)', { exact: true })
      .fill(domain);
    await main.getByRole('button', { name: 'Save provider', exact: true }).click();
    await main.getByRole('button', { name: 'Change Test Workspace', exact: true }).waitFor();
    const listed = await main
      .getByRole('listitem')
      .filter({ hasText: 'Test Workspace' })
      .textContent();
    expect(listed).toContain(`for ${domain}`);
    expect(listed).toContain(`${server.baseUrl}/sign-in/sso/callback`);
    expect(await page.content()).not.toContain(idp.clientSecret);
    await context.close();
  });

  it('signs in a known teacher with their school account, and lands on their home', async () => {
    const { context, page } = await signInWithProvider(teacher.email);
    await page
      .getByRole('heading', { name: `Welcome, ${teacher.fullName.split(' ')[0]}` })
      .waitFor();
    expect(new URL(page.url()).origin).toBe(server.baseUrl);
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.person.email).toBe(teacher.email);
    await context.close();
  });

  it('refuses an address nobody in the trust has, and the sign-in page says why', async () => {
    const stranger = `nobody.here@${domain}`;
    const { context, page, main } = await signInWithProvider(stranger);
    await main.getByRole('heading', { name: 'Sign in to Learning Walks', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect
      .poll(() => main.getByRole('alert').first().textContent())
      .toContain(`${stranger} is not the address of anyone in ${demo.name}`);
    expect(await main.getByRole('alert').first().textContent()).toContain(
      'Ask your school’s leaders or the trust’s administrator to add you',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await axeSerious(page, 'sign-in page after a refused single sign-on');
    // Nobody was signed in, and nobody was created.
    expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401);
    const trustId = await demoTrustId(server.db, teacher.email);
    const people = await inDemo(server.db, trustId, (tx) =>
      tx.selectFrom('people').select('email').execute(),
    );
    expect(people.map((p) => p.email)).toContain(teacher.email);
    expect(people.map((p) => p.email)).not.toContain(stranger);
    await context.close();
  });
});
