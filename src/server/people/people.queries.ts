import type { Membership } from '../../domain/people/roles.ts';
import type { Tx } from '../db/with-tenant.ts';

export async function membershipsOf(tx: Tx, personId: string): Promise<Membership[]> {
  const rows = await tx
    .selectFrom('memberships')
    .select(['role', 'school_id'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ role: r.role, schoolId: r.school_id }));
}
