import { type Expression, type SqlBool, sql } from 'kysely';
import type { AuditQuery } from '../../contracts/data-protection.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Events touching a school: its own row, its walks, visits, records, programmes, debriefs,
 * reviews and concerns, or an actor or subject person who belongs to it.
 */
function inSchool(schoolId: string): Expression<SqlBool> {
  const ofTable = (table: string, id: string) =>
    sql`SELECT ${sql.ref(id)}::text FROM ${sql.table(table)} WHERE school_id = ${schoolId}`;
  return sql<SqlBool>`(
    a.subject_id = ${schoolId}
    OR a.subject_id IN (${ofTable('walks', 'walk_id')})
    OR a.subject_id IN (${ofTable('visits', 'visit_id')})
    OR a.subject_id IN (${ofTable('records', 'record_id')})
    OR a.subject_id IN (${ofTable('programmes', 'programme_id')})
    OR a.subject_id IN (${ofTable('debriefs', 'debrief_id')})
    OR a.subject_id IN (${ofTable('reviews', 'review_id')})
    OR a.subject_id IN (${ofTable('concerns', 'concern_id')})
    OR a.actor_person_id IN (SELECT person_id FROM memberships WHERE school_id = ${schoolId})
    OR a.subject_id IN (SELECT person_id::text FROM memberships WHERE school_id = ${schoolId})
  )`;
}

function filtered(tx: Tx, f: AuditQuery) {
  let query = tx
    .selectFrom('audit_events as a')
    .leftJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'a.trust_id').onRef('p.person_id', '=', 'a.actor_person_id'),
    )
    .leftJoin('people as s', (j) =>
      j
        .onRef('s.trust_id', '=', 'a.trust_id')
        .on(sql<SqlBool>`a.subject_type = 'person' AND s.person_id::text = a.subject_id`),
    );
  if (f.person) {
    const like = `%${f.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('p.full_name', 'ilike', like),
        eb('p.email', 'ilike', like),
        eb('s.full_name', 'ilike', like),
        eb('s.email', 'ilike', like),
      ]),
    );
  }
  if (f.action) query = query.where('a.action', '=', f.action);
  if (f.from) query = query.where('a.at', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to) query = query.where('a.at', '<', sql<Date>`${f.to}::date + 1`);
  if (f.school) query = query.where(inSchool(f.school));
  return query;
}

export async function auditPage(tx: Tx, f: AuditQuery, limit: number, offset: number) {
  const base = filtered(tx, f);
  const total = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
    .then((r) => Number(r?.n ?? 0));
  const rows = await base
    .select([
      'a.event_id',
      'a.at',
      'a.actor_person_id',
      'p.full_name as actor_name',
      'a.action',
      'a.subject_type',
      'a.subject_id',
      's.full_name as subject_name',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.event_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total, rows };
}

export const auditActions = (tx: Tx) =>
  tx
    .selectFrom('audit_events')
    .select('action')
    .distinct()
    .orderBy('action')
    .execute()
    .then((rows) => rows.map((r) => r.action));

export const schoolExists = (tx: Tx, schoolId: string) =>
  tx.selectFrom('schools').select('school_id').where('school_id', '=', schoolId).executeTakeFirst();

/** Reads of the records (and photos) of visits to a teacher's lessons, newest first. */
export function readersOfMyRecords(tx: Tx, personId: string) {
  const mine = sql<SqlBool>`(v.teacher_id = ${personId} OR v.visit_id IN
    (SELECT c.visit_id FROM visit_co_teachers c WHERE c.trust_id = v.trust_id AND c.person_id = ${personId}))`;
  return sql<{
    event_id: string;
    at: Date;
    reader: string | null;
    what: 'record' | 'photo';
    visit_date: string;
    class_code: string;
  }>`
    SELECT a.event_id, a.at, p.full_name AS reader,
      CASE WHEN a.action = 'record.read_photo' THEN 'photo' ELSE 'record' END AS what,
      v.visit_date, v.class_code
    FROM audit_events a
    LEFT JOIN records r ON r.trust_id = a.trust_id AND a.action = 'record.read'
      AND r.record_id::text = a.subject_id
    LEFT JOIN record_photos ph ON ph.trust_id = a.trust_id AND a.action = 'record.read_photo'
      AND ph.photo_id::text = a.subject_id
    JOIN records rr ON rr.trust_id = a.trust_id AND rr.record_id = coalesce(r.record_id, ph.record_id)
    JOIN visits v ON v.trust_id = rr.trust_id AND v.visit_id = rr.visit_id
    LEFT JOIN people p ON p.trust_id = a.trust_id AND p.person_id = a.actor_person_id
    WHERE a.action IN ('record.read', 'record.read_photo') AND ${mine}
    ORDER BY a.at DESC
    LIMIT 500`
    .execute(tx)
    .then((r) => r.rows);
}
