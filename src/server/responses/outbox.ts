import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { deliver, type Queued, queueMail } from '../mail/mailer.ts';

export type MailDeps = Pick<AppDeps, 'db' | 'config' | 'transport' | 'now'>;

/**
 * The tenant's transaction for a change that tells people something by mail: `mail` writes to
 * the outbox inside the transaction (no mail if it rolls back), and SMTP delivery runs after
 * the commit.
 */
export async function withTenantMail<T>(
  deps: MailDeps,
  trustId: string,
  fn: (
    tx: Tx,
    mail: (to: string | null | undefined, subject: string, lines: string[]) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const queued: Queued[] = [];
  const result = await withTenant(deps.db, trustId, (tx) =>
    fn(tx, async (to, subject, lines) => {
      if (!to) return;
      queued.push(
        await queueMail(
          tx,
          deps.config,
          trustId,
          { to, subject: subject.slice(0, 300), text: lines.join('\n') },
          deps.now(),
        ),
      );
    }),
  );
  await deliver(deps, queued);
  return result;
}

/** Every trust with people in it: scheduled work visits each under its own tenant. */
export async function allTrustIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{
    trust_id: string;
  }>`SELECT DISTINCT trust_id FROM auth_identities`.execute(db);
  return rows.rows.map((r) => r.trust_id);
}

/** Today's date in a time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
