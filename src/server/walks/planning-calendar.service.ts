import type { PlanningCalendar, PlanningCalendarQuery } from '../../contracts/walks.ts';
import {
  calendarSpanProblem,
  defaultCalendarSpan,
  termCalendar,
} from '../../domain/planner/term-calendar.ts';
import { describeCap } from '../../domain/protocol/settings.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { loadCalendar, loadSettingsRow, toDomainSettings } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { visitHistory } from '../kernel/visit-history.ts';
import { walkPage } from './walk-list.queries.ts';

/**
 * The plan-a-walk calendar (issue 21): the school's term with its closures, walks and caps, so a
 * leader picks a usable day instead of having dates refused one at a time. The server loads;
 * the domain's `termCalendar` decides. Leaders only (walk.manage): it names teachers near their cap.
 */
export function planningCalendar(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  query: PlanningCalendarQuery,
): Promise<PlanningCalendar> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'walk.manage', 'plan walks here');
    const settingsRow = await loadSettingsRow(tx, schoolId);
    const settings = toDomainSettings(settingsRow);
    const calendar = await loadCalendar(tx, school, settingsRow.cycleAnchor);
    // Without dates: the term holding today (or the next); with one: the term holding it.
    const around = query.from ?? query.to ?? todayIn(school.time_zone, deps.now());
    const span = defaultCalendarSpan(calendar, around);
    const from = query.from ?? span.from;
    const to = query.to ?? span.to;
    const problem = calendarSpanProblem(from, to);
    if (problem) throw new AppError('calendar_span_refused', problem, { from, to });

    const [{ walks }, teachers] = await Promise.all([
      walkPage(tx, { schoolId, from, to }, null),
      schoolPeople(tx, schoolId, ['teacher']),
    ]);
    const teacherIds = teachers.map((t) => t.person_id);
    const history = await visitHistory(tx, teacherIds, null);
    const cal = termCalendar({
      calendar,
      settings,
      from,
      to,
      walks: walks.map((w) => ({
        id: w.id,
        date: w.date,
        status: w.status,
        kind: w.kind,
        title: w.focusTitle,
        observerIds: w.observers.map((o) => o.id),
      })),
      history: history.map((h) => ({
        teacherId: h.teacher_id,
        date: h.visit_date,
        invited: h.invited,
      })),
      teacherIds,
    });
    // Name only the people the days mention.
    const named = new Set(
      cal.weeks.flatMap((w) =>
        w.days.flatMap((d) => [...d.observerIds, ...d.atCapIds, ...d.nearCapIds]),
      ),
    );
    const names = new Map<string, string>(teachers.map((t) => [t.person_id, t.full_name]));
    for (const w of walks) for (const o of w.observers) names.set(o.id, o.fullName);
    return {
      from: cal.from,
      to: cal.to,
      termNames: cal.termNames,
      teachingDays: cal.teachingDays,
      visitCap: settings.visitCap,
      capPeriod: describeCap(settings),
      weeks: cal.weeks,
      walks: walks
        .filter((w) => w.status !== 'cancelled')
        .map((w) => ({
          id: w.id,
          date: w.date,
          kind: w.kind,
          status: w.status,
          title: w.focusTitle,
          windowStart: w.windowStart,
          windowEnd: w.windowEnd,
        })),
      people: [...named]
        .map((id) => ({ id, fullName: names.get(id) ?? 'Someone no longer on the staff' }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    };
  });
}
