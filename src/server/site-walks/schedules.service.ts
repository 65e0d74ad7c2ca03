import { addDays, formatDate } from '../../domain/calendar/calendar.ts';
import {
  type Cadence,
  doneAgainstSchedule,
  type Occurrence,
  scheduleDates,
} from '../../domain/site-walks/schedule.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadCalendar, loadSettingsRow } from '../kernel/school-rules.ts';
import { todayIn } from '../kernel/school-time.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import * as q from './site-walks.queries.ts';
import { audit, createSiteWalkIn } from './site-walks.service.ts';

// Recurring inspections (issue 14): a schedule lays its walks out over the school calendar in
// advance (drafts, one per date), reminds the lead before each, and is counted against.

/** Days before a scheduled walk on which its lead is reminded. */
export const REMIND_DAYS = 3;

async function calendarOf(tx: Tx, schoolId: string) {
  const school = await tx
    .selectFrom('schools')
    .select(['school_id', 'timetable_cycle_weeks', 'time_zone'])
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  const settings = await loadSettingsRow(tx, schoolId);
  return { school, calendar: await loadCalendar(tx, school, settings.cycleAnchor ?? null) };
}

const lastTermDay = (cal: { terms: readonly { endsOn: string }[] }) =>
  cal.terms.reduce((m, t) => (t.endsOn > m ? t.endsOn : m), '');

export function createSchedule(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: {
    title: string;
    cadence: Cadence;
    weekday: number;
    windowStart: string;
    windowEnd: string;
    leadId: string;
    checklistVersionId: string;
    roomIds: string[];
    howResultsUsed: string;
    namesRooms: boolean;
    startsOn: string;
  },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.manage', 'set inspection schedules');
    const { school, calendar } = await calendarOf(tx, schoolId);
    const last = lastTermDay(calendar);
    if (!last || last < input.startsOn)
      throw new AppError(
        'validation_failed',
        'The school calendar has no term after that date: enter the terms (School set-up) before scheduling inspections.',
      );
    const today = todayIn(school.time_zone, deps.now());
    const from = input.startsOn > today ? input.startsOn : addDays(today, 1);
    const row = await tx
      .insertInto('site_inspection_schedules')
      .values({
        trust_id: auth.actor.trustId,
        school_id: schoolId,
        title: input.title,
        cadence: input.cadence,
        weekday: input.weekday,
        window_start: input.windowStart,
        window_end: input.windowEnd,
        lead_id: input.leadId,
        checklist_version_id: input.checklistVersionId,
        room_ids: input.roomIds,
        how_results_used: input.howResultsUsed,
        names_rooms: input.namesRooms,
        starts_on: input.startsOn,
        created_at: deps.now(),
      })
      .returning('schedule_id')
      .executeTakeFirstOrThrow();
    const dates = scheduleDates(
      calendar,
      { cadence: input.cadence, weekday: input.weekday as 1 | 2 | 3 | 4 | 5 },
      from,
      last,
    );
    let created = 0;
    const skipped: string[] = [];
    for (const o of dates) {
      if (o.date === null) {
        skipped.push(o.skipped);
        continue;
      }
      // Every walk goes through the same checks as a planned one (lead, places, people).
      await createSiteWalkIn(
        tx,
        deps,
        auth.actor.trustId,
        auth.actor.personId,
        schoolId,
        {
          date: o.date,
          windowStart: input.windowStart,
          windowEnd: input.windowEnd,
          leadId: input.leadId,
          companionId: null,
          checklistVersionId: input.checklistVersionId,
          howResultsUsed: input.howResultsUsed,
          namesRooms: input.namesRooms,
          places: input.roomIds.map((roomId) => ({ roomId, specialistId: null })),
          guests: [],
        },
        row.schedule_id,
      );
      created += 1;
    }
    await audit(tx, auth, 'site_schedule.create', 'site_schedule', row.schedule_id);
    const [schedule] = (await schedulesIn(tx, deps, schoolId)).filter(
      (s) => s.id === row.schedule_id,
    );
    return { schedule: schedule!, walksCreated: created, skipped };
  });
}

/** Each schedule with inspections due up to today and done (a walk with findings on the date). */
export async function schedulesIn(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  schoolId: string,
  period?: { from: string; to: string },
) {
  const { school, calendar } = await calendarOf(tx, schoolId);
  const today = todayIn(school.time_zone, deps.now());
  const rows = await q.listSchedules(tx, schoolId);
  const walks = await q.scheduledWalkDates(
    tx,
    rows.map((r) => r.schedule_id),
  );
  return rows.map((r) => {
    const mine = walks.filter((w) => w.schedule_id === r.schedule_id && w.status !== 'cancelled');
    const due: Occurrence[] = scheduleDates(
      calendar,
      { cadence: r.cadence, weekday: r.weekday as 1 | 2 | 3 | 4 | 5 },
      r.starts_on,
      // The whole calendar, then counted up to today: cutting the range at today would move
      // this week's walk to a day already past.
      lastTermDay(calendar) || today,
    );
    // Within a report's period (a term, a programme) only that period's inspections count.
    const inPeriod = (date: string | null) =>
      !period || (date !== null && date >= period.from && date <= period.to);
    const counted = doneAgainstSchedule(
      due.filter((o) => inPeriod(o.date)),
      mine.filter((w) => w.walked && inPeriod(w.walk_date)).map((w) => w.walk_date),
      today,
    );
    const next = mine
      .map((w) => w.walk_date)
      .filter((d) => d >= today)
      .sort()[0];
    return {
      id: r.schedule_id,
      title: r.title,
      cadence: r.cadence,
      weekday: r.weekday,
      leadId: r.lead_id,
      places: r.room_ids.length,
      due: counted.due,
      done: counted.done,
      next: next ?? null,
    };
  });
}

export function listSchedules(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'site.view', 'see inspection schedules');
    return { schedules: await schedulesIn(tx, deps, schoolId) };
  });
}

/** Reminds the lead of each scheduled walk once, a few days before it (scheduled work). */
export async function remindScheduledWalks(deps: MailDeps, now: Date) {
  let n = 0;
  for (const trustId of await allTrustIds(deps.db)) {
    n += await withTenantMail({ ...deps, now: () => now }, trustId, async (tx, mail) => {
      let sent = 0;
      const until = addDays(now.toISOString().slice(0, 10), REMIND_DAYS + 1);
      for (const w of await q.walksToRemind(tx, until)) {
        const today = todayIn(w.time_zone, now);
        if (w.walk_date < today || w.walk_date > addDays(today, REMIND_DAYS)) continue;
        await mail({
          kind: 'site_walk_due',
          personId: w.lead_id!,
          email: w.email,
          schoolId: w.school_id,
          walkId: w.walk_id,
          subject: `Scheduled site walk on ${formatDate(w.walk_date)}`,
          lines: [
            `${w.focus_title} is scheduled for ${formatDate(w.walk_date)}. Check the places and publish it so teachers are told.`,
            '',
            `Open it: ${deps.config.publicUrl}/site-walks/${w.walk_id}`,
          ],
          link: `/site-walks/${w.walk_id}`,
        });
        await tx
          .updateTable('site_walks')
          .set({ lead_reminded_at: now })
          .where('walk_id', '=', w.walk_id)
          .execute();
        sent += 1;
      }
      return sent;
    });
  }
  return n;
}
