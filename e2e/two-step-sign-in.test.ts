import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../src/server/auth/totp.ts';
import { DEMO_PASSWORD, demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious } from './support/demo-people.ts';

const demo = demoTrust();
const riverside = demo.schools.find((s) => s.name === 'Riverside Academy')!;
const teacher = riverside.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher')!;
const welcome = `Welcome, ${teacher.fullName.split(' ')[0]}`;

/**
 * Issue 13, through the browser: a teacher turns on two-step sign-in (the secret shown as text,
 * the code made here as an authenticator app would), signs out, and signs in with password and
 * code; a wrong code is refused with a message; a recovery code works once. Then new recovery
 * codes, and turning it off (a wrong password changes nothing).
 */
describe.runIf(browserTestsEnabled())('two-step sign-in in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let page: Page;
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the app itself allows no inline script.
    const context = await browser.newContext({
      viewport: { width: 360, height: 800 },
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = () => page.getByRole('main');

  /** The password step; answers whether the code step followed. */
  async function signInWithPassword(password = DEMO_PASSWORD) {
    await page.goto(`${server.baseUrl}/sign-in`);
    await main().getByLabel('Email address', { exact: true }).fill(teacher.email);
    await main().getByLabel('Password', { exact: true }).fill(password);
    await main().getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function enterCode(code: string) {
    await main().getByRole('heading', { name: 'Enter your sign-in code', exact: true }).waitFor();
    await main().getByLabel('Code', { exact: true }).fill(code);
    await main().getByRole('button', { name: 'Finish signing in', exact: true }).click();
  }

  async function signOut() {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
    await main().getByRole('heading', { name: 'Sign in to Learning Walks', exact: true }).waitFor();
  }

  async function openAccountSecurity() {
    await page
      .getByRole('banner')
      .getByRole('link', { name: 'Account security', exact: true })
      .click();
    await main().getByRole('heading', { name: 'Two-step sign-in', exact: true }).waitFor();
  }

  const codesShown = () =>
    main()
      .getByRole('list', { name: 'Recovery codes', exact: true })
      .getByRole('listitem')
      .allTextContents();

  it('turns on with the secret shown as text and a code from the app', async () => {
    await signInWithPassword();
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
    await openAccountSecurity();
    await main().getByRole('button', { name: 'Set up two-step sign-in', exact: true }).click();
    const shown = main().getByTestId('mfa-secret');
    await shown.waitFor();
    secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await main()
      .getByLabel('The 6-digit code the app now shows', { exact: true })
      .fill(await totpAt(secret, new Date()));
    await main().getByRole('button', { name: 'Turn on two-step sign-in', exact: true }).click();
    await expect.poll(codesShown).toHaveLength(10);
    recoveryCodes = await codesShown();
    expect(await main().getByText('Two-step sign-in is', { exact: false }).textContent()).toContain(
      'Recovery codes left: 10',
    );
    await signOut();
  });

  it('asks for a code after the password: a wrong one is refused, the right one signs in', async () => {
    await signInWithPassword();
    await enterCode('000000');
    await expect
      .poll(() => main().getByRole('alert').textContent())
      .toContain('That code is not right');
    expect(await main().getByRole('heading', { name: welcome, exact: true }).count()).toBe(0);
    // The next 30-second code (the one used to turn it on may not be used again).
    await enterCode(await totpAt(secret, new Date(Date.now() + 30_000)));
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
    await signOut();
  });

  it('signs in with a recovery code once; the same code is refused the second time', async () => {
    await signInWithPassword();
    await enterCode(recoveryCodes[0]!);
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
    await signOut();

    await signInWithPassword();
    await enterCode(recoveryCodes[0]!);
    await expect
      .poll(() => main().getByRole('alert').textContent())
      .toContain('That code is not right');
    await enterCode(recoveryCodes[1]!);
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
  });

  it('gives new recovery codes for my password; the old ones stop working', async () => {
    await openAccountSecurity();
    // The page with two-step sign-in on: fits a phone, and axe finds nothing serious.
    await main().getByRole('form', { name: 'Turn off two-step sign-in', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await axeSerious(page, 'account security, two-step sign-in on');
    const form = main().getByRole('form', { name: 'Get new recovery codes', exact: true });
    await form
      .getByLabel('The code your app shows now, or your password', { exact: true })
      .fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Get new recovery codes', exact: true }).click();
    await expect.poll(codesShown).toHaveLength(10);
    const fresh = await codesShown();
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    await expect
      .poll(() => main().getByRole('status').allTextContents())
      .toContain('You have new recovery codes. The old ones no longer work.');
    await signOut();

    await signInWithPassword();
    await enterCode(recoveryCodes[2]!);
    await expect
      .poll(() => main().getByRole('alert').textContent())
      .toContain('That code is not right');
    await enterCode(fresh[0]!);
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
  });

  it('turns off for my password (a wrong one changes nothing); then no code is asked', async () => {
    await openAccountSecurity();
    const form = main().getByRole('form', { name: 'Turn off two-step sign-in', exact: true });
    const proof = form.getByLabel('The code your app shows now, or your password', {
      exact: true,
    });
    await proof.fill('not my password');
    await form.getByRole('button', { name: 'Turn off two-step sign-in', exact: true }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('That code or password is not right, so nothing was changed');
    await proof.fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Turn off two-step sign-in', exact: true }).click();
    await main().getByRole('button', { name: 'Set up two-step sign-in', exact: true }).waitFor();
    await signOut();

    await signInWithPassword();
    await main().getByRole('heading', { name: welcome, exact: true }).waitFor();
  });
});
