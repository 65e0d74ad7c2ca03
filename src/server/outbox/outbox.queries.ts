import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

/** `%` and `_` match themselves in a search, not any text. */
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the outbox, newest first, with the number of mails matching (one query per page).
 * schoolIds limits it to mail for those schools' staff (null: all); `search` finds words in the
 * address, the subject or the kind of mail.
 */
export function pageOfOutbox(
  tx: Tx,
  schoolIds: readonly string[] | null,
  page: { limit: number; offset: number; search?: string | undefined },
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
  for (const word of (page.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = `%${likeEscaped(word)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('o.to_address', 'ilike', pattern),
        eb('o.subject', 'ilike', pattern),
        eb(sql`replace(coalesce(o.kind, ''), '_', ' ')`, 'ilike', pattern),
      ]),
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
      'o.kind',
      'o.created_at',
      'o.sent_at',
      'o.last_error',
      sql<number>`(count(*) over ())::int`.as('total'),
    ])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.mail_id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export function listSchoolIds(tx: Tx) {
  return tx
    .selectFrom('schools')
    .select('school_id')
    .execute()
    .then((rows) => rows.map((r) => r.school_id));
}
