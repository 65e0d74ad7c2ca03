import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/** The outbox, newest first; schoolIds limits it to mail for those schools' staff (null: all). */
export function listOutbox(
  tx: Tx,
  schoolIds: readonly string[] | null,
  page: { limit: number; offset: number },
) {
  let query = tx.selectFrom('mail_outbox as o');
  if (schoolIds) {
    query = query.where('o.to_address', 'in', (eb) =>
      eb
        .selectFrom('people as p')
        .innerJoin('memberships as m', (join) =>
          join.onRef('m.trust_id', '=', 'p.trust_id').onRef('m.person_id', '=', 'p.person_id'),
        )
        .select('p.email')
        .where('m.school_id', 'in', schoolIds),
    );
  }
  return query
    .select([
      'o.mail_id',
      'o.to_address',
      'o.subject',
      'o.text_body',
      'o.delivery',
      'o.carries_credential',
      'o.created_at',
      'o.sent_at',
      'o.last_error',
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.mail_id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export function countOutbox(tx: Tx, schoolIds: readonly string[] | null) {
  let query = tx.selectFrom('mail_outbox as o');
  if (schoolIds) {
    query = query.where('o.to_address', 'in', (eb) =>
      eb
        .selectFrom('people as p')
        .innerJoin('memberships as m', (join) =>
          join.onRef('m.trust_id', '=', 'p.trust_id').onRef('m.person_id', '=', 'p.person_id'),
        )
        .select('p.email')
        .where('m.school_id', 'in', schoolIds),
    );
  }
  return query
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export function listSchoolIds(tx: Tx) {
  return tx
    .selectFrom('schools')
    .select('school_id')
    .execute()
    .then((rows) => rows.map((r) => r.school_id));
}
