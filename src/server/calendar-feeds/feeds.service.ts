import { createHash, randomBytes } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarFeedCreated, CalendarFeedStatus } from '../../contracts/notices.ts';
import { addDays } from '../../domain/calendar/calendar.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { hashToken, loadMemberships } from '../http/sessions.ts';
import { instantOf, localTime, zoned } from '../kernel/school-time.ts';
import { decide } from '../policy/policy.ts';
import * as q from './feeds.queries.ts';

/**
 * Private, revocable iCalendar feeds. The address carries the trust id beside a random secret
 * (`/api/calendar/<trustId>.<secret>.ics`): the trust id lets the feed be read inside the
 * tenant's row-level security with no session, and only the secret's hash is stored. The
 * address is shown once, when made; making a new one revokes the old.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How far back a feed reaches: past walks stay visible for a term or so. */
const PAST_DAYS = 120;

export function feedStatus(deps: AppDeps, auth: SignedIn): Promise<CalendarFeedStatus> {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const feed = await q.findLiveFeed(tx, actor.personId);
    return {
      active: Boolean(feed),
      createdAt: feed ? feed.created_at.toISOString() : null,
      lastReadAt: feed?.last_read_at ? feed.last_read_at.toISOString() : null,
    };
  });
}

/** Makes a new private address for the signed-in person, revoking any earlier one. */
export function createFeed(
  deps: AppDeps,
  auth: SignedIn,
  requestId: string,
): Promise<CalendarFeedCreated> {
  const { actor } = auth;
  const now = deps.now();
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const revoked = await q.revokeLiveFeeds(tx, actor.personId, now);
    const secret = randomBytes(32).toString('base64url');
    await tx
      .insertInto('calendar_feeds')
      .values({
        trust_id: actor.trustId,
        person_id: actor.personId,
        token_hash: hashToken(secret),
        created_at: now,
      })
      .execute();
    await recordAudit(tx, {
      trustId: actor.trustId,
      actorPersonId: actor.personId,
      action: revoked > 0 ? 'calendar_feed.rotated' : 'calendar_feed.created',
      subjectType: 'person',
      subjectId: actor.personId,
      requestId,
    });
    const url = `${deps.config.publicUrl}/api/calendar/${actor.trustId}.${secret}.ics`;
    return {
      url,
      webcalUrl: url.replace(/^https?:/, 'webcal:'),
      createdAt: now.toISOString(),
      replaced: revoked > 0,
    };
  });
}

/** Revokes the person's feed: its address answers 404 from now on. Revoking none is not an error. */
export function revokeFeed(deps: AppDeps, auth: SignedIn, requestId: string) {
  const { actor } = auth;
  return withTenant(deps.db, actor.trustId, async (tx) => {
    const revoked = await q.revokeLiveFeeds(tx, actor.personId, deps.now());
    if (revoked > 0) {
      await recordAudit(tx, {
        trustId: actor.trustId,
        actorPersonId: actor.personId,
        action: 'calendar_feed.revoked',
        subjectType: 'person',
        subjectId: actor.personId,
        requestId,
      });
    }
    return { revoked: revoked > 0 };
  });
}

const feedNotFound = () =>
  new AppError(
    'not_found',
    'There is no calendar feed at this address: it may have been replaced or revoked. Make a new one on your home page in Learning Walks.',
  );

/** Splits `<trustId>.<secret>.ics`; anything else is simply not found. */
function parseFile(file: string) {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})\.ics$/.exec(file);
  if (!m || !UUID.test(m[1]!)) return null;
  return { trustId: m[1]!, secret: m[2]! };
}

export type RenderedFeed = { body: string; etag: string };

type FeedEvent = {
  uid: string;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  cancelled: boolean;
  stamp: Date;
};

/**
 * The feed's iCalendar text: teachers see the visits to their own lessons (once they have
 * been told), observers the walks they observe, school leaders their school's published walks.
 * Times carry the school's TZID with a VTIMEZONE, so Outlook and Google Calendar place them
 * right across a clock change. A cancelled visit or walk stays in the feed as
 * STATUS:CANCELLED with the same UID, so calendar apps remove it.
 */
export async function renderFeed(deps: AppDeps, file: string): Promise<RenderedFeed> {
  const parsed = parseFile(file);
  if (!parsed) throw feedNotFound();
  const now = deps.now();
  return withTenant(deps.db, parsed.trustId, async (tx) => {
    const feed = await q.findFeedByHash(tx, hashToken(parsed.secret));
    if (!feed || feed.revoked_at) throw feedNotFound();
    const person = await q.findPerson(tx, feed.person_id);
    if (!person) throw feedNotFound();
    const memberships = await loadMemberships(tx, feed.person_id);
    const actor = { trustId: parsed.trustId, personId: feed.person_id, memberships };
    const since = addDays(now.toISOString().slice(0, 10), -PAST_DAYS);

    const events: FeedEvent[] = [];
    const teacherVisits = await q.listTeacherVisits(tx, feed.person_id, since);
    // Walks the person observes, and — for school leaders — their schools' published walks.
    const leaderSchools = new Set(
      (await q.listSchoolIds(tx)).filter(
        (schoolId) =>
          decide(actor, 'calendar.school_walks', { trustId: parsed.trustId, schoolId }) === 'allow',
      ),
    );
    const walks = await q.listWalksFor(tx, feed.person_id, [...leaderSchools], since);
    const routes = await q.listRoutes(
      tx,
      walks.map((w) => w.walk_id),
    );
    // Every walk's observers in one statement, not one per walk (issue 22).
    const observerNames = new Map<string, string[]>();
    const walkIds = [...new Set([...teacherVisits, ...walks].map((w) => w.walk_id))];
    for (const o of await q.listObserverNamesOf(tx, walkIds)) {
      observerNames.set(o.walk_id, [...(observerNames.get(o.walk_id) ?? []), o.full_name]);
    }
    const namesOf = (walkId: string) => observerNames.get(walkId) ?? [];

    // A teacher's own visits, once they have been told of them.
    for (const v of teacherVisits) {
      const cancelled = v.status === 'cancelled' || v.walk_status === 'cancelled';
      const observers = namesOf(v.walk_id);
      events.push({
        uid: `visit-${v.visit_id}@learning-walks`,
        start: v.planned_start,
        end: v.planned_end,
        timeZone: v.time_zone,
        summary: `${cancelled ? 'Cancelled: ' : ''}Learning walk visit to ${v.class_code}${v.invited ? ' (you invited it)' : ''}`,
        description: [
          `Focus: ${v.focus_title || 'not given'}`,
          `Purpose: ${v.purpose || 'not given'}`,
          `Observers: ${observers.join(', ') || 'to be confirmed'}`,
          `School: ${v.school_name}`,
          ...(v.needs_teacher_agreement && !v.teacher_agreed_at && !cancelled
            ? [
                'This visit was moved inside the notice period: it goes ahead only if you agree in Learning Walks.',
              ]
            : []),
        ].join('\n'),
        location: `${v.room_name}${v.building ? `, ${v.building}` : ''}, ${v.school_name}`,
        cancelled,
        stamp: v.cancelled_at ?? v.notice_sent_at ?? v.created_at,
      });
    }

    for (const w of walks) {
      const cancelled = w.status === 'cancelled';
      const observers = namesOf(w.walk_id);
      const route = routes
        .filter((r) => r.walk_id === w.walk_id && r.status === 'planned')
        .map((r) => `${localTime(r.planned_start, w.time_zone)} ${r.room_name} (${r.class_code})`);
      events.push({
        uid: `walk-${w.walk_id}@learning-walks`,
        start: instantOf(w.walk_date, w.window_start, w.time_zone),
        end: instantOf(w.walk_date, w.window_end, w.time_zone),
        timeZone: w.time_zone,
        summary: `${cancelled ? 'Cancelled: ' : ''}Learning walk${w.focus_title ? `: ${w.focus_title}` : ''}${w.observing ? ' (you observe)' : ''}`,
        description: [
          `Purpose: ${w.purpose || 'not given'}`,
          `Observers: ${observers.join(', ') || 'to be confirmed'}`,
          `School: ${w.school_name}`,
          `Route: ${route.length ? route.join('; ') : 'no rooms yet'}`,
        ].join('\n'),
        location: w.school_name,
        cancelled,
        stamp: w.cancelled_at ?? w.published_at ?? w.created_at,
      });
    }

    // Feedback conversations arranged after a visit (issue 16), for the teacher and the observer.
    for (const f of await q.listFeedbackFor(tx, feed.person_id, since)) {
      const start = new Date(f.chosen_time!);
      const mine = f.teacher_id === feed.person_id;
      events.push({
        uid: `feedback-${f.visit_id}@learning-walks`,
        start,
        end: new Date(start.getTime() + f.minutes * 60_000),
        timeZone: f.time_zone,
        summary: `Feedback conversation: learning walk visit to ${f.class_code}`,
        description: [
          mine ? `With: ${f.observer_name ?? 'the observer'}` : `With: ${f.teacher_name}`,
          `School: ${f.school_name}`,
        ].join('\n'),
        location: f.school_name,
        cancelled: false,
        stamp: f.answered_at ?? start,
      });
    }

    const calendar = ical({
      name: `Learning walks — ${person.full_name}`,
      description: 'Learning walks that concern you. Private: do not share this address.',
      prodId: { company: 'Learning Walks', product: 'learning-walks', language: 'EN' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 60 * 60,
    });
    // A VTIMEZONE for every zone the events use; no calendar-wide zone, so DTSTAMP stays UTC.
    calendar.timezone({ name: null, generator: getVtimezoneComponent });
    for (const e of events.sort((a, b) => a.start.getTime() - b.start.getTime())) {
      calendar.createEvent({
        id: e.uid,
        start: zoned(e.start, e.timeZone),
        end: zoned(e.end, e.timeZone),
        timezone: e.timeZone,
        stamp: e.stamp,
        summary: e.summary,
        description: e.description,
        location: e.location,
        status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        // Calendar apps apply a cancellation over the same UID only with a higher sequence.
        sequence: e.cancelled ? 1 : 0,
      });
    }
    const body = calendar.toString();
    await tx
      .updateTable('calendar_feeds')
      .set({ last_read_at: now })
      .where('feed_id', '=', feed.feed_id)
      .execute();
    return {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
  });
}
