import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { CredentialMailKind, MailKind } from '../../contracts/mail-kinds.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { seal } from '../db/secrets.ts';
import type { Tx } from '../db/with-tenant.ts';
import { attemptDelivery } from './delivery.ts';

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
export type Transport = {
  send(from: string, mail: OutgoingMail & { messageId?: string }): Promise<void>;
  close(): void;
};

export function createTransport(config: Pick<Config, 'mail' | 'delivery'>): Transport | null {
  const url = config.mail.smtpUrl;
  if (!url) return null;
  // One attempt never outlives its claim on the outbox row (delivery.ts): every wait is bounded.
  const limitMs = config.delivery.timeoutSeconds * 1000;
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: limitMs,
    greetingTimeout: limitMs,
    socketTimeout: limitMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(from, mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
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
  config: Pick<Config, 'mail' | 'secretKey'>,
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
      // SMTP mail with a link is retried from its sealed text (delivery.ts), cleared once sent.
      sealed_text:
        credential && delivery === 'smtp' ? seal(config.secretKey, 'mail_text', mail.text) : null,
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

/** The longest a request waits for the mail server after its change has committed. */
export const REQUEST_WAIT_MS = 1500;

/**
 * After the commit: one attempt at each queued SMTP mail now, one after another, in the
 * background. The caller waits for them at most REQUEST_WAIT_MS, so a slow or failing mail
 * server never holds a request for long; a mail that fails, or that this process never got to,
 * is sent by the job queue's `mail-delivery` work with exponential backoff (delivery.ts).
 * Local mail stays in the outbox; a local mail with a sign-in link goes to the console.
 */
export async function deliver(deps: DeliverDeps, queued: readonly Queued[]) {
  const smtp: Queued[] = [];
  for (const q of queued) {
    if (q.delivery === 'local' && q.privateMail) {
      (deps.credentialConsole ?? printCredentialMail)(q.privateMail);
      continue;
    }
    if (q.delivery === 'smtp' && deps.transport) smtp.push(q);
  }
  if (smtp.length === 0) return;
  const attempts = (async () => {
    for (const q of smtp) {
      try {
        await attemptDelivery(deps, q.trustId, q.mailId);
      } catch (e) {
        deps.log?.error({ err: e, mailId: q.mailId }, 'mail delivery could not be recorded');
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, REQUEST_WAIT_MS);
    timer.unref();
  });
  await Promise.race([attempts, waited]);
  clearTimeout(timer);
}
