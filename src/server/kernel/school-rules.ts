import type { ProtocolSettingsDto } from '../../contracts/programmes.ts';
import type { ResponseWindow } from '../../contracts/responses.ts';
import type { SchoolCalendar } from '../../domain/calendar/calendar.ts';
import { mondayOf } from '../../domain/calendar/calendar.ts';
import { responseWindow as windowOf } from '../../domain/protocol/response-window.ts';
import { DEFAULT_PROTOCOL_SETTINGS, type ProtocolSettings } from '../../domain/protocol/types.ts';
import type { School } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';
import { todayIn } from './school-time.ts';
import type { VisitRow } from './visits.ts';

/**
 * The school's rules and calendar as the domain reads them: every feature that applies the
 * protocol loads them here, so a school's settings mean the same thing everywhere.
 */

/** A school's protocol settings as stored (defaults when it never changed them). */
export async function loadSettingsRow(tx: Tx, schoolId: string): Promise<ProtocolSettingsDto> {
  const row = await tx
    .selectFrom('school_protocol_settings')
    .selectAll()
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  const d = DEFAULT_PROTOCOL_SETTINGS;
  return {
    maxObservers: row?.max_observers ?? d.maxObservers,
    noticeSchoolDays: row?.notice_school_days ?? d.noticeSchoolDays,
    visitCap: row?.visit_cap ?? d.visitCap,
    capPeriod: row?.cap_period ?? (typeof d.capPeriod === 'string' ? d.capPeriod : 'days'),
    capPeriodDays: row?.cap_period_days ?? null,
    visitMinutes: row?.visit_minutes ?? d.visitMinutes,
    maxRoomsPerHour: row?.max_rooms_per_hour ?? d.maxRoomsPerHour,
    responseWindowSchoolDays: row?.response_window_school_days ?? d.responseWindowSchoolDays,
    minGroupSize: row?.min_group_size ?? d.minGroupSize,
    cycleAnchor: row?.cycle_anchor ?? null,
    consultationSchoolDays: row?.consultation_school_days ?? d.consultationSchoolDays,
    amendmentSchoolDays: row?.amendment_school_days ?? d.amendmentSchoolDays,
    recommendedLookFors: row?.recommended_look_fors ?? d.recommendedLookFors,
    reviewFrequency: row?.review_frequency ?? d.reviewFrequency,
  };
}

export function toDomainSettings(s: ProtocolSettingsDto): ProtocolSettings {
  return {
    ...DEFAULT_PROTOCOL_SETTINGS,
    maxObservers: s.maxObservers,
    noticeSchoolDays: s.noticeSchoolDays,
    visitCap: s.visitCap,
    capPeriod: s.capPeriod === 'days' ? { days: s.capPeriodDays ?? 365 } : s.capPeriod,
    visitMinutes: s.visitMinutes,
    maxRoomsPerHour: s.maxRoomsPerHour,
    responseWindowSchoolDays: s.responseWindowSchoolDays,
    minGroupSize: s.minGroupSize,
    consultationSchoolDays: s.consultationSchoolDays,
    amendmentSchoolDays: s.amendmentSchoolDays,
    recommendedLookFors: s.recommendedLookFors,
    reviewFrequency: s.reviewFrequency,
  };
}

/** The school calendar as the domain reads it: terms, closures, the timetable cycle. */
export async function loadCalendar(
  tx: Tx,
  school: Pick<School, 'school_id' | 'timetable_cycle_weeks'>,
  cycleAnchor: string | null,
): Promise<SchoolCalendar> {
  const [terms, closures] = await Promise.all([
    tx
      .selectFrom('school_terms')
      .select(['name', 'starts_on', 'ends_on'])
      .where('school_id', '=', school.school_id)
      .orderBy('starts_on')
      .execute(),
    tx
      .selectFrom('school_closures')
      .select(['kind', 'label', 'starts_on', 'ends_on'])
      .where('school_id', '=', school.school_id)
      .orderBy('starts_on')
      .execute(),
  ]);
  const first = terms[0]?.starts_on;
  // Without an anchor, week 1 (week A) is the week the first term starts.
  const anchor = cycleAnchor ?? (first ? mondayOf(first) : undefined);
  return {
    terms: terms.map((t) => ({ name: t.name, startsOn: t.starts_on, endsOn: t.ends_on })),
    closures: closures.map((c) => ({
      kind: c.kind,
      label: c.label,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
    })),
    cycleWeeks: school.timetable_cycle_weeks === 2 ? 2 : 1,
    ...(anchor ? { cycleAnchor: anchor } : {}),
  };
}

const NO_CALENDAR: SchoolCalendar = { terms: [], closures: [], cycleWeeks: 1 };

/** The visit's response window, as the domain's `responseWindow` works it out in school days. */
export async function responseWindow(
  tx: Tx,
  visit: Pick<VisitRow, 'school_id' | 'time_zone' | 'timetable_cycle_weeks'>,
  firstHandIn: Date | null,
  now: Date,
): Promise<ResponseWindow> {
  const settings = await loadSettingsRow(tx, visit.school_id);
  const today = todayIn(visit.time_zone, now);
  if (!firstHandIn) return windowOf(NO_CALENDAR, settings, null, today);
  const calendar = await loadCalendar(
    tx,
    { school_id: visit.school_id, timetable_cycle_weeks: visit.timetable_cycle_weeks },
    settings.cycleAnchor,
  );
  return windowOf(calendar, settings, todayIn(visit.time_zone, firstHandIn), today);
}
