import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { DemoTrust } from './demo-trust.ts';
import type { WrittenTrust } from './write-trust.ts';

/**
 * Who receives concerns in the demo trust (rule 12): each school's head (the first of its staff)
 * and, for concerns about a head, the trust leader. Five school days to acknowledge (the default).
 */
export async function seedDemoConcernSettings(
  db: Kysely<DB>,
  trust: DemoTrust,
  written: WrittenTrust,
) {
  await withTenant(db, written.trustId, async (tx) => {
    for (const school of trust.schools) {
      const head = school.staff[0];
      const schoolId = written.schoolIds.get(school.name);
      if (!head || !schoolId) continue;
      await tx
        .insertInto('school_concern_settings')
        .values({
          trust_id: written.trustId,
          school_id: schoolId,
          head_person_id: written.personIds.get(head.email)!,
        })
        .execute();
    }
    const leader = trust.trustStaff.find((p) => p.roles.includes('trust_leader'));
    if (leader) {
      await tx
        .insertInto('trust_concern_settings')
        .values({
          trust_id: written.trustId,
          named_person_id: written.personIds.get(leader.email)!,
          named_role: 'trust_leader',
        })
        .execute();
    }
  });
}
