import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import { type DeliverDeps, deliver, type Queued } from './mailer.ts';
import { type Tell, tell } from './tell.ts';

/** What sending mail needs: the app's dependencies satisfy it. */
export type MailDeps = Omit<DeliverDeps, 'log'>;

/**
 * Tells a person about their work inside the transaction: the in-app notice and the mail in the
 * outbox (tell.ts), neither if it rolls back.
 */
export type MailInTransaction = (message: Tell) => Promise<void>;

/** Holds mails already written to the outbox (e.g. by a notice) for delivery after the commit. */
export type HoldForDelivery = (queued: readonly Queued[]) => void;

/**
 * The tenant's transaction for a change that tells people something by mail. Every mail is
 * written to the outbox inside the transaction, and SMTP delivery runs only after the commit,
 * so a rolled-back change never mails anyone and a slow mail server never holds a lock.
 */
export async function withTenantMail<T>(
  deps: MailDeps,
  trustId: string,
  fn: (tx: Tx, mail: MailInTransaction, hold: HoldForDelivery) => Promise<T>,
  log?: { error(obj: unknown, msg: string): void },
): Promise<T> {
  const held: Queued[] = [];
  const result = await withTenant(deps.db, trustId, (tx) =>
    fn(
      tx,
      async (message) => {
        const queued = await tell(tx, deps.config, trustId, message, deps.now());
        if (queued) held.push(queued);
      },
      (queued) => {
        held.push(...queued);
      },
    ),
  );
  await deliver(log ? { ...deps, log } : deps, held);
  return result;
}
