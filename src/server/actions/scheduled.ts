import { remindOverdueConcerns } from '../concerns/concern-reminders.ts';
import { applyRetention } from '../data-protection/retention.service.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { noticeHandedInRecords } from '../records/hand-in-notices.ts';
import { remindReviewsDue } from '../reviews/review-reminders.ts';
import { remindDueActions } from './actions.service.ts';

/**
 * One piece of work that happens later, on its own: every run must be idempotent (a run that
 * overlaps or repeats does no harm), because it may be retried.
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
  // Issue 17: once a day per trust (later runs that day do nothing), erase what is past retention.
  { name: 'retention', run: (deps) => applyRetention(deps, deps.now()) },
];

export async function runAfterTheWalk(deps: MailDeps) {
  const done: Record<string, unknown> = {};
  for (const work of scheduledWork) done[work.name] = await work.run(deps);
  return done;
}

/** There is no job queue yet, so main.ts runs the list on a small unref'd timer. */
export function startAfterTheWalkTimer(
  deps: MailDeps,
  log: { error(obj: unknown, msg: string): void },
  everyMs = 60_000,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runAfterTheWalk(deps)
      .catch((err) => log.error({ err }, 'after-the-walk scheduled work failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
