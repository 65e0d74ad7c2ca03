import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { DB } from '../db/schema.ts';
import { DEMO_PASSWORD, type DemoTrust, demoTrust } from './demo-trust.ts';
import { writeTrust } from './write-trust.ts';

/** Seeds the demo trust when the database holds no account yet. Returns the trust, or null if it was already there. */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<DemoTrust | null> {
  const anyone = await db.selectFrom('auth_identities').select('email').limit(1).executeTakeFirst();
  if (anyone) return null;
  const trust = demoTrust();
  await writeTrust(db, trust, await hashPassword(DEMO_PASSWORD));
  return trust;
}

/** The sign-ins worth printing: one person for each kind of home page. */
export function demoSignIns(trust: DemoTrust) {
  const [primary, secondary] = trust.schools;
  const pick = (list: DemoTrust['trustStaff'] | undefined, role: string, extra?: string) =>
    list?.find(
      (p) => p.roles.includes(role as never) && (!extra || p.roles.includes(extra as never)),
    );
  return [
    { who: 'Trust admin', person: pick(trust.trustStaff, 'trust_admin') },
    { who: 'Trust leader (director of education)', person: pick(trust.trustStaff, 'trust_leader') },
    { who: `Headteacher, ${secondary?.name}`, person: secondary?.staff[0] },
    {
      who: `Observer (curriculum lead), ${secondary?.name}`,
      person: pick(secondary?.staff, 'observer'),
    },
    {
      who: `Teacher, ${secondary?.name}`,
      person: secondary?.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher'),
    },
    {
      who: `Teacher, ${primary?.name}`,
      person: primary?.staff.find((p) => p.roles.length === 1 && p.roles[0] === 'teacher'),
    },
    { who: `Business manager, ${primary?.name}`, person: pick(primary?.staff, 'site_manager') },
  ].flatMap(({ who, person }) => (person ? [{ who, email: person.email }] : []));
}
