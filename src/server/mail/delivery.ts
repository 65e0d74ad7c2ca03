import { type Kysely, sql } from 'kysely';
import { afterFailure } from '../../domain/mail/backoff.ts';
import type { DB } from '../db/schema.ts';
import { open } from '../db/secrets.ts';
import { withTenant } from '../db/with-tenant.ts';
import { mailAttempts } from '../metrics/metrics.ts';
import type { DeliverDeps } from './mailer.ts';

/**
 * SMTP delivery as a job (issue 17). The outbox row is written in the same transaction as the
 * change that causes the mail, and it is the delivery job: `attemptDelivery` claims it, sends
 * it, and marks it sent, or schedules the next attempt with exponential backoff, or gives it up.
 *
 * Exactly once: an attempt first claims the row (`claimed_until`) in its own short transaction,
 * so no two processes send the same mail at once. The claim outlives the transport's own time
 * limits (`MAIL_TIMEOUT_SECONDS` on connecting, the greeting and every reply), so an attempt
 * that is still running always holds its claim; a process killed mid-send leaves a claim that
 * expires, and the next attempt goes ahead. The one gap no SMTP client can close: a server that
 * accepted the message just as the process died. Every message carries a Message-ID made from
 * the outbox id, so such a rare second copy is recognisably the same message.
 */
export type AttemptOutcome = 'sent' | 'failed' | 'given_up' | 'not_due';

export function claimSeconds(deps: Pick<DeliverDeps, 'config'>) {
  // Connecting, the greeting and the message's replies are each bounded by the timeout.
  return deps.config.delivery.timeoutSeconds * 3 + 5;
}

/** A moment on the database's clock, the one every process shares. */
function secondsFromNow(seconds: number) {
  return sql<Date>`clock_timestamp() + make_interval(secs => ${seconds}::int)`;
}

export function messageIdFor(mailId: string) {
  return `<${mailId}@learning-walks.mail>`;
}

export async function attemptDelivery(
  deps: DeliverDeps,
  trustId: string,
  mailId: string,
): Promise<AttemptOutcome> {
  const transport = deps.transport;
  if (!transport) return 'not_due';
  const claimed = await withTenant(deps.db, trustId, (tx) =>
    tx
      .updateTable('mail_outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        claimed_until: secondsFromNow(claimSeconds(deps)),
      }))
      .where('mail_id', '=', mailId)
      .where('delivery', '=', 'smtp')
      .where('sent_at', 'is', null)
      .where('given_up_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('claimed_until', 'is', null),
          eb('claimed_until', '<', eb.fn<Date>('clock_timestamp')),
        ]),
      )
      .returning(['to_address', 'subject', 'text_body', 'sealed_text', 'attempts'])
      .executeTakeFirst(),
  );
  if (!claimed) return 'not_due';
  let error: string | null = null;
  try {
    const text = claimed.sealed_text
      ? open(deps.config.secretKey, 'mail_text', claimed.sealed_text)
      : claimed.text_body;
    await transport.send(deps.config.mail.from, {
      to: claimed.to_address,
      subject: claimed.subject,
      text,
      messageId: messageIdFor(mailId),
    });
  } catch (e) {
    error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'delivery failed';
    deps.log?.error({ err: e, mailId, attempt: claimed.attempts }, 'mail delivery failed');
  }
  if (error === null) {
    await withTenant(deps.db, trustId, (tx) =>
      tx
        .updateTable('mail_outbox')
        .set({
          sent_at: deps.now(),
          last_error: null,
          claimed_until: null,
          next_attempt_at: null,
          sealed_text: null,
        })
        .where('mail_id', '=', mailId)
        .execute(),
    );
    mailAttempts.inc({ outcome: 'sent' });
    return 'sent';
  }
  const next = afterFailure(
    {
      retryLimit: deps.config.delivery.retryLimit,
      baseSeconds: deps.config.delivery.retryDelaySeconds,
      maxSeconds: deps.config.delivery.retryDelayMaxSeconds,
    },
    claimed.attempts,
    Math.random(),
  );
  await withTenant(deps.db, trustId, (tx) =>
    tx
      .updateTable('mail_outbox')
      .set(
        next.kind === 'retry'
          ? {
              last_error: error,
              claimed_until: null,
              next_attempt_at: secondsFromNow(next.afterSeconds),
            }
          : // Given up: a credential mail's text goes; the person asks for a new link.
            {
              last_error: error,
              claimed_until: null,
              given_up_at: secondsFromNow(0),
              sealed_text: null,
            },
      )
      .where('mail_id', '=', mailId)
      .execute(),
  );
  mailAttempts.inc({ outcome: next.kind === 'retry' ? 'failed' : 'given_up' });
  return next.kind === 'retry' ? 'failed' : 'given_up';
}

/**
 * The job queue's `mail-delivery` work: every SMTP mail not yet sent, not given up, whose next
 * attempt is due and that nobody holds, oldest first, trust by trust. Idempotent: a mail another
 * process is sending is skipped, and one sent meanwhile is no longer pending.
 */
export async function deliverPendingMail(deps: DeliverDeps, options: { batch?: number } = {}) {
  const tally: Record<AttemptOutcome, number> = { sent: 0, failed: 0, given_up: 0, not_due: 0 };
  if (!deps.transport) return tally;
  const batch = options.batch ?? 200;
  for (const trustId of await allTrustIds(deps.db)) {
    const due = await withTenant(deps.db, trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select('mail_id')
        .where('delivery', '=', 'smtp')
        .where('sent_at', 'is', null)
        .where('given_up_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('next_attempt_at', 'is', null),
            eb('next_attempt_at', '<=', eb.fn<Date>('clock_timestamp')),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb('claimed_until', 'is', null),
            eb('claimed_until', '<', eb.fn<Date>('clock_timestamp')),
          ]),
        )
        .orderBy('created_at')
        .limit(batch)
        .execute(),
    );
    for (const { mail_id } of due) tally[await attemptDelivery(deps, trustId, mail_id)] += 1;
  }
  return tally;
}

/** SMTP mail still to send, across trusts (for /metrics). */
export async function countPendingMail(deps: Pick<DeliverDeps, 'db'>) {
  let pending = 0;
  for (const trustId of await allTrustIds(deps.db)) {
    const row = await withTenant(deps.db, trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('delivery', '=', 'smtp')
        .where('sent_at', 'is', null)
        .where('given_up_at', 'is', null)
        .executeTakeFirst(),
    );
    pending += Number(row?.n ?? 0);
  }
  return pending;
}

/** Every trust with people in it (as kernel/trusts.ts counts them), each read under its own tenant. */
async function allTrustIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{
    trust_id: string;
  }>`SELECT DISTINCT trust_id FROM auth_identities`.execute(db);
  return rows.rows.map((r) => r.trust_id);
}
