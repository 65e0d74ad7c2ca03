import { type Kysely, sql } from 'kysely';

/**
 * Mail delivery with retries (issue 17). The outbox row, written in the same transaction as the
 * change that causes the mail, is the delivery job itself: the job queue's `mail-delivery` work
 * sends every SMTP row not yet sent whose next attempt is due, retrying with exponential backoff.
 *
 * - `attempts`: SMTP attempts so far; `next_attempt_at`: when the next may start (null: now).
 * - `claimed_until`: an attempt in progress holds the row until then, so two processes never
 *   send the same mail at once; a process killed mid-send leaves a claim that simply expires.
 * - `sealed_text`: a credential mail's whole text, sealed with LW_SECRET_KEY, kept only until it
 *   is sent or given up (the readable `text_body` never holds the link).
 * - `given_up_at`: retries are exhausted; the row stays, with its last error, for the outbox page.
 */
const statements = [
  `ALTER TABLE mail_outbox
     ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
     ADD COLUMN next_attempt_at timestamptz,
     ADD COLUMN claimed_until timestamptz,
     ADD COLUMN sealed_text text,
     ADD COLUMN given_up_at timestamptz`,
  // What the delivery work looks for: SMTP mail neither sent nor given up.
  `CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at)
     WHERE sent_at IS NULL AND given_up_at IS NULL AND delivery = 'smtp'`,
];

export function mailDeliveryQueue() {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}
