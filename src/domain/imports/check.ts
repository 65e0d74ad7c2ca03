import { resolveMapping } from './fields.ts';
import { pupilDataProblemSteps } from './pupil-data.ts';
import { type ExistingRoom, planRooms, type RoomPlan, readRooms, summariseRooms } from './rooms.ts';
import {
  planStaff,
  readStaff,
  type StaffContext,
  type StaffPlan,
  summariseStaff,
} from './staff.ts';
import { runSteps, type Steps } from './steps.ts';
import {
  describeSlot,
  type ExistingLesson,
  planTimetableSteps,
  readTimetableSteps,
  summariseTimetable,
  type TimetableContext,
  type TimetablePlan,
} from './timetable.ts';
import type { DiffSummary, ImportKind, Mapping, Problem, Sheet } from './types.ts';
import { schoolRoleLabels } from './values.ts';

/** What the school already has, for the kind being imported. */
export type ImportContext =
  | { kind: 'staff'; staff: StaffContext }
  | { kind: 'rooms'; rooms: ExistingRoom[] }
  | { kind: 'timetable'; timetable: TimetableContext; lessons: ExistingLesson[] };

export type Plan =
  | { kind: 'staff'; plan: StaffPlan }
  | { kind: 'rooms'; plan: RoomPlan }
  | { kind: 'timetable'; plan: TimetablePlan; ctx: TimetableContext };

export type Preview = { columns: string[]; rows: { row: number; values: string[] }[] };

export type CheckResult = {
  kind: ImportKind;
  /** Refused whole (pupil data): nothing in it was read further. */
  refused: boolean;
  headingRow: number;
  headings: string[];
  mapping: Mapping;
  ignored: string[];
  /** Every problem, in row order. Any problem means the import cannot be applied. */
  problems: Problem[];
  /** Data rows in the file (blank rows left out) and how many were understood. */
  rowCount: number;
  understood: number;
  preview: Preview;
  diff: DiffSummary | null;
  plan: Plan | null;
};

const byRow = (a: Problem, b: Problem) => (a.row ?? 0) - (b.row ?? 0);

/**
 * The whole check of an import, with no I/O: pupil data, columns, every row, then the
 * comparison with what the school has. The same function runs for the preview and again,
 * inside the writing transaction, for the apply.
 */
export function checkImport(
  sheet: Sheet,
  requested: Mapping | undefined,
  context: ImportContext,
  previewRows = 20,
): CheckResult {
  return runSteps(checkImportSteps(sheet, requested, context, previewRows));
}

/**
 * checkImport, pausing every few hundred rows (see steps.ts): the server runs it a few
 * milliseconds at a time so that a large file never stalls other requests.
 */
export function* checkImportSteps(
  sheet: Sheet,
  requested: Mapping | undefined,
  context: ImportContext,
  previewRows = 20,
): Steps<CheckResult> {
  const kind = context.kind;
  const base = {
    kind,
    headingRow: sheet.headingRow,
    headings: sheet.headings,
    rowCount: sheet.rows.length,
  };
  const refusal = yield* pupilDataProblemSteps(kind, sheet);
  const {
    mapping,
    columns,
    ignored,
    problems: mappingProblems,
  } = resolveMapping(kind, sheet, requested);
  const empty: Preview = { columns: [], rows: [] };
  if (refusal.length) {
    return {
      ...base,
      refused: true,
      mapping,
      ignored,
      problems: refusal,
      understood: 0,
      preview: empty,
      diff: null,
      plan: null,
    };
  }
  if (sheet.rows.length === 0) {
    mappingProblems.push({
      row: null,
      column: null,
      code: 'no_rows',
      message: `The file has headings on row ${sheet.headingRow} but no rows below them. Add the data and import it again.`,
    });
  }
  if (mappingProblems.some((p) => p.code !== 'no_rows') || sheet.rows.length === 0) {
    return {
      ...base,
      refused: false,
      mapping,
      ignored,
      problems: mappingProblems,
      understood: 0,
      preview: empty,
      diff: null,
      plan: null,
    };
  }

  let problems: Problem[];
  let plan: Plan;
  let diff: DiffSummary;
  let preview: Preview;
  if (context.kind === 'staff') {
    const read = readStaff(sheet, columns);
    const staffPlan = planStaff(read.rows, context.staff);
    problems = [...read.problems, ...staffPlan.problems];
    plan = { kind: 'staff', plan: staffPlan };
    diff = summariseStaff(staffPlan);
    preview = {
      columns: ['Email', 'Full name', 'Title', 'Staff code', 'Roles', 'Departments'],
      rows: read.rows.slice(0, previewRows).map((r) => ({
        row: r.row,
        values: [
          r.email,
          r.fullName,
          r.title ?? '',
          r.staffCode ?? '',
          r.roles?.map((x) => schoolRoleLabels[x]).join(', ') ?? '',
          r.departments?.join(', ') ?? '',
        ],
      })),
    };
    return finish(read.rows.length);
  }
  if (context.kind === 'rooms') {
    const read = readRooms(sheet, columns);
    const roomPlan = planRooms(read.rows, context.rooms);
    problems = read.problems;
    plan = { kind: 'rooms', plan: roomPlan };
    diff = summariseRooms(roomPlan);
    preview = {
      columns: ['Room', 'Building', 'Floor'],
      rows: read.rows.slice(0, previewRows).map((r) => ({
        row: r.row,
        values: [r.name, r.building ?? '', r.floor === null ? '' : String(r.floor)],
      })),
    };
    return finish(read.rows.length);
  }
  const ctx = context.timetable;
  const read = yield* readTimetableSteps(sheet, columns, ctx);
  const timetablePlan = yield* planTimetableSteps(read.rows, context.lessons, ctx);
  yield;
  problems = read.problems;
  plan = { kind: 'timetable', plan: timetablePlan, ctx };
  diff = summariseTimetable(timetablePlan, ctx);
  const teacher = new Map(
    ctx.staff.map((s) => [s.personId, s.staffCode ? `${s.staffCode} (${s.fullName})` : s.fullName]),
  );
  const room = new Map(ctx.rooms.map((r) => [r.roomId, r.name]));
  preview = {
    columns: ['Class', 'Subject', 'Year group', 'Teacher', 'Room', 'When'],
    rows: read.rows.slice(0, previewRows).map((r) => ({
      row: r.row,
      values: [
        r.classCode,
        r.subject,
        r.yearGroup,
        r.teacherIds.map((id) => teacher.get(id) ?? '?').join('; '),
        room.get(r.roomId) ?? '?',
        describeSlot(r, ctx),
      ],
    })),
  };
  return finish(read.rows.length);

  function finish(understood: number): CheckResult {
    return {
      ...base,
      refused: false,
      mapping,
      ignored,
      problems: problems.sort(byRow),
      understood,
      preview,
      diff,
      plan,
    };
  }
}
