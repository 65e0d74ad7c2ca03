import type {
  ImportApplyResult,
  ImportPreview,
  ImportRequest,
  ProblemDto,
} from '../../contracts/imports.ts';
import {
  type CheckResult,
  checkImportSteps,
  type ImportContext,
} from '../../domain/imports/check.ts';
import { fields } from '../../domain/imports/fields.ts';
import { type ImportKind, importKindLabels } from '../../domain/imports/types.ts';
import { rolesAbove } from '../../domain/people/grants.ts';
import { type Role, roleLabels } from '../../domain/people/roles.ts';
import { recordAudit } from '../audit/audit.ts';
import type { School } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { withTenantNotices } from '../notices/notices.service.ts';
import { endAccess } from '../people/leavers.ts';
import { decide } from '../policy/policy.ts';
import { decodeFile } from './decode.ts';
import * as q from './imports.queries.ts';
import { writeRooms, writeStaff, writeTimetable } from './imports.writer.ts';
import { runStepsYielding } from './run-steps.ts';
import { sampleFileName, sampleSchool, sampleTable, toCsv, toXlsx } from './samples.ts';

/** Where an import is: told to the person as it goes (the NDJSON stream), ignored otherwise. */
export type ProgressReport = (
  phase: string,
  message: string,
  done?: number,
  total?: number,
) => void | Promise<void>;
const silent: ProgressReport = () => {};

const MAX_PROBLEMS = 1000;
const DOING = 'import staff, rooms or the timetable for this school';

function readUpload(body: ImportRequest): Uint8Array {
  const text = body.contentBase64.replace(/^data:[^,]*,/, '');
  if (!/^[A-Za-z0-9+/=\r\n]*$/.test(text)) {
    throw new AppError(
      'invalid_upload',
      'contentBase64 is not base64. Send the file’s bytes base64-encoded.',
    );
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

async function loadContext(
  tx: Tx,
  kind: ImportKind,
  school: School,
  auth: SignedIn,
): Promise<ImportContext> {
  if (kind === 'rooms') return { kind, rooms: await q.loadRooms(tx, school.school_id) };
  if (kind === 'timetable') {
    const [timetable, lessons] = await Promise.all([
      q.loadTimetableContext(tx, school.school_id, school.timetable_cycle_weeks),
      q.loadLessons(tx, school.school_id),
    ]);
    return { kind, timetable, lessons };
  }
  const [staff, trustPeople, names, trustMemberships] = await Promise.all([
    q.loadStaff(tx, school.school_id),
    q.loadTrustPeople(tx),
    q.loadNames(tx, school.school_id),
    q.loadTrustMemberships(tx),
  ]);
  const { memberships } = auth.actor;
  const standing = importerStanding(auth.actor, school, trustMemberships);
  return {
    kind,
    staff: {
      staff: staff.map((s) => ({ ...s, ...standing(s.personId) })),
      trustPeople: trustPeople.map((p) => ({ ...p, ...standing(p.personId) })),
      departments: names.departments.map((d) => d.name),
      actorPersonId: auth.actor.personId,
      actorIsSchoolLeader:
        !memberships.some((m) => m.role === 'trust_admin') &&
        memberships.some((m) => m.role === 'school_leader' && m.schoolId === school.school_id),
    },
  };
}

/**
 * For each person: whether their identity is locked to this importer (they hold a role the
 * importer cannot manage) and whether they outrank the importer (who then cannot add them).
 */
function importerStanding(
  actor: SignedIn['actor'],
  school: School,
  trustMemberships: { person_id: string; school_id: string | null; role: Role }[],
) {
  const byPerson = new Map<string, typeof trustMemberships>();
  for (const m of trustMemberships) {
    byPerson.set(m.person_id, [...(byPerson.get(m.person_id) ?? []), m]);
  }
  return (personId: string) => {
    const theirs = byPerson.get(personId) ?? [];
    const identityLocked = theirs.some(
      (m) =>
        m.school_id !== school.school_id &&
        decide(actor, 'school.manage_setup', { trustId: actor.trustId, schoolId: m.school_id }) !==
          'allow',
    );
    const [above] = rolesAbove(
      actor.memberships,
      theirs.map((m) => ({ role: m.role })),
    );
    return { identityLocked, outranksImporter: above ? roleLabels[above] : null };
  };
}

async function readFile(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  body: ImportRequest,
  progress: ProgressReport,
) {
  // Who may import is settled before the file is even decoded.
  await withTenant(deps.db, auth.actor.trustId, (tx) =>
    authorisedSchool(tx, auth, schoolId, 'school.import', DOING),
  );
  const bytes = readUpload(body);
  await progress('reading', `Reading ${body.fileName} (${Math.ceil(bytes.length / 1024)} KB)`);
  const decoded = await decodeFile(body.fileName, bytes);
  await progress(
    'checking',
    `Checking ${decoded.sheet.rows.length.toLocaleString('en-GB')} rows`,
    0,
    decoded.sheet.rows.length,
  );
  return decoded;
}

function toPreview(
  kind: ImportKind,
  fileName: string,
  format: 'csv' | 'xlsx',
  result: CheckResult,
): ImportPreview {
  const canApply = !result.refused && result.problems.length === 0 && result.diff !== null;
  return {
    kind,
    fileName,
    format,
    refused: result.refused,
    headingRow: result.headingRow,
    headings: result.headings,
    fields: fields[kind].map(({ key, label, required, hint }) => ({ key, label, required, hint })),
    mapping: result.mapping,
    ignoredHeadings: result.ignored,
    problems: result.problems.slice(0, MAX_PROBLEMS),
    problemCount: result.problems.length,
    rowCount: result.rowCount,
    understood: result.understood,
    preview: result.preview,
    diff: result.diff,
    canApply,
    needsConfirmation: canApply && (result.diff?.counts.removals ?? 0) > 0,
  };
}

/** Reads and checks the file and says what applying it would change. Writes nothing. */
export async function previewImport(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  kind: ImportKind,
  body: ImportRequest,
  progress: ProgressReport = silent,
): Promise<ImportPreview> {
  const { format, sheet } = await readFile(deps, auth, schoolId, body, progress);
  const result = await withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.import', DOING);
    await progress('comparing', `Comparing with ${school.name}’s ${kind}`);
    return runStepsYielding(
      checkImportSteps(sheet, body.mapping, await loadContext(tx, kind, school, auth)),
    );
  });
  await progress('done', 'Preview ready');
  return toPreview(kind, body.fileName, format, result);
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Applies the file: checks it again inside one transaction, refuses if any row has a
 * problem or removals were not confirmed, then writes everything or nothing.
 */
export async function applyImport(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  kind: ImportKind,
  body: ImportRequest,
  progress: ProgressReport = silent,
  request?: { id: string },
): Promise<ImportApplyResult> {
  const { sheet } = await readFile(deps, auth, schoolId, body, progress);
  return withTenantNotices(deps, auth.actor.trustId, async (tx, notices) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.import', DOING);
    await progress('comparing', `Comparing with ${school.name}’s ${kind}`);
    const result = await runStepsYielding(
      checkImportSteps(sheet, body.mapping, await loadContext(tx, kind, school, auth)),
    );
    if (result.refused || result.problems.length || !result.plan || !result.diff) {
      const problems: ProblemDto[] = result.problems.slice(0, MAX_PROBLEMS);
      const first = problems[0];
      throw new AppError(
        result.refused ? 'pupil_data_refused' : 'import_has_problems',
        result.refused
          ? `Nothing was imported: ${first?.message ?? 'the file looks like it holds pupil data.'}`
          : `Nothing was imported: the file has ${plural(result.problems.length, 'problem')}. The first: ${first ? `${first.row ? `row ${first.row}, ` : ''}${first.column ? `${first.column}: ` : ''}${first.message}` : 'unknown'} Fix them and try again.`,
        { problems, problemCount: result.problems.length },
      );
    }
    const diff = result.diff;
    const { counts } = diff;
    if (counts.removals > 0 && body.confirmRemovals !== true) {
      throw new AppError(
        'confirm_removals',
        `Nothing was imported: this import would remove ${plural(counts.removals, kindNoun[kind].one, kindNoun[kind].many)} that ${counts.removals === 1 ? 'is' : 'are'} not in the file. Check the list, then apply again with the removals confirmed.`,
        { removals: diff.removals, removalCount: counts.removals },
      );
    }
    const changed =
      counts.adds + counts.updates + counts.removals > 0 ||
      diff.newDepartments.length + diff.newYearGroups.length > 0;
    if (!changed) {
      await progress('done', 'Nothing to change');
      return {
        kind,
        fileName: body.fileName,
        changed: false,
        counts,
        newDepartments: [],
        newYearGroups: [],
        message: `Nothing changed: ${school.name}’s ${kind} already match${kind === 'timetable' ? 'es' : ''} this file (${plural(counts.unchanged, kindNoun[kind].one, kindNoun[kind].many)}).`,
      };
    }
    const scope = { trustId: auth.actor.trustId, schoolId };
    const total = counts.adds + counts.updates + counts.removals;
    await progress('writing', `Writing ${plural(total, 'change')}`, 0, total);
    const plan = result.plan;
    if (plan.kind === 'staff') {
      await writeStaff(tx, scope, plan.plan);
      // Leavers in the file lose their walks here, and all access if they work nowhere else.
      for (const leaver of plan.plan.remove) {
        notices.push(
          ...(
            await endAccess(tx, deps, {
              trustId: auth.actor.trustId,
              personId: leaver.personId,
              schoolId,
              actorPersonId: auth.actor.personId,
              requestId: request?.id ?? null,
            })
          ).outcomes,
        );
      }
    } else if (plan.kind === 'rooms') await writeRooms(tx, scope, plan.plan);
    else
      await writeTimetable(tx, scope, plan.plan, plan.ctx, (done, all) =>
        progress(
          'writing',
          `Written ${done.toLocaleString('en-GB')} of ${all.toLocaleString('en-GB')} changes`,
          done,
          all,
        ),
      );
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: `import.${kind}.applied`,
      subjectType: 'school',
      subjectId: schoolId,
      requestId: request?.id ?? null,
    });
    await progress('done', 'Import applied');
    return {
      kind,
      fileName: body.fileName,
      changed: true,
      counts,
      newDepartments: diff.newDepartments,
      newYearGroups: diff.newYearGroups,
      message: `${importKindLabels[kind]} imported into ${school.name}: ${plural(counts.adds, 'added', 'added')}, ${plural(counts.updates, 'updated', 'updated')}, ${plural(counts.removals, 'removed', 'removed')}, ${plural(counts.unchanged, 'unchanged', 'unchanged')}.`,
    };
  });
}

const kindNoun: Record<ImportKind, { one: string; many: string }> = {
  staff: { one: 'member of staff', many: 'members of staff' },
  rooms: { one: 'room', many: 'rooms' },
  timetable: { one: 'lesson', many: 'lessons' },
};

/** A sample file of the demo school of the same name (or Riverside Academy's). */
export async function sampleFile(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  kind: ImportKind,
  format: 'csv' | 'xlsx' | 'json',
) {
  const school = await withTenant(deps.db, auth.actor.trustId, (tx) =>
    authorisedSchool(tx, auth, schoolId, 'school.import', DOING),
  );
  const demo = sampleSchool(school.name);
  const table = sampleTable(demo, kind);
  if (format === 'json') {
    return { json: { fileName: sampleFileName(demo, kind, 'csv'), ...table } } as const;
  }
  return {
    fileName: sampleFileName(demo, kind, format),
    contentType:
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: format === 'csv' ? toCsv(table) : await toXlsx(table, `${importKindLabels[kind]}`),
  };
}
