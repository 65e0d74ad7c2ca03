import { type Kysely, sql } from 'kysely';
import type { Phase } from '../db/schema/people-and-schools.ts';
import type { DB } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Serialises the making of trusts across the installation (a transaction-scoped advisory lock,
 * released at commit): two set-up wizards racing make one trust.
 */
export async function lockTrustMaking(tx: Tx) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('learning-walks:make-trust'))`.execute(tx);
}

/** Whether any account exists (auth_identities is read before any tenant is known). */
export async function anyAccount(db: Kysely<DB> | Tx) {
  const row = await db.selectFrom('auth_identities').select('trust_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Every trust's short name, read inside the caller's transaction (under the making lock) by
 * setting each trust as the tenant in turn, then the caller's own again.
 */
export async function takenSlugs(tx: Tx, ownTrustId: string): Promise<Set<string>> {
  const ids = await sql<{
    trust_id: string;
  }>`SELECT DISTINCT trust_id FROM auth_identities`.execute(tx);
  const slugs = new Set<string>();
  try {
    for (const { trust_id } of ids.rows) {
      await sql`SELECT set_config('app.trust_id', ${trust_id}, true)`.execute(tx);
      const row = await tx
        .selectFrom('trusts')
        .select('slug')
        .where('trust_id', '=', trust_id)
        .executeTakeFirst();
      if (row) slugs.add(row.slug);
    }
  } finally {
    await sql`SELECT set_config('app.trust_id', ${ownTrustId}, true)`.execute(tx);
  }
  return slugs;
}

export function insertTrust(
  tx: Tx,
  trust: { trustId: string; name: string; slug: string; singleSchool: boolean; now: Date },
) {
  return tx
    .insertInto('trusts')
    .values({
      trust_id: trust.trustId,
      name: trust.name,
      slug: trust.slug,
      single_school: trust.singleSchool,
      created_at: trust.now,
    })
    .execute();
}

export async function insertFirstAdmin(
  tx: Tx,
  admin: {
    trustId: string;
    fullName: string;
    email: string;
    passwordHash: string | null;
    now: Date;
  },
) {
  const person = await tx
    .insertInto('people')
    .values({
      trust_id: admin.trustId,
      full_name: admin.fullName,
      title: null,
      email: admin.email,
      created_at: admin.now,
    })
    .returning('person_id')
    .executeTakeFirstOrThrow();
  const personId = person.person_id;
  await tx
    .insertInto('auth_identities')
    .values({ email: admin.email, trust_id: admin.trustId, person_id: personId })
    .execute();
  await tx
    .insertInto('memberships')
    .values({ trust_id: admin.trustId, person_id: personId, school_id: null, role: 'trust_admin' })
    .execute();
  if (admin.passwordHash) {
    await tx
      .insertInto('credentials')
      .values({
        trust_id: admin.trustId,
        person_id: personId,
        password_hash: admin.passwordHash,
        updated_at: admin.now,
      })
      .execute();
  }
  return personId;
}

export function insertSchool(tx: Tx, school: { trustId: string; name: string; phase: Phase }) {
  return tx
    .insertInto('schools')
    .values({
      trust_id: school.trustId,
      name: school.name,
      phase: school.phase,
      urn: null,
      timetable_cycle_weeks: 1,
    })
    .returning('school_id')
    .executeTakeFirstOrThrow();
}

export function findTrust(tx: Tx, trustId: string) {
  return tx
    .selectFrom('trusts')
    .select(['trust_id', 'name', 'slug', 'single_school', 'disabled_at', 'created_at'])
    .where('trust_id', '=', trustId)
    .executeTakeFirst();
}

export function setTrustDisabled(tx: Tx, trustId: string, disabledAt: Date | null) {
  return tx
    .updateTable('trusts')
    .set({ disabled_at: disabledAt })
    .where('trust_id', '=', trustId)
    .execute();
}

/** Ends every live session of the trust at once. */
export function endTrustSessions(tx: Tx, now: Date) {
  return tx.updateTable('sessions').set({ ended_at: now }).where('ended_at', 'is', null).execute();
}

/** How many people and schools a trust has, for the operators' list. */
export async function trustCounts(tx: Tx) {
  const [people, schools] = await Promise.all([
    tx
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('schools')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { people: Number(people.n), schools: Number(schools.n) };
}

/** Every account's email and password hash in the trust (the demo-password check at start-up). */
export function credentialsOfTrust(tx: Tx) {
  return tx
    .selectFrom('credentials')
    .innerJoin('people', (j) =>
      j
        .onRef('people.trust_id', '=', 'credentials.trust_id')
        .onRef('people.person_id', '=', 'credentials.person_id'),
    )
    .select(['people.email', 'credentials.password_hash'])
    .where('people.disabled_at', 'is', null)
    .execute();
}

/** What the getting-started checklist reads: per school, counts of what set-up has made. */
export function schoolFacts(tx: Tx) {
  const count = (table: 'school_terms' | 'school_closures' | 'rooms' | 'lessons') =>
    sql<string>`(SELECT count(*) FROM ${sql.table(table)} x WHERE x.trust_id = s.trust_id AND x.school_id = s.school_id)`;
  return tx
    .selectFrom('schools as s')
    .select([
      's.school_id',
      's.name',
      count('school_terms').as('terms'),
      count('school_closures').as('closures'),
      count('rooms').as('rooms'),
      count('lessons').as('lessons'),
      sql<string>`(SELECT count(DISTINCT m.person_id) FROM memberships m WHERE m.trust_id = s.trust_id AND m.school_id = s.school_id AND m.role = 'school_leader')`.as(
        'leaders',
      ),
      sql<string>`(SELECT count(DISTINCT m.person_id) FROM memberships m WHERE m.trust_id = s.trust_id AND m.school_id = s.school_id AND m.role IN ('teacher', 'observer'))`.as(
        'staff',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM school_protocol_settings p WHERE p.trust_id = s.trust_id AND p.school_id = s.school_id)`.as(
        'settings_saved',
      ),
      sql<string>`(SELECT count(*) FROM programmes p WHERE p.trust_id = s.trust_id AND p.school_id = s.school_id AND p.status <> 'draft')`.as(
        'programmes_consulted',
      ),
    ])
    .orderBy('s.name')
    .execute();
}

export async function publishedFrameworks(tx: Tx) {
  const row = await tx
    .selectFrom('framework_versions')
    .select((eb) => eb.fn.count<string>('framework_id').distinct().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
