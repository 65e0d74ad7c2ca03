import { remindOverdueConcerns } from '../concerns/concern-reminders.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { noticeHandedInRecords } from '../records/hand-in-notices.ts';
import { remindReviewsDue } from '../reviews/review-reminders.ts';
import { remindDueActions } from './actions.service.ts';

/**
 * Scheduled work after the walk. There is no job queue yet, so main.ts runs this on a small
 * unref'd timer: teachers are told of newly handed-in records, and owners are reminded of
 * actions falling due, and leaders of reviews with staff falling due (rule 11). All are
 * idempotent, so a run that overlaps or repeats does no harm. Heads (or the trust's named
 * person) are reminded of concerns not acknowledged in time (rule 12).
 */
export async function runAfterTheWalk(deps: MailDeps) {
  const told = await noticeHandedInRecords(deps);
  const reminded = await remindDueActions(deps, deps.now());
  const reviewsDue = await remindReviewsDue(deps, deps.now());
  const concernsOverdue = await remindOverdueConcerns(deps, deps.now());
  return { told, reminded, reviewsDue, concernsOverdue };
}

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
