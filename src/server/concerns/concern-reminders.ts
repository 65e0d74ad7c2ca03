import { acknowledgementOverdue } from '../../domain/concerns/concerns.ts';
import { todayIn } from '../kernel/school-time.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import { type MailDeps, withTenantMail } from '../mail/after-commit.ts';
import { tell } from './concern-notices.ts';
import * as q from './concerns.queries.ts';

/**
 * Rule 12: a concern not acknowledged by the school day it was due reminds the person it was sent
 * to (the head, or the trust's named person), once, in the app and by mail. Idempotent: run it as
 * often as you like (scheduled every minute with the other after-the-walk work).
 */
export async function remindOverdueConcerns(
  deps: MailDeps,
  now: Date,
  options: { trustIds?: readonly string[] } = {},
) {
  let reminded = 0;
  for (const trustId of options.trustIds ?? (await allTrustIds(deps.db))) {
    reminded += await withTenantMail({ ...deps, now: () => now }, trustId, async (tx, mail) => {
      let n = 0;
      for (const c of await q.overdueUnreminded(tx)) {
        const today = todayIn(c.time_zone, now);
        if (
          !acknowledgementOverdue({ acknowledgedAt: null, acknowledgeBy: c.acknowledge_by }, today)
        ) {
          continue;
        }
        await q.updateConcern(tx, c.concern_id, { ack_reminded_at: now });
        await tell(tx, deps, mail, c, now, 'overdue');
        n += 1;
      }
      return n;
    });
  }
  return reminded;
}
