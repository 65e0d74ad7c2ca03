import { demoPasswordRefusal, startupPlan } from '../domain/trusts/startup.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { DEMO_PASSWORD, demoTrust } from './demo/demo-trust.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { accountsWithPassword, setupNeeded } from './trusts/trusts.service.ts';

export type Prepared =
  | { kind: 'refuse'; message: string }
  | { kind: 'start'; seeded: boolean; firstRun: boolean };

/**
 * What a start does before listening (issue 13): the demo only where asked (or on an empty
 * embedded database outside production), and in production no start while any account still
 * has the demo's published password. The decision is the domain's startupPlan.
 */
export async function prepareDatabase(
  config: Config,
  database: Database,
  options: { demoAsked: boolean; now?: () => Date },
): Promise<Prepared> {
  const empty = await setupNeeded(database.db);
  const plan = startupPlan({
    database: config.database.kind === 'postgres' ? 'postgres' : 'embedded',
    production: config.production,
    demoAsked: options.demoAsked,
    empty,
  });
  if (plan.kind === 'refuse') return plan;
  const seeded = plan.seedDemo
    ? (await seedDemoIfEmpty({ db: database.db, now: options.now ?? (() => new Date()) })) !== null
    : false;
  if (plan.checkDemoPassword && !empty) {
    const demoEmails = new Set(demoTrust().schools.flatMap((s) => s.staff.map((p) => p.email)));
    for (const p of demoTrust().trustStaff) demoEmails.add(p.email);
    const emails = await accountsWithPassword(database.db, DEMO_PASSWORD, demoEmails);
    const refusal = demoPasswordRefusal(emails);
    if (refusal) return { kind: 'refuse', message: refusal };
  }
  return { kind: 'start', seeded, firstRun: plan.firstRun };
}
