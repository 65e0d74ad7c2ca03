import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';

// Site walks (issue 14): recurring inspections, and the rows the reports read.

const hhmm = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'HH24:MI')`;
// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

export function listSchedules(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('site_inspection_schedules')
    .select([
      'schedule_id',
      'school_id',
      'title',
      'cadence',
      'weekday',
      hhmm('window_start').as('window_start'),
      hhmm('window_end').as('window_end'),
      'lead_id',
      'checklist_version_id',
      'room_ids',
      'how_results_used',
      'names_rooms',
      'starts_on',
      'active',
    ])
    .where('school_id', '=', schoolId)
    .orderBy('title')
    .execute();
}

export function scheduledWalkDates(tx: Tx, scheduleIds: readonly string[]) {
  if (scheduleIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('site_walks as s')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 's.trust_id').onRef('w.walk_id', '=', 's.walk_id'),
    )
    .select([
      's.schedule_id',
      'w.walk_date',
      'w.status',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('site_findings as f')
              .select('f.finding_id')
              .whereRef('f.walk_id', '=', 's.walk_id'),
          )
          .as('walked'),
    ])
    .where('s.schedule_id', 'in', [...scheduleIds])
    .execute();
}

/** Scheduled walks whose lead has not been reminded, dated within the next `days` days. */
export function walksToRemind(tx: Tx, until: string) {
  return tx
    .selectFrom('site_walks as s')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 's.trust_id').onRef('w.walk_id', '=', 's.walk_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 's.trust_id').onRef('p.person_id', '=', 's.lead_id'),
    )
    .innerJoin('schools as sc', (j) =>
      j.onRef('sc.trust_id', '=', 's.trust_id').onRef('sc.school_id', '=', 's.school_id'),
    )
    .select([
      's.walk_id',
      's.school_id',
      's.lead_id',
      'p.email',
      'w.walk_date',
      'w.focus_title',
      'sc.time_zone',
    ])
    .where('s.schedule_id', 'is not', null)
    .where('s.lead_reminded_at', 'is', null)
    .where('w.status', '<>', 'cancelled')
    .where('w.walk_date', '<=', until)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

export function findingsForReport(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('site_findings as f')
    .innerJoin('rooms as r', (j) =>
      j.onRef('r.trust_id', '=', 'f.trust_id').onRef('r.room_id', '=', 'f.room_id'),
    )
    .innerJoin('site_walks as s', (j) =>
      j.onRef('s.trust_id', '=', 'f.trust_id').onRef('s.walk_id', '=', 'f.walk_id'),
    )
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'f.trust_id').onRef('w.walk_id', '=', 'f.walk_id'),
    )
    .leftJoin('framework_look_fors as l', (j) =>
      j.onRef('l.trust_id', '=', 'f.trust_id').onRef('l.look_for_id', '=', 'f.look_for_id'),
    )
    .leftJoin('framework_lenses as c', (j) =>
      j.onRef('c.trust_id', '=', 'l.trust_id').onRef('c.lens_id', '=', 'l.lens_id'),
    )
    .select([
      'f.finding_id',
      'f.outcome',
      'f.band',
      'f.notes',
      'f.make_safe',
      'f.recorded_at',
      'f.action_id',
      'w.walk_date',
      's.names_rooms',
      'r.name as room_name',
      'r.building',
      'r.floor',
      'r.area_kind',
      'r.teaching',
      'l.prompt',
      'c.name as category',
    ])
    .where('f.school_id', '=', schoolId)
    .orderBy('w.walk_date')
    .limit(5000)
    .execute();
}

export function completedWalkCount(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('site_walks as s')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.school_id', '=', schoolId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('site_findings as f')
          .select('f.finding_id')
          .whereRef('f.walk_id', '=', 's.walk_id'),
      ),
    )
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function trustSchools(tx: Tx) {
  return tx
    .selectFrom('schools')
    .select(['school_id', 'name', 'time_zone'])
    .orderBy('name')
    .execute();
}

export function headOf(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_concern_settings as s')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 's.trust_id').onRef('p.person_id', '=', 's.head_person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'p.email'])
    .where('s.school_id', '=', schoolId)
    .where('p.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The school's staff with whether each is a site or business manager (for planning). */
export async function planningPeople(tx: Tx, schoolId: string) {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.full_name', 'm.role'])
    .where('m.school_id', '=', schoolId)
    .where('p.disabled_at', 'is', null)
    .orderBy('p.full_name')
    .execute();
  const out = new Map<string, { id: string; name: string; siteManager: boolean }>();
  for (const r of rows) {
    const p = out.get(r.person_id) ?? { id: r.person_id, name: r.full_name, siteManager: false };
    if (r.role === 'site_manager') p.siteManager = true;
    out.set(r.person_id, p);
  }
  return [...out.values()];
}

/** The latest published version of each health-and-safety framework of the trust. */
export async function publishedChecklists(tx: Tx) {
  const rows = await tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .select(['v.version_id', 'v.name', 'v.framework_id', 'v.version_no'])
    .where('f.kind', '=', 'health_and_safety')
    .where('v.status', '=', 'published')
    .orderBy('v.name')
    .orderBy('v.version_no', 'desc')
    .execute();
  const latest = new Map<string, { versionId: string; name: string }>();
  for (const r of rows)
    if (!latest.has(r.framework_id))
      latest.set(r.framework_id, { versionId: r.version_id, name: r.name });
  return [...latest.values()];
}
