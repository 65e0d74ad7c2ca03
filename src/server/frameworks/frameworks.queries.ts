import { sql } from 'kysely';
import type { FrameworkContent, FrameworkKind, Guidance } from '../../domain/frameworks/types.ts';
import type { Tx } from '../db/with-tenant.ts';

export function listFrameworks(tx: Tx) {
  return tx
    .selectFrom('frameworks')
    .select(['framework_id', 'trust_id', 'name', 'kind', 'description'])
    .orderBy('name')
    .execute();
}

export function findFramework(tx: Tx, frameworkId: string) {
  return tx
    .selectFrom('frameworks')
    .select(['framework_id', 'trust_id', 'name', 'kind', 'description'])
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
}

export function frameworkNameTaken(tx: Tx, name: string) {
  return tx
    .selectFrom('frameworks')
    .select('framework_id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

const versionColumns = [
  'version_id',
  'framework_id',
  'version_no',
  'status',
  'name',
  'description',
  'published_at',
] as const;

export function listVersions(tx: Tx, frameworkIds: readonly string[]) {
  if (frameworkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('framework_versions')
    .select(versionColumns)
    .where('framework_id', 'in', frameworkIds)
    .orderBy('version_no')
    .execute();
}

export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

export function findVersionByNo(tx: Tx, frameworkId: string, versionNo: number) {
  return tx
    .selectFrom('framework_versions')
    .select(versionColumns)
    .where('framework_id', '=', frameworkId)
    .where('version_no', '=', versionNo)
    .executeTakeFirst();
}

export function findVersionById(tx: Tx, versionId: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', 'f.framework_id', 'v.framework_id')
    .select([
      'v.version_id',
      'v.framework_id',
      'v.version_no',
      'v.status',
      'v.name',
      'f.trust_id',
      'f.kind',
    ])
    .where('v.version_id', '=', versionId)
    .executeTakeFirst();
}

export function insertFramework(
  tx: Tx,
  row: {
    trustId: string;
    name: string;
    kind: FrameworkKind;
    description: string;
    createdBy: string;
  },
) {
  return tx
    .insertInto('frameworks')
    .values({
      trust_id: row.trustId,
      name: row.name,
      kind: row.kind,
      description: row.description,
      created_by: row.createdBy,
    })
    .returning('framework_id')
    .executeTakeFirstOrThrow();
}

export function insertDraftVersion(
  tx: Tx,
  row: {
    trustId: string;
    frameworkId: string;
    versionNo: number;
    name: string;
    description: string;
  },
) {
  return tx
    .insertInto('framework_versions')
    .values({
      trust_id: row.trustId,
      framework_id: row.frameworkId,
      version_no: row.versionNo,
      status: 'draft',
      name: row.name,
      description: row.description,
    })
    .returning('version_id')
    .executeTakeFirstOrThrow();
}

export type LensRow = {
  lens_id: string;
  key: string;
  name: string;
  description: string;
};
export type LookForRow = {
  look_for_id: string;
  lens_id: string;
  key: string;
  prompt: string;
  answer_kind: FrameworkContent['lenses'][number]['lookFors'][number]['answerKind'];
  audience: 'observer' | 'pupils';
  guidance: Guidance;
  continues: string | null;
};

/** The lenses and look-fors of one version, in order, with the key each look-for continues. */
export async function loadContent(tx: Tx, versionId: string) {
  const lenses: LensRow[] = await tx
    .selectFrom('framework_lenses')
    .select(['lens_id', 'key', 'name', 'description'])
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();
  const lookFors: LookForRow[] = await tx
    .selectFrom('framework_look_fors as f')
    .leftJoin('framework_look_fors as prev', (join) =>
      join
        .onRef('prev.trust_id', '=', 'f.trust_id')
        .onRef('prev.look_for_id', '=', 'f.continues_look_for_id'),
    )
    .select([
      'f.look_for_id',
      'f.lens_id',
      'f.key',
      'f.prompt',
      'f.answer_kind',
      'f.audience',
      'f.guidance',
      'prev.key as continues',
    ])
    .where('f.version_id', '=', versionId)
    .orderBy('f.position')
    .execute();
  return { lenses, lookFors };
}

/** key → look_for_id for one version (to turn continuity keys into references). */
export async function lookForIdsByKey(tx: Tx, versionId: string) {
  const rows = await tx
    .selectFrom('framework_look_fors')
    .select(['key', 'look_for_id'])
    .where('version_id', '=', versionId)
    .execute();
  return new Map(rows.map((r) => [r.key, r.look_for_id]));
}

/** Replaces a draft's lenses and look-fors (the database refuses this for a published version). */
export async function replaceContent(
  tx: Tx,
  trustId: string,
  versionId: string,
  content: FrameworkContent,
  previousIds: Map<string, string>,
) {
  await tx.deleteFrom('framework_lenses').where('version_id', '=', versionId).execute();
  for (const [i, lens] of content.lenses.entries()) {
    const { lens_id } = await tx
      .insertInto('framework_lenses')
      .values({
        trust_id: trustId,
        version_id: versionId,
        key: lens.key,
        name: lens.name,
        description: lens.description,
        position: i,
      })
      .returning('lens_id')
      .executeTakeFirstOrThrow();
    if (lens.lookFors.length === 0) continue;
    await tx
      .insertInto('framework_look_fors')
      .values(
        lens.lookFors.map((f, j) => ({
          trust_id: trustId,
          version_id: versionId,
          lens_id,
          key: f.key,
          prompt: f.prompt,
          answer_kind: f.answerKind,
          audience: f.audience,
          guidance: JSON.stringify(f.guidance),
          continues_look_for_id: f.continues ? (previousIds.get(f.continues) ?? null) : null,
          position: j,
        })),
      )
      .execute();
  }
}

export function updateDraftMeta(
  tx: Tx,
  versionId: string,
  meta: { name: string; description: string; now: Date },
) {
  return tx
    .updateTable('framework_versions')
    .set({ name: meta.name, description: meta.description, updated_at: meta.now })
    .where('version_id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

export async function publishVersion(
  tx: Tx,
  frameworkId: string,
  versionId: string,
  by: string,
  now: Date,
  meta: { name: string; description: string },
) {
  await tx
    .updateTable('framework_versions')
    .set({ status: 'published', published_at: now, published_by: by, updated_at: now })
    .where('version_id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
  await tx
    .updateTable('frameworks')
    .set({ name: meta.name, description: meta.description })
    .where('framework_id', '=', frameworkId)
    .execute();
}

// A school's own look-fors and its foci.

export function listSchoolLookFors(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('school_look_fors')
    .select(['school_look_for_id', 'prompt', 'answer_kind', 'audience', 'lens_name', 'guidance'])
    .where('school_id', '=', schoolId)
    .orderBy('created_at')
    .execute();
}

export function insertSchoolLookFor(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    prompt: string;
    answerKind: LookForRow['answer_kind'];
    audience: 'observer' | 'pupils';
    lensName: string;
    guidance: Guidance;
    createdBy: string;
  },
) {
  return tx
    .insertInto('school_look_fors')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      prompt: row.prompt,
      answer_kind: row.answerKind,
      audience: row.audience,
      lens_name: row.lensName,
      guidance: JSON.stringify(row.guidance),
      created_by: row.createdBy,
    })
    .returning('school_look_for_id')
    .executeTakeFirstOrThrow();
}

export function listFoci(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('foci as c')
    .innerJoin('framework_versions as v', 'v.version_id', 'c.version_id')
    .innerJoin('frameworks as f', 'f.framework_id', 'v.framework_id')
    .select([
      'c.focus_id',
      'c.title',
      'c.purpose',
      'c.version_id',
      'v.version_no',
      'v.framework_id',
      'f.name as framework_name',
    ])
    .where('c.school_id', '=', schoolId)
    .orderBy('c.created_at', 'desc')
    .execute();
}

export function listFocusLookFors(tx: Tx, focusIds: readonly string[]) {
  if (focusIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('focus_look_fors as fl')
    .innerJoin('framework_look_fors as f', 'f.look_for_id', 'fl.look_for_id')
    .innerJoin('framework_lenses as l', 'l.lens_id', 'f.lens_id')
    .select(['fl.focus_id', 'f.look_for_id', 'f.key', 'f.prompt', 'l.name as lens_name'])
    .where('fl.focus_id', 'in', focusIds)
    .orderBy('l.position')
    .orderBy('f.position')
    .execute();
}

export function listFocusSchoolLookFors(tx: Tx, focusIds: readonly string[]) {
  if (focusIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('focus_school_look_fors as fs')
    .innerJoin('school_look_fors as s', 's.school_look_for_id', 'fs.school_look_for_id')
    .select(['fs.focus_id', 's.school_look_for_id', 's.prompt'])
    .where('fs.focus_id', 'in', focusIds)
    .execute();
}

export async function insertFocus(
  tx: Tx,
  row: {
    trustId: string;
    schoolId: string;
    versionId: string;
    title: string;
    purpose: string;
    createdBy: string;
    lookForIds: readonly string[];
    schoolLookForIds: readonly string[];
  },
) {
  const { focus_id } = await tx
    .insertInto('foci')
    .values({
      trust_id: row.trustId,
      school_id: row.schoolId,
      version_id: row.versionId,
      title: row.title,
      purpose: row.purpose,
      created_by: row.createdBy,
    })
    .returning('focus_id')
    .executeTakeFirstOrThrow();
  if (row.lookForIds.length > 0) {
    await tx
      .insertInto('focus_look_fors')
      .values(row.lookForIds.map((id) => ({ trust_id: row.trustId, focus_id, look_for_id: id })))
      .execute();
  }
  if (row.schoolLookForIds.length > 0) {
    await tx
      .insertInto('focus_school_look_fors')
      .values(
        row.schoolLookForIds.map((id) => ({
          trust_id: row.trustId,
          school_id: row.schoolId,
          focus_id,
          school_look_for_id: id,
        })),
      )
      .execute();
  }
  return focus_id;
}

export function deleteFocus(tx: Tx, schoolId: string, focusId: string) {
  return tx
    .deleteFrom('foci')
    .where('school_id', '=', schoolId)
    .where('focus_id', '=', focusId)
    .executeTakeFirst();
}

/** The school's staff, for the check that a focus names nobody (names, titles, staff codes). */
export function staffOfSchool(tx: Tx, schoolId: string) {
  return tx
    .selectFrom('people as p')
    .leftJoin('staff_profiles as sp', (j) =>
      j
        .onRef('sp.trust_id', '=', 'p.trust_id')
        .onRef('sp.person_id', '=', 'p.person_id')
        .on('sp.school_id', '=', schoolId),
    )
    .select(['p.person_id', 'p.full_name', 'sp.staff_code'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'p.person_id')
          .where('m.school_id', '=', schoolId),
      ),
    )
    .execute();
}

/** How many walks that are not cancelled record against this focus. */
export async function liveWalksOfFocus(tx: Tx, schoolId: string, focusId: string) {
  const row = await tx
    .selectFrom('walks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('focus_id', '=', focusId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
