import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { CredentialMailKind, MailKind } from '../../contracts/mail-kinds.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  /**
   * A sign-in link or invitation link inside `text`. Such a mail is readable by its recipient
   * alone: the outbox keeps the text with the link withheld, SMTP gets the whole text, and with
   * no SMTP the whole text goes to the server console (for trying the app on one machine).
   */
  credentialUrl?: string;
};

/** What stands in the stored body where a credential link was. */
export const WITHHELD_LINK = '[sign-in link: shown to its recipient only]';

/** Where a credential mail goes when no SMTP server is set: the console of the server. */
export type CredentialConsole = (mail: OutgoingMail) => void;

export const printCredentialMail: CredentialConsole = (mail) => {
  process.stdout.write(
    [
      '',
      '── Mail with a sign-in link (no SMTP_URL is set, so it is shown here only) ──',
      `To: ${mail.to}`,
      `Subject: ${mail.subject}`,
      '',
      mail.text,
      '────────────────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
};

/** Sends one message; absent when no SMTP_URL is set (mail then stays in the local outbox). */
export type Transport = { send(from: string, mail: OutgoingMail): Promise<void>; close(): void };

export function createTransport(config: Config): Transport | null {
  const url = config.mail.smtpUrl;
  if (!url) return null;
  const transporter = nodemailer.createTransport(url);
  return {
    async send(from, mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transporter.close(),
  };
}

export type Queued = {
  trustId: string;
  mailId: string;
  delivery: 'smtp' | 'local';
  /** The whole text of a credential mail, held in memory only until it is delivered. */
  privateMail?: OutgoingMail;
};

/**
 * Writes a sign-in or invitation mail to the trust's outbox inside the caller's transaction: if
 * the transaction rolls back, no mail goes. Call deliver() after it commits. Mail about a
 * person's work goes through `tell` (tell.ts), which writes its in-app notice with it.
 */
export function queueMail(
  tx: Tx,
  config: Config,
  trustId: string,
  mail: OutgoingMail & { kind: CredentialMailKind },
  now: Date,
): Promise<Queued> {
  return writeOutbox(tx, config, trustId, mail, now);
}

/** The outbox row itself: used by queueMail and tell only. */
export async function writeOutbox(
  tx: Tx,
  config: Pick<Config, 'mail'>,
  trustId: string,
  mail: OutgoingMail & { kind: MailKind },
  now: Date,
): Promise<Queued> {
  const delivery = config.mail.smtpUrl ? 'smtp' : 'local';
  const credential = mail.credentialUrl;
  const row = await tx
    .insertInto('mail_outbox')
    .values({
      trust_id: trustId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: credential ? mail.text.replaceAll(credential, WITHHELD_LINK) : mail.text,
      created_at: now,
      delivery,
      carries_credential: Boolean(credential),
      kind: mail.kind,
    })
    .returning('mail_id')
    .executeTakeFirstOrThrow();
  return { trustId, mailId: row.mail_id, delivery, ...(credential ? { privateMail: mail } : {}) };
}

export type DeliverDeps = {
  db: Kysely<DB>;
  config: Config;
  transport: Transport | null;
  /** Only credential mail uses it; the console when absent. */
  credentialConsole?: CredentialConsole;
  now: () => Date;
  log?: { error(obj: unknown, msg: string): void };
};

/**
 * Sends queued SMTP mail and marks it sent; a failure is recorded on the row and logged,
 * never thrown at the person who asked. Local mail stays in the outbox.
 */
export async function deliver(deps: DeliverDeps, queued: readonly Queued[]) {
  for (const q of queued) {
    if (q.delivery === 'local' && q.privateMail) {
      (deps.credentialConsole ?? printCredentialMail)(q.privateMail);
      continue;
    }
    if (q.delivery !== 'smtp' || !deps.transport) continue;
    try {
      const row = await withTenant(deps.db, q.trustId, (tx) =>
        tx
          .selectFrom('mail_outbox')
          .select(['to_address', 'subject', 'text_body'])
          .where('mail_id', '=', q.mailId)
          .where('sent_at', 'is', null)
          .executeTakeFirst(),
      );
      if (!row) continue;
      let error: string | null = null;
      try {
        await deps.transport.send(deps.config.mail.from, {
          to: row.to_address,
          subject: row.subject,
          // The stored body of a credential mail has no link: the link lives only in memory.
          text: q.privateMail?.text ?? row.text_body,
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        deps.log?.error({ err: e, mailId: q.mailId }, 'mail delivery failed');
      }
      await withTenant(deps.db, q.trustId, (tx) =>
        tx
          .updateTable('mail_outbox')
          .set(
            error
              ? { last_error: error.slice(0, 1000) }
              : { sent_at: deps.now(), last_error: null },
          )
          .where('mail_id', '=', q.mailId)
          .execute(),
      );
    } catch (e) {
      deps.log?.error({ err: e, mailId: q.mailId }, 'mail delivery could not be recorded');
    }
  }
}
