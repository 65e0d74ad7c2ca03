import { sql } from 'kysely';
import {
  type CellCounts,
  type CellDelta,
  COUNT_FIELDS,
  type ContributionInputs,
  cellKeyString,
  cellsOf,
  contributionInputs,
  isoWeekday,
  type LookForMeta,
  parseCellKey,
  storedCells,
  type VisitFacts,
  withAllTermsLevel,
  ZERO,
} from '../../domain/insights/contributions.ts';
import { canonicalBody } from '../../domain/records/body.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * Maintaining the insights rollups (migration 0012) on write. `refreshVisitRollups(tx, visitIds)`
 * runs inside the transaction that hands in or edits a record: for each visit it subtracts what
 * the visit contributed last time (insights_visit_contributions) and adds what its handed-in
 * records contribute now, netted per cell, in a few set-based statements. `rebuildRollups(tx,
 * schoolId)` recomputes a school from the raw records: the tests' oracle and a repair tool.
 *
 * Records removed by a cascade (a walk, visit or person deleted) are caught by a trigger and
 * settled by settleStaleRollups before the dashboards read. Maintenance never refuses a hand-in:
 * counts are clamped at zero, so even rollups that went wrong cannot block capture;
 * rebuildRollups repairs them.
 */

const BATCH = 500;

export async function refreshVisitRollups(tx: Tx, visitIds: readonly string[]): Promise<void> {
  const ids = [...new Set(visitIds)];
  for (let i = 0; i < ids.length; i += BATCH) await refreshBatch(tx, ids.slice(i, i + BATCH));
}

/**
 * Recomputes every rollup of one school from its raw, handed-in records: the school's cells are
 * dropped, every visit's contribution computed (the same function as on write), summed in memory
 * and inserted in bulk. The tests' oracle and a repair tool.
 */
export async function rebuildRollups(tx: Tx, schoolId: string): Promise<{ visits: number }> {
  await tx.deleteFrom('insights_cells').where('school_id', '=', schoolId).execute();
  await tx.deleteFrom('insights_visit_contributions').where('school_id', '=', schoolId).execute();
  const rows = await tx
    .selectFrom('records')
    .select('visit_id')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('handed_in_at', 'is not', null)
    .execute();
  const visitIds = rows.map((r) => r.visit_id);
  const cells = new Map<string, CellRef & { teachers: Map<string, number> }>();
  const meta = new Map<string, LookForMeta>();
  const contributions: {
    visitId: string;
    teacherIds: readonly string[];
    inputs: ContributionInputs;
  }[] = [];
  for (let i = 0; i < visitIds.length; i += 1000) {
    const facts = await loadVisitFacts(tx, visitIds.slice(i, i + 1000));
    const unknown = facts.flatMap((f) =>
      f.records
        .flatMap((r) => r.body.answers.map((a) => a.lookForId))
        .filter((id) => !meta.has(id)),
    );
    for (const [id, m] of await loadLookForMeta(tx, unknown)) meta.set(id, m);
    for (const f of facts) {
      const inputs = contributionInputs(f, meta);
      if (!inputs) continue;
      contributions.push({ visitId: f.visitId, teacherIds: f.teacherIds, inputs });
      for (const c of withAllTermsLevel(cellsOf(inputs))) {
        const key = cellKeyString(c);
        let cell = cells.get(key);
        if (!cell) {
          cell = { schoolId, key, counts: { ...ZERO }, teachers: new Map() };
          cells.set(key, cell);
        }
        for (const field of COUNT_FIELDS) cell.counts[field] += c[field];
        for (const t of f.teacherIds) cell.teachers.set(t, (cell.teachers.get(t) ?? 0) + c.visits);
      }
    }
  }
  const list = [...cells.values()];
  for (let i = 0; i < list.length; i += 2000) {
    const chunk = list.slice(i, i + 2000);
    const c = columnsOf(chunk);
    const ids = await sql<{ ord: string; cell_id: string }>`
      WITH x AS (
        SELECT * FROM unnest(${c.school}::uuid[], ${c.grain}::text[], ${c.term}::text[], ${c.fw}::text[],
          ${c.item}::text[], ${c.kind}::text[], ${c.d1}::text[], ${c.d2}::text[],
          ${c.counts.visits}::int[], ${c.counts.n}::int[], ${c.counts.notSeen}::int[], ${c.counts.some}::int[],
          ${c.counts.most}::int[], ${c.counts.all}::int[], ${c.counts.seen}::int[], ${c.counts.countTotal}::bigint[])
          WITH ORDINALITY AS x(s, g, t, f, i, k, d1, d2, v, n, ns, so, mo, al, se, ct, ord)
      ), ins AS (
        INSERT INTO insights_cells (trust_id, school_id, grain, term_key, framework_id, item, kind,
          dim1, dim2, visits, n, not_seen, some_count, most, all_count, seen, count_total)
        SELECT lw_current_trust(), s, g, t, f, i, k, d1, d2, v, n, ns, so, mo, al, se, ct FROM x
        RETURNING cell_id, school_id, grain, term_key, framework_id, item, kind, dim1, dim2
      )
      SELECT x.ord::text AS ord, ins.cell_id FROM ins JOIN x ON ins.school_id = x.s AND ins.grain = x.g
        AND ins.term_key = x.t AND ins.framework_id = x.f AND ins.item = x.i AND ins.kind = x.k
        AND ins.dim1 = x.d1 AND ins.dim2 = x.d2`.execute(tx);
    const teacherRows: { cellId: string; teacherId: string; visits: number }[] = [];
    for (const r of ids.rows) {
      const cell = chunk[Number(r.ord) - 1]!;
      for (const [t, v] of cell.teachers)
        if (v > 0) teacherRows.push({ cellId: r.cell_id, teacherId: t, visits: v });
    }
    for (let j = 0; j < teacherRows.length; j += 5000) {
      const part = teacherRows.slice(j, j + 5000);
      await sql`
        INSERT INTO insights_cell_teachers (trust_id, cell_id, teacher_id, visits)
        SELECT lw_current_trust(), c, p, v
        FROM unnest(${part.map((t) => t.cellId)}::uuid[], ${part.map((t) => t.teacherId)}::uuid[],
          ${part.map((t) => t.visits)}::int[]) AS x(c, p, v)`.execute(tx);
    }
  }
  for (let i = 0; i < contributions.length; i += 1000) {
    const part = contributions.slice(i, i + 1000);
    await sql`
      INSERT INTO insights_visit_contributions (trust_id, visit_id, school_id, teacher_ids, cells)
      SELECT lw_current_trust(), v, ${schoolId}::uuid, ARRAY(SELECT jsonb_array_elements_text(t))::uuid[], c
      FROM unnest(${part.map((p) => p.visitId)}::uuid[], ${part.map((p) => JSON.stringify(p.teacherIds))}::jsonb[],
        ${part.map((p) => JSON.stringify(p.inputs))}::jsonb[]) AS x(v, t, c)`.execute(tx);
  }
  return { visits: visitIds.length };
}

async function refreshBatch(tx: Tx, visitIds: string[]) {
  if (visitIds.length === 0) return;
  const facts = await loadVisitFacts(tx, visitIds);
  const meta = await loadLookForMeta(
    tx,
    facts.flatMap((f) => f.records.flatMap((r) => r.body.answers.map((a) => a.lookForId))),
  );
  const old = await tx
    .selectFrom('insights_visit_contributions')
    .select(['visit_id', 'school_id', 'teacher_ids', 'cells'])
    .where('visit_id', 'in', visitIds)
    .execute();

  // Net deltas per (school, cell) and per (school, cell, teacher).
  const cells = new Map<string, CellRef>();
  const teachers = new Map<string, { cellRef: string; teacherId: string; visits: number }>();
  const apply = (
    schoolId: string,
    list: readonly CellDelta[],
    teacherIds: readonly string[],
    sign: 1 | -1,
  ) => {
    for (const c of list) {
      const key = cellKeyString(c);
      const ref = `${schoolId}|${key}`;
      let cell = cells.get(ref);
      if (!cell) {
        cell = { schoolId, key, counts: { ...ZERO } };
        cells.set(ref, cell);
      }
      for (const f of COUNT_FIELDS) cell.counts[f] += sign * c[f];
      for (const t of teacherIds) {
        const tref = `${ref}|${t}`;
        const entry = teachers.get(tref) ?? { cellRef: ref, teacherId: t, visits: 0 };
        entry.visits += sign * c.visits;
        teachers.set(tref, entry);
      }
    }
  };
  for (const o of old) {
    apply(o.school_id, withAllTermsLevel(storedCells(o.cells)), o.teacher_ids, -1);
  }
  const fresh = facts.map((f) => ({ facts: f, inputs: contributionInputs(f, meta) }));
  for (const f of fresh) {
    if (f.inputs)
      apply(f.facts.schoolId, withAllTermsLevel(cellsOf(f.inputs)), f.facts.teacherIds, 1);
  }

  const changed = [...cells.values()].filter((c) => COUNT_FIELDS.some((f) => c.counts[f]));
  if (changed.length > 0) await applyCellDeltas(tx, changed);
  const cellIds = await cellIdsOf(tx, [...new Set([...teachers.values()].map((t) => t.cellRef))]);
  const teacherDeltas = [...teachers.values()]
    .filter((t) => t.visits !== 0 && cellIds.has(t.cellRef))
    .map((t) => ({ cellId: cellIds.get(t.cellRef)!, teacherId: t.teacherId, visits: t.visits }));
  if (teacherDeltas.length > 0) await applyTeacherDeltas(tx, teacherDeltas);
  if (changed.length > 0) {
    // Cells no visit contributes to any more go (their teacher rows with them).
    await sql`DELETE FROM insights_cells WHERE trust_id = lw_current_trust() AND cell_id = ANY(${[...cellIds.values()]}::uuid[]) AND visits = 0`.execute(
      tx,
    );
  }
  await sql`DELETE FROM insights_cell_teachers WHERE trust_id = lw_current_trust() AND cell_id = ANY(${[...cellIds.values()]}::uuid[]) AND visits <= 0`.execute(
    tx,
  );

  // Remember what each visit contributes now.
  await tx.deleteFrom('insights_visit_contributions').where('visit_id', 'in', visitIds).execute();
  const keep = fresh.filter((f) => f.inputs !== null);
  if (keep.length > 0) {
    await sql`
      INSERT INTO insights_visit_contributions (trust_id, visit_id, school_id, teacher_ids, cells)
      SELECT lw_current_trust(), v, s, ARRAY(SELECT jsonb_array_elements_text(t))::uuid[], c
      FROM unnest(${keep.map((f) => f.facts.visitId)}::uuid[], ${keep.map((f) => f.facts.schoolId)}::uuid[],
        ${keep.map((f) => JSON.stringify(f.facts.teacherIds))}::jsonb[], ${keep.map((f) => JSON.stringify(f.inputs))}::jsonb[])
        AS x(v, s, t, c)`.execute(tx);
  }
}

type CellRef = { schoolId: string; key: string; counts: CellCounts };

function columnsOf(list: readonly CellRef[]) {
  const keys = list.map((c) => parseCellKey(c.key));
  return {
    school: list.map((c) => c.schoolId),
    grain: keys.map((k) => k.grain as string),
    term: keys.map((k) => k.termKey),
    fw: keys.map((k) => k.frameworkId),
    item: keys.map((k) => k.item),
    kind: keys.map((k) => k.kind as string),
    d1: keys.map((k) => k.dim1),
    d2: keys.map((k) => k.dim2),
    counts: Object.fromEntries(
      COUNT_FIELDS.map((f) => [f, list.map((c) => c.counts[f])]),
    ) as Record<keyof CellCounts, number[]>,
  };
}

/**
 * Adds signed deltas to cells: existing cells are updated (never below zero); cells that do not
 * exist yet are inserted (a concurrent insert of the same cell adds to it instead).
 */
async function applyCellDeltas(tx: Tx, list: readonly CellRef[]) {
  const c = columnsOf(list);
  const x = sql`unnest(${c.school}::uuid[], ${c.grain}::text[], ${c.term}::text[], ${c.fw}::text[],
        ${c.item}::text[], ${c.kind}::text[], ${c.d1}::text[], ${c.d2}::text[],
        ${c.counts.visits}::int[], ${c.counts.n}::int[], ${c.counts.notSeen}::int[], ${c.counts.some}::int[],
        ${c.counts.most}::int[], ${c.counts.all}::int[], ${c.counts.seen}::int[], ${c.counts.countTotal}::bigint[])
        WITH ORDINALITY AS x(s, g, t, f, i, k, d1, d2, v, n, ns, so, mo, al, se, ct, ord)`;
  const updated = await sql<{ ord: number }>`
    WITH x AS (SELECT * FROM ${x})
    UPDATE insights_cells AS c SET
      visits = GREATEST(c.visits + x.v, 0), n = GREATEST(c.n + x.n, 0),
      not_seen = GREATEST(c.not_seen + x.ns, 0), some_count = GREATEST(c.some_count + x.so, 0),
      most = GREATEST(c.most + x.mo, 0), all_count = GREATEST(c.all_count + x.al, 0),
      seen = GREATEST(c.seen + x.se, 0), count_total = GREATEST(c.count_total + x.ct, 0)
    FROM x
    WHERE c.trust_id = lw_current_trust() AND c.school_id = x.s AND c.grain = x.g AND c.term_key = x.t AND c.framework_id = x.f
      AND c.item = x.i AND c.kind = x.k AND c.dim1 = x.d1 AND c.dim2 = x.d2
    RETURNING x.ord`.execute(tx);
  const done = new Set(updated.rows.map((r) => Number(r.ord)));
  const rest = list.filter((cell, n) => !done.has(n + 1) && cell.counts.visits > 0);
  if (rest.length === 0) return;
  const r = columnsOf(rest);
  await sql`
    INSERT INTO insights_cells AS c (trust_id, school_id, grain, term_key, framework_id, item, kind,
      dim1, dim2, visits, n, not_seen, some_count, most, all_count, seen, count_total)
    SELECT lw_current_trust(), s, g, t, f, i, k, d1, d2, GREATEST(v, 0), GREATEST(n, 0),
      GREATEST(ns, 0), GREATEST(so, 0), GREATEST(mo, 0), GREATEST(al, 0), GREATEST(se, 0), GREATEST(ct, 0)
    FROM unnest(${r.school}::uuid[], ${r.grain}::text[], ${r.term}::text[], ${r.fw}::text[],
      ${r.item}::text[], ${r.kind}::text[], ${r.d1}::text[], ${r.d2}::text[],
      ${r.counts.visits}::int[], ${r.counts.n}::int[], ${r.counts.notSeen}::int[], ${r.counts.some}::int[],
      ${r.counts.most}::int[], ${r.counts.all}::int[], ${r.counts.seen}::int[], ${r.counts.countTotal}::bigint[])
      AS x(s, g, t, f, i, k, d1, d2, v, n, ns, so, mo, al, se, ct)
    ON CONFLICT (trust_id, school_id, grain, term_key, framework_id, item, kind, dim1, dim2) DO UPDATE SET
      visits = c.visits + EXCLUDED.visits, n = c.n + EXCLUDED.n, not_seen = c.not_seen + EXCLUDED.not_seen,
      some_count = c.some_count + EXCLUDED.some_count, most = c.most + EXCLUDED.most,
      all_count = c.all_count + EXCLUDED.all_count, seen = c.seen + EXCLUDED.seen,
      count_total = c.count_total + EXCLUDED.count_total`.execute(tx);
}

/** cell ids by "school|cell key", for the cells that exist. */
async function cellIdsOf(tx: Tx, refs: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (refs.length === 0) return out;
  const list = refs.map((ref) => {
    const at = ref.indexOf('|');
    return { schoolId: ref.slice(0, at), key: ref.slice(at + 1), counts: { ...ZERO } };
  });
  const c = columnsOf(list);
  const rows = await sql<{ ord: number; cell_id: string }>`
    SELECT x.ord, c.cell_id FROM unnest(${c.school}::uuid[], ${c.grain}::text[], ${c.term}::text[],
      ${c.fw}::text[], ${c.item}::text[], ${c.kind}::text[], ${c.d1}::text[], ${c.d2}::text[])
      WITH ORDINALITY AS x(s, g, t, f, i, k, d1, d2, ord)
    JOIN insights_cells c ON c.trust_id = lw_current_trust() AND c.school_id = x.s AND c.grain = x.g AND c.term_key = x.t
      AND c.framework_id = x.f AND c.item = x.i AND c.kind = x.k AND c.dim1 = x.d1 AND c.dim2 = x.d2`.execute(
    tx,
  );
  for (const r of rows.rows) out.set(refs[Number(r.ord) - 1]!, r.cell_id);
  return out;
}

async function applyTeacherDeltas(
  tx: Tx,
  list: readonly { cellId: string; teacherId: string; visits: number }[],
) {
  const cells = list.map((t) => t.cellId);
  const people = list.map((t) => t.teacherId);
  const visits = list.map((t) => t.visits);
  const updated = await sql<{ ord: number }>`
    WITH x AS (SELECT * FROM unnest(${cells}::uuid[], ${people}::uuid[], ${visits}::int[])
      WITH ORDINALITY AS x(c, p, v, ord))
    UPDATE insights_cell_teachers AS t SET visits = GREATEST(t.visits + x.v, 0)
    FROM x WHERE t.trust_id = lw_current_trust() AND t.cell_id = x.c AND t.teacher_id = x.p
    RETURNING x.ord`.execute(tx);
  const done = new Set(updated.rows.map((r) => Number(r.ord)));
  const rest = list.filter((t, n) => !done.has(n + 1) && t.visits > 0);
  if (rest.length === 0) return;
  await sql`
    INSERT INTO insights_cell_teachers AS t (trust_id, cell_id, teacher_id, visits)
    SELECT lw_current_trust(), c, p, v
    FROM unnest(${rest.map((t) => t.cellId)}::uuid[], ${rest.map((t) => t.teacherId)}::uuid[],
      ${rest.map((t) => t.visits)}::int[]) AS x(c, p, v)
    ON CONFLICT (trust_id, cell_id, teacher_id) DO UPDATE SET visits = t.visits + EXCLUDED.visits`.execute(
    tx,
  );
}

/** The facts of each visit that has at least one handed-in record (others get none). */
export async function loadVisitFacts(tx: Tx, visitIds: readonly string[]): Promise<VisitFacts[]> {
  if (visitIds.length === 0) return [];
  const visits = await tx
    .selectFrom('visits as v')
    .leftJoin('lessons as l', (j) =>
      j.onRef('l.trust_id', '=', 'v.trust_id').onRef('l.lesson_id', '=', 'v.lesson_id'),
    )
    .leftJoin('periods as p', (j) =>
      j.onRef('p.trust_id', '=', 'l.trust_id').onRef('p.period_id', '=', 'l.period_id'),
    )
    .select([
      'v.visit_id',
      'v.school_id',
      'v.walk_id',
      'v.visit_date',
      'v.teacher_id',
      'v.department',
      'v.year_group',
      'p.ordinal',
      (eb) =>
        eb
          .selectFrom('school_terms as t')
          .select(sql<string>`t.term_id::text`.as('term_id'))
          .whereRef('t.school_id', '=', 'v.school_id')
          .whereRef('t.starts_on', '<=', 'v.visit_date')
          .whereRef('t.ends_on', '>=', 'v.visit_date')
          .orderBy('t.starts_on')
          .limit(1)
          .as('term_id'),
    ])
    .where('v.visit_id', 'in', visitIds)
    .execute();
  const [co, records] = await Promise.all([
    tx
      .selectFrom('visit_co_teachers')
      .select(['visit_id', 'person_id'])
      .where('visit_id', 'in', visitIds)
      .orderBy('person_id')
      .execute(),
    tx
      .selectFrom('records')
      .select(['visit_id', 'framework_version_id', 'body'])
      .where('visit_id', 'in', visitIds)
      .where('handed_in_at', 'is not', null)
      .orderBy('record_id')
      .execute(),
  ]);
  const coOf = new Map<string, string[]>();
  for (const c of co) coOf.set(c.visit_id, [...(coOf.get(c.visit_id) ?? []), c.person_id]);
  const recordsOf = new Map<string, VisitFacts['records'][number][]>();
  for (const r of records) {
    const list = recordsOf.get(r.visit_id) ?? [];
    list.push({
      frameworkVersionId: r.framework_version_id,
      body: canonicalBody(r.body as Parameters<typeof canonicalBody>[0]),
    });
    recordsOf.set(r.visit_id, list);
  }
  return visits.map((v) => ({
    visitId: v.visit_id,
    schoolId: v.school_id,
    walkId: v.walk_id,
    date: v.visit_date,
    termKey: v.term_id ?? '',
    weekday: isoWeekday(v.visit_date),
    periodOrdinal: v.ordinal ?? null,
    department: v.department,
    yearGroup: v.year_group,
    teacherIds: [v.teacher_id, ...(coOf.get(v.visit_id) ?? []).filter((p) => p !== v.teacher_id)],
    records: recordsOf.get(v.visit_id) ?? [],
  }));
}

/**
 * Each look-for's framework, lens and series (the root of its continuity chain: published
 * versions are frozen, so a look-for's root never changes). School look-fors are their own series.
 */
export async function loadLookForMeta(
  tx: Tx,
  lookForIds: readonly string[],
): Promise<Map<string, LookForMeta>> {
  const ids = [...new Set(lookForIds)];
  const out = new Map<string, LookForMeta>();
  if (ids.length === 0) return out;
  type Row = { id: string; continues: string | null; frameworkId: string; lensKey: string };
  const known = new Map<string, Row>();
  let wanted = ids;
  while (wanted.length > 0) {
    const rows = await tx
      .selectFrom('framework_look_fors as f')
      .innerJoin('framework_versions as fv', (j) =>
        j.onRef('fv.trust_id', '=', 'f.trust_id').onRef('fv.version_id', '=', 'f.version_id'),
      )
      .innerJoin('framework_lenses as l', (j) =>
        j.onRef('l.trust_id', '=', 'f.trust_id').onRef('l.lens_id', '=', 'f.lens_id'),
      )
      .select([
        'f.look_for_id as id',
        'f.continues_look_for_id as continues',
        'fv.framework_id as frameworkId',
        'l.key as lensKey',
      ])
      .where('f.look_for_id', 'in', wanted)
      .execute();
    for (const r of rows) known.set(r.id, r);
    wanted = [
      ...new Set(rows.map((r) => r.continues).filter((c): c is string => !!c && !known.has(c))),
    ];
  }
  const rootOf = (id: string): string => {
    let at = id;
    for (let guard = 0; guard < 1000; guard++) {
      const next = known.get(at)?.continues;
      if (!next || !known.has(next)) return at;
      at = next;
    }
    return at;
  };
  const schoolOnes = ids.filter((id) => !known.has(id));
  if (schoolOnes.length > 0) {
    const rows = await tx
      .selectFrom('school_look_fors')
      .select('school_look_for_id')
      .where('school_look_for_id', 'in', schoolOnes)
      .execute();
    for (const r of rows) {
      out.set(r.school_look_for_id, {
        frameworkId: '',
        series: `school:${r.school_look_for_id}`,
        lensKey: null,
      });
    }
  }
  for (const id of ids) {
    const row = known.get(id);
    if (row)
      out.set(id, { frameworkId: row.frameworkId, series: rootOf(id), lensKey: row.lensKey });
  }
  return out;
}

/**
 * Settles visits whose handed-in records were deleted by a cascade (a walk, visit or person
 * removed): a trigger (migration 0014) lists them in insights_stale_visits, and this refreshes
 * them, subtracting what they contributed. Deleting the list's rows first takes their locks, so
 * two requests settling at once cannot subtract the same contribution twice.
 */
export async function settleStaleRollups(tx: Tx): Promise<number> {
  const rows = await sql<{ visit_id: string }>`
    DELETE FROM insights_stale_visits WHERE trust_id = lw_current_trust() RETURNING visit_id`.execute(
    tx,
  );
  if (rows.rows.length === 0) return 0;
  await refreshVisitRollups(
    tx,
    rows.rows.map((r) => r.visit_id),
  );
  return rows.rows.length;
}

/** Refreshes the rollups of every visit of a walk (after its records are handed in). */
export async function refreshWalkRollups(tx: Tx, walkId: string): Promise<void> {
  const rows = await tx
    .selectFrom('records')
    .select('visit_id')
    .distinct()
    .where('walk_id', '=', walkId)
    .execute();
  await refreshVisitRollups(
    tx,
    rows.map((r) => r.visit_id),
  );
}
