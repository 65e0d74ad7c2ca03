import { library } from '../../domain/frameworks/library/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import {
  createFramework,
  type FrameworkDeps,
  publishDraft,
} from '../frameworks/frameworks.service.ts';
import type { SignedIn } from '../http/context.ts';
import { seedDemoConcernSettings } from './concerns.ts';
import { DEMO_PASSWORD, type DemoTrust, demoTrust } from './demo-trust.ts';
import { seedDemoRecords } from './records.ts';
import { seedDemoReview } from './review.ts';
import { seedDemoWalks } from './walks.ts';
import { writeTrust } from './write-trust.ts';

/** Seeds the demo trust when the database holds no account yet. Returns the trust, or null if it was already there. */
export async function seedDemoIfEmpty(deps: FrameworkDeps): Promise<DemoTrust | null> {
  const anyone = await deps.db
    .selectFrom('auth_identities')
    .select('email')
    .limit(1)
    .executeTakeFirst();
  if (anyone) return null;
  const trust = demoTrust();
  const written = await writeTrust(deps.db, trust, await hashPassword(DEMO_PASSWORD));

  // The trust's leader publishes the built-in library, as a new trust would on its first day.
  const leader = trust.trustStaff.find((p) => p.roles.includes('trust_leader'))!;
  const asLeader: SignedIn = {
    actor: {
      trustId: written.trustId,
      personId: written.personIds.get(leader.email)!,
      memberships: [{ role: 'trust_leader', schoolId: null }],
    },
    sessionId: 'demo-seed',
    csrfToken: '',
  };
  for (const entry of library) {
    const draft = await createFramework(deps, asLeader, {
      name: entry.content.name,
      kind: entry.content.kind,
      description: '',
      fromLibrary: entry.id,
    });
    await publishDraft(deps, asLeader, draft.framework.id);
  }
  // Each school's Autumn 2026 programme, published, with walks planned by the planner.
  await seedDemoWalks(deps.db, trust, written);
  // Handed-in records for the past walks, so the insights dashboards have evidence to show.
  await seedDemoRecords(deps.db, written.trustId);
  // A closed review with its staff pulse (rule 11), so the trust dashboard shows one.
  await seedDemoReview(deps.db, written.trustId);
  // Who receives concerns (rule 12): each school's head, and the trust leader for concerns about a head.
  await seedDemoConcernSettings(deps.db, trust, written);
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
