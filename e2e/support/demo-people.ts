import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { withTenant } from '../../src/server/db/with-tenant.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-trust.ts';

/** Signs in on the sign-in page (the only address a test types), and waits for the home. */
export async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').waitFor({ timeout: 60_000 });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

/** axe-core on the page as it stands: no serious or critical violation. */
export async function axeSerious(page: Page, what: string) {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  const { passes, violations } = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return {
      passes: result.passes.length as number,
      violations: result.violations.map(
        (v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        }),
      ),
    };
  });
  expect(passes, `axe ran its checks on ${what}`).toBeGreaterThan(10);
  expect(
    violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical'),
    what,
  ).toEqual([]);
}

/** The demo trust's id, from a person's sign-in identity (read before any tenant is set). */
export async function demoTrustId(db: Kysely<DB>, email: string) {
  const row = await db
    .selectFrom('auth_identities')
    .select('trust_id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.trust_id;
}

/** Reads the demo's data under its tenant, for a test to find whom to sign in as. */
export function inDemo<T>(
  db: Kysely<DB>,
  trustId: string,
  fn: Parameters<typeof withTenant<T>>[2],
) {
  return withTenant(db, trustId, fn);
}
