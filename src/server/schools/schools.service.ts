import type { ErrorCode } from '../../contracts/error-codes.ts';
import type {
  ClosureInput,
  CreateSchool,
  SchoolDetail,
  SchoolInput,
  SchoolSummary,
  TermInput,
  Timetable,
} from '../../contracts/schools.ts';
import {
  type Closure,
  closureProblems,
  closuresLeftOutside,
  formatDay,
  type Term,
  termProblems,
} from '../../domain/setup/calendar.ts';
import type { SetupProblem } from '../../domain/setup/types.ts';
import { auditSetup, type Doer } from '../audit/audit.ts';
import type { ClosureKind, School } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { fieldError, mapConflicts } from '../kernel/set-up-conflicts.ts';
import { decide, visibleSchoolIds } from '../policy/policy.ts';
import * as q from './schools.queries.ts';

function summarise(
  s: School,
  counts: { staff: number; rooms: number; lessons: number },
): SchoolSummary {
  return {
    id: s.school_id,
    name: s.name,
    phase: s.phase,
    urn: s.urn,
    staffCount: counts.staff,
    roomCount: counts.rooms,
    lessonsPerCycle: counts.lessons,
    cycleWeeks: s.timetable_cycle_weeks,
  };
}

export function listVisibleSchools(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const rows = await q.listSchoolsWithCounts(tx);
    const visible = new Set(
      visibleSchoolIds(
        auth.actor,
        rows.map((r) => r.school_id),
      ),
    );
    return rows
      .filter((r) => visible.has(r.school_id))
      .map((r) =>
        summarise(
          { ...r, trust_id: auth.actor.trustId, created_at: new Date(0) },
          { staff: r.staff_count ?? 0, rooms: r.room_count ?? 0, lessons: r.lesson_count ?? 0 },
        ),
      );
  });
}

export function schoolDetail(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
): Promise<SchoolDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const [summary] = await q.listSchoolsWithCounts(tx, schoolId);
    const [departments, yearGroups, periods] = await Promise.all([
      q.listDepartments(tx, schoolId),
      q.listYearGroups(tx, schoolId),
      q.listPeriods(tx, schoolId),
    ]);
    const [terms, closures] = await Promise.all([
      q.listTerms(tx, schoolId),
      q.listClosures(tx, schoolId),
    ]);
    const resource = { trustId: school.trust_id, schoolId };
    return {
      ...summarise(school, {
        staff: summary?.staff_count ?? 0,
        rooms: summary?.room_count ?? 0,
        lessons: summary?.lesson_count ?? 0,
      }),
      timeZone: school.time_zone,
      address: school.address,
      terms: terms.map(termOut),
      closures: closures.map(closureOut),
      canEdit: decide(auth.actor, 'school.edit', resource) === 'allow',
      canManageSetup: decide(auth.actor, 'school.manage_setup', resource) === 'allow',
      departments: departments.map((d) => ({ id: d.department_id, name: d.name })),
      yearGroups: yearGroups.map((y) => ({ id: y.year_group_id, name: y.name })),
      periods: periods.map((p) => ({
        id: p.period_id,
        name: p.name,
        startsAt: p.starts_at,
        endsAt: p.ends_at,
      })),
    };
  });
}

export function personTimetable(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  personId: string,
): Promise<Timetable> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    const person = await q.findStaffMember(tx, schoolId, personId);
    if (!person) throw notFound('That member of staff');
    const decision = decide(auth.actor, 'person.view_timetable', {
      trustId: school.trust_id,
      schoolId,
      personId,
    });
    if (decision !== 'allow') {
      throw new AppError('forbidden', 'You can see your own timetable, but not a colleague’s.');
    }
    const [periods, lessons] = await Promise.all([
      q.listPeriods(tx, schoolId),
      q.listLessonsOfTeacher(tx, schoolId, personId),
    ]);
    const settings = await loadSettingsRow(tx, schoolId);
    const calendar = await loadCalendar(tx, school, settings.cycleAnchor);
    return {
      person: { id: person.person_id, fullName: person.full_name },
      cycleWeeks: school.timetable_cycle_weeks,
      calendar: {
        terms: [...calendar.terms],
        closures: [...calendar.closures],
        cycleAnchor: calendar.cycleAnchor ?? null,
      },
      periods: periods.map((p) => ({
        id: p.period_id,
        name: p.name,
        startsAt: p.starts_at,
        endsAt: p.ends_at,
      })),
      lessons: lessons.map((l) => ({
        id: l.lesson_id,
        classCode: l.class_code,
        subject: l.subject,
        yearGroup: l.year_group,
        room: l.room,
        cycleWeek: l.cycle_week,
        weekday: l.weekday,
        periodId: l.period_id,
      })),
    };
  });
}

// Creating and editing schools, and the school calendar (trust admins; issue 3).

const termOut = (t: { term_id: string; name: string; starts_on: string; ends_on: string }) => ({
  id: t.term_id,
  name: t.name,
  startsOn: t.starts_on,
  endsOn: t.ends_on,
});

const closureOut = (c: {
  closure_id: string;
  kind: ClosureKind;
  label: string;
  starts_on: string;
  ends_on: string;
}) => ({
  id: c.closure_id,
  kind: c.kind,
  label: c.label,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
});

/** Who did it, for the audit trail: the signed-in person and the request. */

const schoolConflicts = {
  schools_trust_id_name_key: {
    field: 'name',
    message: 'The trust already has a school with that name. Choose another name.',
  },
};

async function refuseDuplicateName(tx: Tx, name: string, schoolId: string | null) {
  const same = await q.findSchoolByName(tx, name);
  if (same && same.school_id !== schoolId) {
    throw fieldError(
      'school_name_taken',
      'name',
      `The trust already has a school called “${same.name}”. Choose another name.`,
    );
  }
}

export async function createSchool(deps: AppDeps, doer: Doer, input: CreateSchool) {
  const { actor } = doer.auth;
  const id = await withTenant(deps.db, actor.trustId, async (tx) => {
    const decision = decide(actor, 'school.create', { trustId: actor.trustId, schoolId: null });
    if (decision !== 'allow') throw forbidden('create schools');
    await refuseDuplicateName(tx, input.name, null);
    const school = await mapConflicts(
      () =>
        q.insertSchool(tx, {
          trust_id: actor.trustId,
          name: input.name,
          phase: input.phase,
          urn: input.urn,
          address: input.address,
          time_zone: input.timeZone,
          timetable_cycle_weeks: input.cycleWeeks,
        }),
      schoolConflicts,
    );
    await auditSetup(tx, doer, 'school.created', 'school', school.school_id);
    return school.school_id;
  });
  return schoolDetail(deps, doer.auth, id);
}

export async function editSchool(deps: AppDeps, doer: Doer, schoolId: string, input: SchoolInput) {
  await withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, doer.auth, schoolId, 'school.edit', "edit this school's details");
    await refuseDuplicateName(tx, input.name, schoolId);
    await mapConflicts(
      () =>
        q.updateSchool(tx, schoolId, {
          name: input.name,
          phase: input.phase,
          urn: input.urn,
          address: input.address,
          time_zone: input.timeZone,
        }),
      schoolConflicts,
    );
    await auditSetup(tx, doer, 'school.edited', 'school', schoolId);
  });
  return schoolDetail(deps, doer.auth, schoolId);
}

const asTerm = (t: {
  term_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
}): Term => ({
  id: t.term_id,
  name: t.name,
  startsOn: t.starts_on,
  endsOn: t.ends_on,
});

const asClosure = (c: {
  closure_id: string;
  kind: ClosureKind;
  label: string;
  starts_on: string;
  ends_on: string;
}): Closure => ({
  id: c.closure_id,
  kind: c.kind,
  label: c.label,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
});

function refuse(problems: SetupProblem[], code: ErrorCode) {
  const first = problems[0];
  if (!first) return;
  throw new AppError(
    code,
    first.message,
    problems.map((p) => ({ field: `body.${p.field}`, message: p.message })),
  );
}

const termConflicts = {
  school_terms_trust_id_school_id_name_key: {
    field: 'name',
    message: 'The school already has a term with that name. Choose another name.',
  },
};

/** A change to the terms must leave every INSET day, exam week and closure inside a term. */
async function refuseStrandedClosures(tx: Tx, schoolId: string, terms: Term[]) {
  const closures = (await q.listClosures(tx, schoolId)).map(asClosure);
  const stranded = closuresLeftOutside(closures, terms);
  const first = stranded[0];
  if (first) {
    const others = stranded.length - 1;
    throw new AppError(
      'closures_outside_terms',
      `That change would leave ${first.label} (${formatDay(first.startsOn)})${others ? ` and ${others} other non-teaching day${others > 1 ? 's' : ''}` : ''} outside every term. Move or remove ${stranded.length > 1 ? 'them' : 'it'} first, or change the term's dates so that ${stranded.length > 1 ? 'they stay' : 'it stays'} inside.`,
    );
  }
}

async function checkedTerm(tx: Tx, schoolId: string, term: Term) {
  const all = (await q.listTerms(tx, schoolId)).map(asTerm);
  refuse(termProblems(term, all), 'term_invalid');
  const clash = all.find(
    (t) => t.id !== term.id && t.name.toLowerCase() === term.name.toLowerCase(),
  );
  if (clash) {
    throw fieldError(
      'term_name_taken',
      'name',
      `The school already has a term called “${clash.name}”. Choose another name.`,
    );
  }
  return all;
}

export function addTerm(deps: AppDeps, doer: Doer, schoolId: string, input: TermInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.edit',
      "change this school's terms",
    );
    await checkedTerm(tx, schoolId, {
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    const row = await mapConflicts(
      () =>
        q.insertTerm(tx, {
          trust_id: school.trust_id,
          school_id: schoolId,
          name: input.name,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
        }),
      termConflicts,
    );
    await auditSetup(tx, doer, 'term.added', 'school_term', row.term_id);
    return { term: termOut(row) };
  });
}

export function editTerm(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  termId: string,
  input: TermInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, doer.auth, schoolId, 'school.edit', "change this school's terms");
    const term: Term = {
      id: termId,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    };
    const all = await checkedTerm(tx, schoolId, term);
    if (!all.some((t) => t.id === termId)) throw notFound('The term');
    await refuseStrandedClosures(tx, schoolId, [...all.filter((t) => t.id !== termId), term]);
    const row = await mapConflicts(
      () =>
        q.updateTerm(tx, schoolId, termId, {
          name: input.name,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
        }),
      termConflicts,
    );
    if (!row) throw notFound('The term');
    await auditSetup(tx, doer, 'term.edited', 'school_term', termId);
    return { term: termOut(row) };
  });
}

export function removeTerm(deps: AppDeps, doer: Doer, schoolId: string, termId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, doer.auth, schoolId, 'school.edit', "change this school's terms");
    const all = (await q.listTerms(tx, schoolId)).map(asTerm);
    if (!all.some((t) => t.id === termId)) throw notFound('The term');
    await refuseStrandedClosures(
      tx,
      schoolId,
      all.filter((t) => t.id !== termId),
    );
    await q.deleteTerm(tx, schoolId, termId);
    await auditSetup(tx, doer, 'term.removed', 'school_term', termId);
  });
}

async function checkedClosure(tx: Tx, schoolId: string, closure: Closure) {
  const terms = (await q.listTerms(tx, schoolId)).map(asTerm);
  refuse(closureProblems(closure, terms), 'non_teaching_day_invalid');
}

export function addClosure(deps: AppDeps, doer: Doer, schoolId: string, input: ClosureInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.edit',
      "change this school's non-teaching days",
    );
    await checkedClosure(tx, schoolId, input);
    const row = await q.insertClosure(tx, {
      trust_id: school.trust_id,
      school_id: schoolId,
      kind: input.kind,
      label: input.label,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    });
    await auditSetup(tx, doer, 'non_teaching_day.added', 'school_closure', row.closure_id);
    return { closure: closureOut(row) };
  });
}

export function editClosure(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  closureId: string,
  input: ClosureInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.edit',
      "change this school's non-teaching days",
    );
    await checkedClosure(tx, schoolId, { id: closureId, ...input });
    const row = await q.updateClosure(tx, schoolId, closureId, {
      kind: input.kind,
      label: input.label,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    });
    if (!row) throw notFound('The non-teaching day');
    await auditSetup(tx, doer, 'non_teaching_day.edited', 'school_closure', closureId);
    return { closure: closureOut(row) };
  });
}

export function removeClosure(deps: AppDeps, doer: Doer, schoolId: string, closureId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      doer.auth,
      schoolId,
      'school.edit',
      "change this school's non-teaching days",
    );
    const deleted = await q.deleteClosure(tx, schoolId, closureId);
    if (!deleted.numDeletedRows) throw notFound('The non-teaching day');
    await auditSetup(tx, doer, 'non_teaching_day.removed', 'school_closure', closureId);
  });
}
