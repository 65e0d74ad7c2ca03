import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statements } from '../src/domain/self-evaluation/self-evaluation.ts';
import { demoTrust } from '../src/server/demo/demo-trust.ts';
import { browserTestsEnabled, launchChromium, startDemoServer } from './browser.ts';
import { axeSerious, signIn } from './support/demo-people.ts';

/**
 * The self-evaluation of walk practice (issue 16) in Chromium, at phone width, on the demo trust:
 * the head of the secondary school starts one from the navigation, reads the app's evidence,
 * rates every statement (one "not yet"), completes it, and turns the "not yet" into an action
 * under an improvement priority, which then shows on the actions board.
 */
const demo = demoTrust();
const secondary = demo.schools.find((s) => s.phase === 'secondary')!;
const head = secondary.staff[0]!;
const NOT_YET = statements.find((s) => s.id === 'open_door')!;
const ACTION = 'Each teacher invites a colleague into one lesson this half term';

describe.runIf(browserTestsEnabled())('self-evaluation of walk practice, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = (page: Page) => page.getByRole('main');

  it('a leader completes the self-evaluation and turns a "not yet" into an action', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 780 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, head.email);

    // A priority for the action to sit under, on the actions board.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Actions board', exact: true })
      .click();
    await main(page).getByLabel('New priority').fill('An open-door culture');
    await main(page).getByRole('button', { name: 'Add the priority', exact: true }).click();
    await expect
      .poll(() => main(page).getByText('An open-door culture').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);

    // Start the self-evaluation from the navigation.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Self-evaluation', exact: true })
      .click();
    await main(page)
      .getByRole('heading', {
        level: 1,
        name: `Self-evaluation of walk practice, ${secondary.name}`,
      })
      .waitFor();
    await main(page)
      .getByRole('button', { name: 'Start the self-evaluation', exact: true })
      .click();
    await main(page)
      .getByRole('heading', { level: 1, name: /^Self-evaluation: / })
      .waitFor();

    // The app's evidence is there before anything is rated, and says where it has none.
    const trained = main(page).getByRole('region', {
      name: `11. ${statements.find((s) => s.id === 'observers_trained')!.text}`,
      exact: true,
    });
    expect(await trained.textContent()).toContain(
      'No data: the app does not record observer training yet.',
    );
    await axeSerious(page, 'self-evaluation');

    // Rate every statement: "not yet" for the open door, "partly" for the rest.
    for (const [i, s] of statements.entries()) {
      const region = main(page).getByRole('region', { name: `${i + 1}. ${s.text}`, exact: true });
      await region
        .getByRole('radio', { name: s.id === NOT_YET.id ? 'Not yet' : 'Partly', exact: true })
        .check();
      if (s.id === NOT_YET.id) {
        await region.getByRole('textbox', { name: 'Comment', exact: true }).fill('Not yet asked.');
      }
      await region.getByRole('button', { name: 'Save rating', exact: true }).click();
      await expect
        .poll(() => region.getByRole('status').textContent(), { timeout: 30_000 })
        .toContain('Saved.');
    }
    await expect
      .poll(() => main(page).getByText('Every statement is rated.').count(), { timeout: 30_000 })
      .toBe(1);
    await main(page)
      .getByRole('button', { name: 'Complete the self-evaluation', exact: true })
      .click();
    await expect
      .poll(
        () =>
          main(page)
            .getByText(/Completed .*; the evidence is kept as it was then\./)
            .count(),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    // Turn the "not yet" into an action.
    const notYet = main(page).getByRole('region', {
      name: `${statements.indexOf(NOT_YET) + 1}. ${NOT_YET.text}`,
      exact: true,
    });
    expect(await notYet.textContent()).toContain('Rated: Not yet. Not yet asked.');
    const form = notYet.getByRole('form', { name: `Make an action: ${NOT_YET.text}`, exact: true });
    await form.getByRole('textbox', { name: 'Action', exact: true }).fill(ACTION);
    await form
      .getByRole('combobox', { name: 'Improvement priority', exact: true })
      .selectOption({ label: 'An open-door culture' });
    await form
      .getByRole('combobox', { name: 'Owner', exact: true })
      .selectOption({ label: head.fullName });
    await form.getByLabel('Due by', { exact: true }).fill('2027-02-12');
    await form.getByRole('button', { name: 'Add the action', exact: true }).click();
    await expect
      .poll(() => notYet.textContent(), { timeout: 30_000 })
      .toContain(`Became the action “${ACTION}”`);

    // It is on the actions board.
    await notYet.getByRole('link', { name: 'actions board', exact: true }).click();
    await expect
      .poll(() => main(page).getByText(ACTION).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await context.close();
  }, 240_000);
});
