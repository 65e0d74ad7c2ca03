import { cellOf } from './fields.ts';
import {
  type ChangeItem,
  clean,
  type DiffSummary,
  fold,
  type Problem,
  type Sheet,
  summaryLimits,
} from './types.ts';
import {
  EMAIL,
  readRoles,
  type SchoolRole,
  STAFF_CODE,
  schoolRoleLabels,
  splitList,
} from './values.ts';

/** One member of staff as the file describes them. null: the file has no such column (keep). */
export type StaffRow = {
  row: number;
  email: string;
  fullName: string;
  title: string | null;
  staffCode: string | null;
  roles: SchoolRole[] | null;
  departments: string[] | null;
};

export function readStaff(
  sheet: Sheet,
  columns: Record<string, number>,
): { rows: StaffRow[]; problems: Problem[] } {
  const heading = (key: string, fallback: string) =>
    columns[key] === undefined ? fallback : sheet.headings[columns[key]!]!;
  const problems: Problem[] = [];
  const rows: StaffRow[] = [];
  const byEmail = new Map<string, StaffRow>();
  const byCode = new Map<string, StaffRow>();

  for (const { row, cells } of sheet.rows) {
    const cell = (key: string) => clean(cellOf(cells, columns, key));
    const problem = (key: string, label: string, code: string, message: string) =>
      problems.push({ row, column: heading(key, label), code, message });
    const before = problems.length;

    const email = cell('email').toLowerCase();
    if (!email)
      problem(
        'email',
        'Email',
        'missing_value',
        `Row ${row} has no email address. Every member of staff needs their school email address.`,
      );
    else if (!EMAIL.test(email) || email.length > 200)
      problem(
        'email',
        'Email',
        'invalid_email',
        `“${email}” on row ${row} is not an email address. Write it as name@school.org.`,
      );

    let fullName = cell('fullName');
    if (!fullName) fullName = clean(`${cell('firstName')} ${cell('lastName')}`);
    if (!fullName)
      problem(
        'fullName',
        'Full name',
        'missing_value',
        `Row ${row} has no name. Give the member of staff’s name as colleagues know it.`,
      );
    else if (fullName.length > 200)
      problem(
        'fullName',
        'Full name',
        'too_long',
        `The name on row ${row} is ${fullName.length} characters long; at most 200 fit.`,
      );

    const title = columns.title === undefined ? null : cell('title') || null;
    if (title && title.length > 20)
      problem(
        'title',
        'Title',
        'too_long',
        `The title “${title}” on row ${row} is longer than 20 characters. Use Ms, Mr, Mx, Dr and the like.`,
      );

    const staffCode = columns.staffCode === undefined ? null : cell('staffCode') || null;
    if (staffCode && !STAFF_CODE.test(staffCode))
      problem(
        'staffCode',
        'Staff code',
        'invalid_staff_code',
        `The staff code “${staffCode}” on row ${row} is not a staff code: up to 12 letters, digits, dots, hyphens or underscores, as in your MIS (for example “JSM”).`,
      );

    let roles: SchoolRole[] | null = null;
    if (columns.roles !== undefined && cell('roles')) {
      const read = readRoles(cell('roles'));
      if (read.trustWide.length)
        problem(
          'roles',
          'Roles',
          'trust_role',
          `Row ${row} gives the trust-wide role “${read.trustWide[0]}”. Trust-wide roles are given by the trust’s administrator, not by a school’s staff import: remove it from the file.`,
        );
      if (read.unknown.length)
        problem(
          'roles',
          'Roles',
          'unknown_role',
          `“${read.unknown[0]}” on row ${row} is not a role. Use Teacher, Observer, School leader or Site manager, separated by “;”.`,
        );
      roles = read.roles;
    }
    const departments =
      columns.departments === undefined || !cell('departments')
        ? null
        : splitList(cell('departments'), /[;,/|]/);
    if (departments?.some((d) => d.length > 100))
      problem(
        'departments',
        'Departments',
        'too_long',
        `A department on row ${row} is longer than 100 characters. Separate several departments with “;”.`,
      );

    if (problems.length > before) continue;
    const parsed: StaffRow = { row, email, fullName, title, staffCode, roles, departments };
    const twin = byEmail.get(email);
    if (twin) {
      const same = JSON.stringify({ ...twin, row: 0 }) === JSON.stringify({ ...parsed, row: 0 });
      problem(
        'email',
        'Email',
        same ? 'duplicate_row' : 'duplicate_email',
        same
          ? `Row ${row} repeats row ${twin.row} exactly. Delete one of them.`
          : `${email} is on row ${twin.row} and again on row ${row} with different details. Keep one row per person.`,
      );
      continue;
    }
    const codeTwin = staffCode ? byCode.get(staffCode.toUpperCase()) : undefined;
    if (codeTwin) {
      problem(
        'staffCode',
        'Staff code',
        'duplicate_staff_code',
        `The staff code “${staffCode}” is on row ${codeTwin.row} (${codeTwin.email}) and again on row ${row} (${email}). Each member of staff needs their own code.`,
      );
      continue;
    }
    byEmail.set(email, parsed);
    if (staffCode) byCode.set(staffCode.toUpperCase(), parsed);
    rows.push(parsed);
  }
  return { rows, problems };
}

/** A member of this school's staff as the database holds them. */
export type ExistingStaff = {
  personId: string;
  email: string;
  fullName: string;
  title: string | null;
  staffCode: string | null;
  roles: SchoolRole[];
  departments: string[];
  /** Lessons they lead or co-teach in this school's timetable. */
  lessons: number;
  /**
   * They also hold a role the importer cannot manage (another school, trust-wide): their
   * email, name and title are then the trust administrator's to change, not this file's.
   */
  identityLocked?: boolean;
};

/** Someone the trust knows (by an email in the file) who is not yet on this school's staff. */
export type TrustPerson = {
  personId: string;
  email: string;
  fullName: string;
  title: string | null;
  /** As for ExistingStaff. */
  identityLocked?: boolean;
  /** The label of a role they hold above the importer's own, which forbids adding them. */
  outranksImporter?: string | null;
};

export type StaffContext = {
  staff: ExistingStaff[];
  trustPeople: TrustPerson[];
  departments: string[];
  /** The person importing: never removed, and may not take away their own leadership. */
  actorPersonId: string;
  /** Whether the importer leads this school (as opposed to a trust admin). */
  actorIsSchoolLeader: boolean;
};

export type StaffChange = {
  row: StaffRow;
  personId: string | null;
  /** What the person becomes: values already resolved against what is there. */
  email: string;
  fullName: string;
  title: string | null;
  staffCode: string | null;
  roles: SchoolRole[];
  departments: string[];
  /** in this school already (update) or not (add: new to the trust, or joining from another school) */
  kind: 'create' | 'join' | 'update';
  changes: string[];
  /** The roles, departments and code changed (the writer only touches what changed). */
  rolesChanged: boolean;
  departmentsChanged: boolean;
  codeChanged: boolean;
  personChanged: boolean;
};

export type StaffPlan = {
  changes: StaffChange[];
  unchanged: number;
  remove: ExistingStaff[];
  kept: { staff: ExistingStaff; reason: string }[];
  newDepartments: string[];
  problems: Problem[];
};

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => fold(x) === fold(y)));
const roleList = (roles: readonly SchoolRole[]) =>
  roles.length ? roles.map((r) => schoolRoleLabels[r]).join(', ') : 'none';

/** Compares the file with the school's staff: who is added, updated, unchanged, removed or kept. */
export function planStaff(rows: StaffRow[], ctx: StaffContext): StaffPlan {
  const problems: Problem[] = [];
  const schoolByEmail = new Map(ctx.staff.map((s) => [s.email, s]));
  const schoolByCode = new Map(
    ctx.staff.filter((s) => s.staffCode).map((s) => [s.staffCode!.toUpperCase(), s]),
  );
  const trustByEmail = new Map(ctx.trustPeople.map((p) => [p.email, p]));
  const departmentNames = new Map(ctx.departments.map((d) => [fold(d), d]));
  const newDepartments = new Map<string, string>();
  const canonical = (name: string) => {
    const known = departmentNames.get(fold(name)) ?? newDepartments.get(fold(name));
    if (known) return known;
    newDepartments.set(fold(name), name);
    return name;
  };

  const matched = new Set<string>();
  const fileEmails = new Set(rows.map((r) => r.email));
  const changes: StaffChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    let existing = schoolByEmail.get(row.email);
    // Matched on the staff code when the email is new to the trust: the person's address changed.
    if (!existing && !trustByEmail.has(row.email) && row.staffCode) {
      const byCode = schoolByCode.get(row.staffCode.toUpperCase());
      if (byCode && !fileEmails.has(byCode.email)) existing = byCode;
    }
    const departments = row.departments?.map(canonical) ?? null;
    if (existing) {
      matched.add(existing.personId);
      const next = {
        email: row.email,
        fullName: row.fullName,
        title: row.title ?? existing.title,
        staffCode: row.staffCode ?? existing.staffCode,
        roles: row.roles ?? existing.roles,
        departments: departments ?? existing.departments,
      };
      const said: string[] = [];
      if (next.email !== existing.email) said.push(`email ${existing.email} → ${next.email}`);
      if (next.fullName !== existing.fullName)
        said.push(`name “${existing.fullName}” → “${next.fullName}”`);
      if (next.title !== existing.title)
        said.push(`title ${existing.title ?? '(none)'} → ${next.title ?? '(none)'}`);
      const codeChanged = next.staffCode !== existing.staffCode;
      if (codeChanged)
        said.push(`staff code ${existing.staffCode ?? '(none)'} → ${next.staffCode ?? '(none)'}`);
      const rolesChanged = !sameSet(next.roles, existing.roles);
      if (rolesChanged) said.push(`roles ${roleList(existing.roles)} → ${roleList(next.roles)}`);
      const departmentsChanged = !sameSet(next.departments, existing.departments);
      if (departmentsChanged)
        said.push(
          `departments ${existing.departments.join(', ') || 'none'} → ${next.departments.join(', ') || 'none'}`,
        );
      if (
        existing.personId === ctx.actorPersonId &&
        ctx.actorIsSchoolLeader &&
        existing.roles.includes('school_leader') &&
        !next.roles.includes('school_leader')
      ) {
        problems.push({
          row: row.row,
          column: 'Roles',
          code: 'own_role',
          message: `Row ${row.row} would take away your own school leader role, and with it your access to this import. Keep “School leader” in your row; another leader or the trust admin can change it.`,
        });
      }
      const identityChanges =
        next.email !== existing.email ||
        next.fullName !== existing.fullName ||
        next.title !== existing.title;
      if (identityChanges && existing.identityLocked) {
        problems.push(identityLockedProblem(row.row, existing));
      }
      if (said.length === 0) {
        unchanged++;
        continue;
      }
      changes.push({
        row,
        personId: existing.personId,
        ...next,
        kind: 'update',
        changes: said,
        rolesChanged,
        departmentsChanged,
        codeChanged,
        personChanged:
          next.email !== existing.email ||
          next.fullName !== existing.fullName ||
          next.title !== existing.title,
      });
      continue;
    }
    const known = trustByEmail.get(row.email);
    const roles = row.roles ?? ['teacher'];
    if (known?.outranksImporter) {
      problems.push({
        row: row.row,
        column: 'Email',
        code: 'person_outranks_you',
        message: `Row ${row.row} is ${known.fullName} (${known.email}), who is a ${known.outranksImporter.toLowerCase()} in the trust: a role above your own. Only a trust administrator can add them to a school. Remove the row, or ask a trust administrator.`,
      });
    } else if (
      known?.identityLocked &&
      (known.fullName !== row.fullName || (row.title !== null && row.title !== known.title))
    ) {
      problems.push(identityLockedProblem(row.row, known));
    }
    changes.push({
      row,
      personId: known?.personId ?? null,
      email: row.email,
      fullName: row.fullName,
      title: row.title ?? known?.title ?? null,
      staffCode: row.staffCode,
      roles,
      departments: departments ?? [],
      kind: known ? 'join' : 'create',
      changes: known
        ? [`joins this school (already in the trust) as ${roleList(roles)}`]
        : [`new, as ${roleList(roles)}`],
      rolesChanged: true,
      departmentsChanged: (departments ?? []).length > 0,
      codeChanged: row.staffCode !== null,
      personChanged: known
        ? known.fullName !== row.fullName || (row.title !== null && row.title !== known.title)
        : true,
    });
  }

  const remove: ExistingStaff[] = [];
  const kept: StaffPlan['kept'] = [];
  for (const s of ctx.staff) {
    if (matched.has(s.personId)) continue;
    if (s.personId === ctx.actorPersonId) {
      kept.push({
        staff: s,
        reason: 'This is you: an import never removes the person running it.',
      });
    } else if (s.lessons > 0) {
      kept.push({
        staff: s,
        reason: `Still teaches ${s.lessons} lesson${s.lessons === 1 ? '' : 's'} in the timetable. Import a timetable without them first, then this file again.`,
      });
    } else remove.push(s);
  }
  // A code in the file that someone who stays (kept) still holds.
  for (const k of kept) {
    const code = k.staff.staffCode?.toUpperCase();
    const clash = code ? changes.find((c) => c.staffCode?.toUpperCase() === code) : undefined;
    if (clash) {
      problems.push({
        row: clash.row.row,
        column: 'Staff code',
        code: 'staff_code_taken',
        message: `The staff code “${clash.staffCode}” on row ${clash.row.row} belongs to ${k.staff.fullName} (${k.staff.email}), who stays on the staff. Give a different code.`,
      });
    }
  }
  return {
    changes,
    unchanged,
    remove,
    kept,
    newDepartments: [...newDepartments.values()],
    problems,
  };
}

const staffLabel = (s: { fullName: string; email: string }) => `${s.fullName} (${s.email})`;

function identityLockedProblem(row: number, person: { fullName: string; email: string }): Problem {
  return {
    row,
    column: 'Email',
    code: 'identity_elsewhere',
    message: `Row ${row} would change the email, name or title of ${staffLabel(person)}, who also has a role elsewhere in the trust. Only a trust administrator can change those: put their current details in the file.`,
  };
}

export function summariseStaff(plan: StaffPlan, limits = summaryLimits): DiffSummary {
  const item = (c: StaffChange): ChangeItem => ({
    key: c.email,
    label: staffLabel(c),
    row: c.row.row,
    changes: c.changes,
  });
  const adds = plan.changes.filter((c) => c.kind !== 'update');
  const updates = plan.changes.filter((c) => c.kind === 'update');
  return {
    counts: {
      adds: adds.length,
      updates: updates.length,
      unchanged: plan.unchanged,
      removals: plan.remove.length,
      kept: plan.kept.length,
    },
    adds: adds.slice(0, limits.examples).map(item),
    updates: updates.slice(0, limits.examples).map(item),
    removals: plan.remove.slice(0, limits.removals).map((s) => ({
      key: s.email,
      label: staffLabel(s),
      changes: ['leaves this school’s staff (their account and records stay)'],
    })),
    kept: plan.kept
      .slice(0, limits.removals)
      .map((k) => ({ key: k.staff.email, label: staffLabel(k.staff), reason: k.reason })),
    newDepartments: plan.newDepartments,
    newYearGroups: [],
  };
}
