import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Walk } from '../../contracts/walks.ts';
import type { Tx } from '../db/with-tenant.ts';
import { shownNameOf } from '../kernel/former-staff.ts';
import { schoolToday } from '../kernel/school-predicates.ts';
import { observesWalk } from '../kernel/visit-predicates.ts';
import { walkDto } from './walk-detail.ts';

const hhmm = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'HH24:MI')`;

export type WalkListFilter = {
  schoolId?: string;
  observerId?: string;
  fromNow?: Date;
  /** Walks on or after this school day (YYYY-MM-DD). */
  from?: string;
  /** Walks on or before this school day (YYYY-MM-DD). */
  to?: string;
};

/**
 * A page of walks in one statement (issue 22): each walk with its school, programme, observers
 * and focus filters (as JSON arrays), and the count of all matching walks beside every row.
 * The cost is the page's, not the school's: the page's walks are chosen first, from the index
 * in list order (walks_school_list, migration 0045), and only they are joined and described;
 * the count reads the same index and nothing else. No statement per walk.
 */
export async function walkPage(
  tx: Tx,
  filter: WalkListFilter,
  page: { limit: number; offset: number } | null,
): Promise<{ walks: Walk[]; total: number }> {
  const rows = await walkPageQuery(tx, filter, page).execute();
  const walks = rows.map((w) => walkDto(w, w));
  return { walks, total: page ? (rows[0]?.total ?? 0) : walks.length };
}

/** The walks matching the filter: for the page (in list order) and for the count. */
function matching(tx: Tx, filter: WalkListFilter) {
  let query = tx.selectFrom('walks as w');
  if (filter.schoolId) query = query.where('w.school_id', '=', filter.schoolId);
  const fromNow = filter.fromNow;
  if (fromNow) {
    // Today where the walk's school is.
    query = query.where((eb) =>
      eb(
        'w.walk_date',
        '>=',
        eb
          .selectFrom('schools as s')
          .select(sql<string>`${schoolToday(fromNow)}`.as('today'))
          .whereRef('s.trust_id', '=', 'w.trust_id')
          .whereRef('s.school_id', '=', 'w.school_id'),
      ),
    );
  }
  if (filter.from) query = query.where('w.walk_date', '>=', filter.from);
  if (filter.to) query = query.where('w.walk_date', '<=', filter.to);
  if (filter.observerId) {
    query = query.where('w.status', '=', 'published').where(observesWalk(filter.observerId));
  }
  return query;
}

/** The statement behind walkPage (bench/explain-walk-list.ts explains it). */
export function walkPageQuery(
  tx: Tx,
  filter: WalkListFilter,
  page: { limit: number; offset: number } | null,
) {
  let chosen = matching(tx, filter)
    .select(['w.trust_id', 'w.walk_id', 'w.walk_date', 'w.window_start'])
    .orderBy('w.walk_date')
    .orderBy('w.window_start')
    .orderBy('w.walk_id');
  if (page) chosen = chosen.limit(page.limit).offset(page.offset);
  return tx
    .with('page', () => chosen)
    .selectFrom('page as pg')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'pg.trust_id').onRef('w.walk_id', '=', 'pg.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .leftJoin('programmes as p', (j) =>
      j.onRef('p.trust_id', '=', 'w.trust_id').onRef('p.programme_id', '=', 'w.programme_id'),
    )
    .select((eb) => [
      'w.walk_id',
      'w.school_id',
      's.name as school_name',
      'w.programme_id',
      'p.title as programme_title',
      'p.status as programme_status',
      'w.off_programme_reason',
      'w.kind',
      'w.walk_date',
      hhmm('w.window_start').as('window_start'),
      hhmm('w.window_end').as('window_end'),
      'w.focus_id',
      'w.focus_title',
      'w.purpose',
      'w.status',
      'w.published_at',
      'w.cancel_reason',
      'w.focus_size_reason',
      page
        ? matching(tx, filter).select(sql<number>`count(*)::int`.as('n')).$asScalar().as('total')
        : sql<number>`0`.as('total'),
      // How many look-fors the focus asks, and how many the school recommends (issue 21).
      eb
        .selectFrom('focus_look_fors as fl')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('fl.trust_id', '=', 'w.trust_id')
        .whereRef('fl.focus_id', '=', 'w.focus_id')
        .as('framework_look_for_count'),
      eb
        .selectFrom('focus_school_look_fors as fs')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('fs.trust_id', '=', 'w.trust_id')
        .whereRef('fs.focus_id', '=', 'w.focus_id')
        .as('school_look_for_count'),
      eb
        .selectFrom('school_protocol_settings as ps')
        .select('ps.recommended_look_fors')
        .whereRef('ps.trust_id', '=', 'w.trust_id')
        .whereRef('ps.school_id', '=', 'w.school_id')
        .as('recommended_look_fors'),
      jsonArrayFrom(
        eb
          .selectFrom('walk_observers as o')
          .innerJoin('people as op', (j) =>
            j.onRef('op.trust_id', '=', 'o.trust_id').onRef('op.person_id', '=', 'o.person_id'),
          )
          .select(['o.person_id as id', shownNameOf('op').as('fullName')])
          .whereRef('o.trust_id', '=', 'w.trust_id')
          .whereRef('o.walk_id', '=', 'w.walk_id')
          .orderBy('op.full_name'),
      ).as('observers'),
      jsonArrayFrom(
        eb
          .selectFrom('walk_departments as f')
          .innerJoin('departments as d', (j) =>
            j
              .onRef('d.trust_id', '=', 'f.trust_id')
              .onRef('d.department_id', '=', 'f.department_id'),
          )
          .select(['d.department_id as id', 'd.name'])
          .whereRef('f.trust_id', '=', 'w.trust_id')
          .whereRef('f.walk_id', '=', 'w.walk_id')
          .orderBy('d.name'),
      ).as('departments'),
      jsonArrayFrom(
        eb
          .selectFrom('walk_year_groups as f')
          .innerJoin('year_groups as y', (j) =>
            j
              .onRef('y.trust_id', '=', 'f.trust_id')
              .onRef('y.year_group_id', '=', 'f.year_group_id'),
          )
          .select(['y.year_group_id as id', 'y.name'])
          .whereRef('f.trust_id', '=', 'w.trust_id')
          .whereRef('f.walk_id', '=', 'w.walk_id')
          .orderBy('y.ordinal'),
      ).as('yearGroups'),
    ])
    .orderBy('pg.walk_date')
    .orderBy('pg.window_start')
    .orderBy('pg.walk_id');
}

/** How many walks match, for a page past the last one. */
export async function countWalks(tx: Tx, filter: { schoolId: string; from?: string; to?: string }) {
  let query = tx
    .selectFrom('walks as w')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('w.school_id', '=', filter.schoolId);
  if (filter.from) query = query.where('w.walk_date', '>=', filter.from);
  if (filter.to) query = query.where('w.walk_date', '<=', filter.to);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
