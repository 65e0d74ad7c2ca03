import { remindOverdueConcerns } from '../concerns/concern-reminders.ts';
import { applyRetention } from '../data-protection/retention.service.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { noticeHandedInRecords } from '../records/hand-in-notices.ts';
import { remindReviewsDue } from '../reviews/review-reminders.ts';
import { remindScheduledWalks } from '../site-walks/schedules.service.ts';
import { escalateOverdueSiteActions } from '../site-walks/site-actions.service.ts';
import { remindDueActions } from './actions.service.ts';

/**
 * One piece of work that happens later, on its own: every run must be idempotent (a run that
 * overlaps or repeats does no harm), because it may be retried. The job queue
 * (src/server/jobs/job-queue.ts) makes each entry a queue with a recurring schedule
 * (`SCHEDULED_WORK_CRON`, every minute by default), run once per occurrence across instances.
 */
export interface ScheduledWork {
  /** A stable name: logs, metrics and any job queue key on it. */
  name: string;
  run(deps: MailDeps): Promise<unknown>;
}

/**
 * Scheduled work, one list: teachers are told of newly handed-in records, owners are reminded of
 * actions falling due, leaders of reviews with staff falling due (rule 11), and heads (or the
 * trust's named person) of concerns not acknowledged in time (rule 12). A feature adds its own
 * entry here; nothing else needs to change.
 */
export const scheduledWork: ScheduledWork[] = [
  { name: 'hand-in-notices', run: (deps) => noticeHandedInRecords(deps) },
  { name: 'action-reminders', run: (deps) => remindDueActions(deps, deps.now()) },
  { name: 'review-reminders', run: (deps) => remindReviewsDue(deps, deps.now()) },
  { name: 'concern-reminders', run: (deps) => remindOverdueConcerns(deps, deps.now()) },
  { name: 'site-action-escalation', run: (deps) => escalateOverdueSiteActions(deps, deps.now()) },
  { name: 'site-walk-reminders', run: (deps) => remindScheduledWalks(deps, deps.now()) },
  // Issue 17: once a day per trust (later runs that day do nothing), erase what is past retention.
  { name: 'retention', run: (deps) => applyRetention(deps, deps.now()) },
];

/** Every entry once, in order, in this process (tests, and anyone running the list by hand). */
export async function runAfterTheWalk(deps: MailDeps) {
  const done: Record<string, unknown> = {};
  for (const work of scheduledWork) done[work.name] = await work.run(deps);
  return done;
}
