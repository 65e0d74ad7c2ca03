import type { ProtocolReportDto } from '../../contracts/notices.ts';
import { formatDate, isTeachingDay, schoolDaysBetween } from '../../domain/calendar/calendar.ts';
import { protocolReport } from '../../domain/protocol/report.ts';
import { countsAsObservation } from '../../domain/protocol/rules.ts';
import { describeCap } from '../../domain/protocol/settings.ts';
import { visitSpread } from '../../domain/protocol/spread.ts';
import type { ProgrammeFacts, VisitFacts } from '../../domain/protocol/types.ts';
import { reviewSchedule } from '../../domain/reviews/schedule.ts';
import { recordAudit } from '../audit/audit.ts';
import { concernCounts } from '../concerns/concern-counts.ts';
import type { School } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import { feedbackCounts } from '../feedback/feedback-counts.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { listStaffNames } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow, toDomainSettings } from '../kernel/school-rules.ts';
import { localDate, localTime } from '../kernel/school-time.ts';
import { siteInspectionCounts } from '../site-walks/inspection-counts.ts';
import * as q from './report.queries.ts';
import * as f from './report-facts.queries.ts';

/**
 * The protocol report (DESIGN.md §3): for a programme or a term, each of the thirteen rules kept,
 * broken, not applicable or not measured, with its evidence, over the published walks only. The domain's protocolReport judges the rules; this gathers the
 * facts and adds two distributions (visits per teacher, school days of notice) as bare counts.
 * Nothing here names, ranks or counts a particular teacher.
 */
export function programmeProtocolReport(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  programmeId: string,
  requestId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'programme.view_protocol_report',
      "read this school's protocol report",
    );
    const programme = await q.findProgramme(tx, schoolId, programmeId);
    if (!programme) throw notFound('The programme');
    const extra: string[] = [];
    if (programme.agreed_on) {
      extra.push(
        `Agreed on ${formatDate(programme.agreed_on)}; how: ${programme.agreement_how ?? 'not recorded'}.`,
      );
    } else {
      extra.push(`The programme is ${programme.status}: staff have not yet agreed it.`);
    }
    if (programme.published_at) {
      extra.push(
        `Published to all staff on ${formatDate(localDate(programme.published_at, school.time_zone))}.`,
      );
    }
    const report = await build(tx, deps, school, {
      kind: 'programme',
      id: programme.programme_id,
      title: `Protocol report: ${programme.title}`,
      startsOn: programme.starts_on,
      endsOn: programme.ends_on,
      walksScope: { programmeId },
      programmeEvidence: extra,
    });
    await audit(tx, auth, 'programme', programmeId, requestId);
    return report;
  });
}

export function termProtocolReport(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  termId: string,
  requestId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'programme.view_protocol_report',
      "read this school's protocol report",
    );
    const term = await q.findTerm(tx, schoolId, termId);
    if (!term) throw notFound('The term');
    const report = await build(tx, deps, school, {
      kind: 'term',
      id: term.term_id,
      title: `Protocol report: ${term.name}`,
      startsOn: term.starts_on,
      endsOn: term.ends_on,
      walksScope: { from: term.starts_on, to: term.ends_on },
      programmeEvidence: [],
    });
    await audit(tx, auth, 'school_term', termId, requestId);
    return report;
  });
}

/**
 * The protocol report over a period's dates, inside the caller's transaction, for the school's
 * self-evaluation (issue 16). The caller has authorised the reader and audits the read; the
 * report's scope id is the school's, since no term or programme is its subject.
 */
export function protocolReportForPeriod(
  tx: Tx,
  deps: AppDeps,
  school: School,
  period: { label: string; from: string; to: string },
) {
  return build(tx, deps, school, {
    kind: 'term',
    id: school.school_id,
    title: `Protocol report: ${period.label}`,
    startsOn: period.from,
    endsOn: period.to,
    walksScope: { from: period.from, to: period.to },
    programmeEvidence: [],
  });
}

function audit(tx: Tx, auth: SignedIn, subjectType: string, subjectId: string, requestId: string) {
  return recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action: 'protocol_report.read',
    subjectType,
    subjectId,
    requestId,
  });
}

type Scope = {
  kind: 'programme' | 'term';
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  walksScope: { programmeId: string } | { from: string; to: string };
  programmeEvidence: string[];
};

async function build(
  tx: Tx,
  deps: AppDeps,
  school: School,
  scope: Scope,
): Promise<ProtocolReportDto> {
  const tz = school.time_zone;
  const settingsRow = await loadSettingsRow(tx, school.school_id);
  const settings = toDomainSettings(settingsRow);
  const calendar = await loadCalendar(tx, school, settingsRow.cycleAnchor);
  const walks = await q.listWalks(tx, school.school_id, scope.walksScope);
  const walkIds = walks.map((w) => w.walk_id);
  const [observers, visits, staff] = await Promise.all([
    q.listObservers(tx, walkIds),
    q.listVisits(tx, walkIds),
    listStaffNames(tx, school.school_id),
  ]);
  const co = await q.coTeachers(
    tx,
    visits.map((v) => v.lesson_id).filter((id): id is string => id !== null),
  );
  const siteAudit = new Set(
    walks.filter((w) => w.kind === 'health_and_safety').map((w) => w.walk_id),
  );
  const facts = (v: (typeof visits)[number]): VisitFacts => ({
    siteAudit: siteAudit.has(v.walk_id),
    id: v.visit_id,
    teacherIds: [v.teacher_id, ...(v.lesson_id ? (co.get(v.lesson_id) ?? []) : [])],
    date: v.visit_date,
    startsAt: localTime(v.planned_start, tz),
    endsAt: localTime(v.planned_end, tz),
    invited: v.invited,
    noticeGivenOn: v.notice_sent_at ? localDate(v.notice_sent_at, tz) : null,
  });
  const visitFacts = visits.map(facts);
  const teacherIds = [...new Set(visitFacts.flatMap((v) => v.teacherIds))];
  const history = await q.history(tx, teacherIds, walkIds);

  const planned = await f.plannedOf(tx, walkIds);
  const programmeIds =
    'programmeId' in scope.walksScope
      ? [scope.walksScope.programmeId]
      : [...new Set(walks.map((w) => w.programme_id).filter((x): x is string => !!x))];
  const [consultations, prompts, records, reviews] = await Promise.all([
    f.consultations(tx, programmeIds),
    f.prompts(tx, walkIds),
    f.records(tx, walkIds),
    f.reviews(tx, school.school_id),
  ]);
  const today = localDate(deps.now(), tz);
  const periods = reviewSchedule(
    calendar,
    settings.reviewFrequency,
    reviews.map((r) => ({ from: r.period_from, to: r.period_to })),
    today,
  )
    .filter((p) => p.from <= scope.endsOn && scope.startsOn <= p.to)
    .map((p) => ({ ...p, ended: p.to < today }));
  const inPeriods = reviews.filter((r) =>
    periods.some((p) => r.period_from <= p.to && p.from <= r.period_to),
  );
  const { bodies, ...recordCounts } = records;
  const concerns = await concernCounts(tx, calendar, {
    schoolId: school.school_id,
    from: scope.startsOn,
    to: scope.endsOn,
    today,
  });

  const report = protocolReport({
    title: scope.title,
    consultations: consultations.map((c) => {
      const openedOn = localDate(c.openedAt, tz);
      return {
        kind: c.kind,
        schoolDays: c.agreedOn
          ? schoolDaysBetween(calendar, openedOn, c.agreedOn) +
            (c.agreedOn > openedOn && isTeachingDay(calendar, c.agreedOn) ? 1 : 0)
          : null,
        minSchoolDays:
          c.kind === 'programme' ? settings.consultationSchoolDays : settings.amendmentSchoolDays,
        comments: c.comments,
        anonymous: c.anonymous,
        unanswered: c.unanswered,
      };
    }),
    prompts,
    records: recordCounts,
    handedIn: bodies,
    concerns,
    reviews: {
      frequency: settings.reviewFrequency,
      periods,
      answered: inPeriods.reduce((n, r) => n + (r.answered ?? 0), 0),
      asked: inPeriods.reduce((n, r) => n + r.staff_count, 0),
    },
    walks: walks.map((w) => ({
      planned: planned.get(w.walk_id) ?? null,
      walk: {
        inAgreedProgramme: w.programme_id ? !!planned.get(w.walk_id) : undefined,
        id: w.walk_id,
        date: w.walk_date,
        observerIds: observers.filter((o) => o.walk_id === w.walk_id).map((o) => o.person_id),
        focus: w.focus_title,
        purpose: w.purpose,
        programmeId: w.programme_id,
        offProgrammeReason: w.off_programme_reason,
      },
      visits: visitFacts.filter((_, i) => visits[i]!.walk_id === w.walk_id),
      programme:
        w.programme_id && w.programme_status
          ? ({
              id: w.programme_id,
              status: w.programme_status,
              agreedOn: w.programme_agreed_on,
              publishedOn: w.programme_published_at
                ? localDate(w.programme_published_at, tz)
                : null,
            } satisfies ProgrammeFacts)
          : null,
    })),
    history: history.map((h) => ({
      teacherId: h.teacher_id,
      date: h.visit_date,
      invited: h.invited,
      siteAudit: h.site_audit,
    })),
    calendar,
    settings,
    staff: staff.map((s) => ({ id: s.person_id, name: s.full_name, code: s.staff_code })),
  });

  // Bare counts: how many teachers had one visit, two… ; how many visits had n days' notice.
  const perTeacher = new Map<string, number>();
  for (const v of visitFacts) {
    if (!countsAsObservation(v)) continue;
    for (const t of new Set(v.teacherIds)) perTeacher.set(t, (perTeacher.get(t) ?? 0) + 1);
  }
  const teachersBy = new Map<number, number>();
  for (const n of perTeacher.values()) teachersBy.set(n, (teachersBy.get(n) ?? 0) + 1);
  const noticeBy = new Map<number, number>();
  for (const v of visitFacts) {
    if (v.invited || !v.noticeGivenOn) continue;
    const days = schoolDaysBetween(calendar, v.noticeGivenOn, v.date);
    noticeBy.set(days, (noticeBy.get(days) ?? 0) + 1);
  }
  // Different times (issue 16): visits that count as observations, by period, weekday, half term.
  const timetablePeriods = await q.schoolPeriods(tx, school.school_id);
  const spread = visitSpread(
    visitFacts.filter(countsAsObservation).map((v) => ({ date: v.date, startsAt: v.startsAt })),
    timetablePeriods.map((p) => ({ name: p.name, startsAt: p.starts_at, endsAt: p.ends_at })),
    calendar,
  );
  const rows = report.rows.map((r) =>
    r.rule === 'programme' && scope.programmeEvidence.length
      ? { ...r, evidence: [...scope.programmeEvidence, ...r.evidence] }
      : r,
  );

  return {
    title: report.title,
    scope: {
      kind: scope.kind,
      id: scope.id,
      schoolId: school.school_id,
      schoolName: school.name,
      startsOn: scope.startsOn,
      endsOn: scope.endsOn,
    },
    generatedAt: deps.now().toISOString(),
    walks: report.walks,
    visits: report.visits,
    allKept: report.allKept,
    rows,
    otherChecks: report.otherChecks,
    feedback: await feedbackCounts(tx, walkIds),
    siteInspections: await siteInspectionCounts(tx, deps, school.school_id, {
      from: scope.startsOn,
      to: scope.endsOn,
    }),
    distributions: {
      visitsPerTeacher: [...teachersBy.entries()]
        .sort(([a], [b]) => a - b)
        .map(([visitsCount, teachers]) => ({ visits: visitsCount, teachers })),
      noticeSchoolDays: [...noticeBy.entries()]
        .sort(([a], [b]) => a - b)
        .map(([schoolDays, n]) => ({ schoolDays, visits: n })),
      ...spread,
    },
    settings: {
      maxObservers: settings.maxObservers,
      noticeSchoolDays: settings.noticeSchoolDays,
      cap: describeCap(settings),
      visitMinutes: settings.visitMinutes,
      maxRoomsPerHour: settings.maxRoomsPerHour,
    },
  };
}
