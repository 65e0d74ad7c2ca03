import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import type { Tx } from '../db/with-tenant.ts';
import { tell } from '../mail/tell.ts';
import {
  type NoticeDeps,
  type NoticeOutcome,
  noticeVisitsChanged,
} from '../notices/notices.service.ts';

type Leaving = {
  trustId: string;
  personId: string;
  /** The school they left; null when their whole account was disabled. */
  schoolId: string | null;
  actorPersonId: string;
  requestId?: string | null;
};

/**
 * What ends when someone leaves a school or is disabled: their place on the school's walks
 * still to come (the visited teachers hear who now comes, and whoever planned the walk is told
 * to find another observer), and, when they have no role left anywhere in the trust (or are
 * disabled), every session, calendar feed and unused sign-in link.
 */
export async function endAccess(
  tx: Tx,
  deps: NoticeDeps,
  leaving: Leaving,
): Promise<{ outcomes: NoticeOutcome[]; walksLeft: number }> {
  const { outcome, walksLeft } = await takeOffFutureWalks(tx, deps, leaving);
  const outcomes = [outcome];
  const remaining = await tx
    .selectFrom('memberships')
    .select('role')
    .where('person_id', '=', leaving.personId)
    .execute();
  if (leaving.schoolId === null || remaining.length === 0) {
    await endSessionsAndLinks(tx, leaving.personId, deps.now());
  }
  return { outcomes, walksLeft };
}

/** Every live session, feed and sign-in link of the person ends now. */
export async function endSessionsAndLinks(tx: Tx, personId: string, now: Date) {
  await tx
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .execute();
  await tx
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
  await tx
    .updateTable('sign_in_links')
    .set({ expires_at: now })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

async function takeOffFutureWalks(
  tx: Tx,
  deps: NoticeDeps,
  leaving: Leaving,
): Promise<{ outcome: NoticeOutcome; walksLeft: number }> {
  let walks = tx
    .selectFrom('walk_observers as o')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'o.trust_id').onRef('w.walk_id', '=', 'o.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .innerJoin('people as leaver', (j) =>
      j.onRef('leaver.trust_id', '=', 'o.trust_id').onRef('leaver.person_id', '=', 'o.person_id'),
    )
    .select([
      'w.walk_id',
      'w.school_id',
      'w.status',
      'w.created_by',
      'w.focus_title',
      sql<string>`to_char(w.walk_date, 'YYYY-MM-DD')`.as('walk_date'),
      'leaver.full_name as leaver_name',
    ])
    .where('o.person_id', '=', leaving.personId)
    .where('w.status', 'in', ['draft', 'published'])
    // Each school's own today, in its time zone: a walk later today still loses them.
    .where(
      sql<boolean>`w.walk_date >= (${deps.now()}::timestamptz AT TIME ZONE s.time_zone)::date`,
    );
  if (leaving.schoolId) walks = walks.where('w.school_id', '=', leaving.schoolId);
  const rows = await walks.execute();
  if (rows.length === 0) {
    return { outcome: { queued: [], notices: 0, needsAgreement: [] }, walksLeft: 0 };
  }

  await tx
    .deleteFrom('walk_observers')
    .where('person_id', '=', leaving.personId)
    .where(
      'walk_id',
      'in',
      rows.map((r) => r.walk_id),
    )
    .execute();
  const published = rows.filter((r) => r.status === 'published');
  const outcome = await noticeVisitsChanged(
    tx,
    deps,
    published.map((r) => ({
      kind: 'observers_changed' as const,
      walkId: r.walk_id,
      added: [],
      removed: [leaving.personId],
    })),
    { actorPersonId: leaving.actorPersonId, requestId: leaving.requestId ?? null },
  );

  const now = deps.now();
  for (const walk of rows) {
    const planners = await plannersOf(tx, walk.school_id, walk.created_by, leaving.personId);
    const title = `Find another observer: ${walk.leaver_name} has left`;
    const body = `${walk.leaver_name} is no longer on the walk “${walk.focus_title}” on ${walk.walk_date}: they have left the school or their account was closed. Choose another observer${walk.status === 'published' ? '; the visited teachers will be told who comes' : ''}.`;
    for (const p of planners) {
      // The notice and the mail together (mail/tell.ts).
      const queued = await tell(
        tx,
        deps.config,
        leaving.trustId,
        {
          kind: 'observer_left',
          personId: p.person_id,
          email: p.email,
          schoolId: walk.school_id,
          subject: title,
          lines: [body, '', `Open the walk: ${deps.config.publicUrl}/walks/${walk.walk_id}`],
          noticeBody: body,
          link: `/walks/${walk.walk_id}`,
          walkId: walk.walk_id,
        },
        now,
      );
      if (queued) outcome.queued.push(queued);
    }
    outcome.notices += planners.length;
    await recordAudit(tx, {
      trustId: leaving.trustId,
      actorPersonId: leaving.actorPersonId,
      action: 'walk.observer_left',
      subjectType: 'walk',
      subjectId: walk.walk_id,
      requestId: leaving.requestId ?? null,
    });
  }
  return { outcome, walksLeft: rows.length };
}

/** Whoever planned the walk, if still a leader there; otherwise the school's leaders. */
async function plannersOf(tx: Tx, schoolId: string, createdBy: string | null, leaverId: string) {
  const leaders = await tx
    .selectFrom('memberships as m')
    .innerJoin('people as p', (j) =>
      j.onRef('p.trust_id', '=', 'm.trust_id').onRef('p.person_id', '=', 'm.person_id'),
    )
    .select(['p.person_id', 'p.email'])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'school_leader')
    .where('p.person_id', '!=', leaverId)
    .where('p.disabled_at', 'is', null)
    .execute();
  const planner = leaders.find((l) => l.person_id === createdBy);
  return planner ? [planner] : leaders;
}
