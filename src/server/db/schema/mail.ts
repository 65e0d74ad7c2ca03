import type { ColumnType, Generated } from 'kysely';
import type { MailKind } from '../../../contracts/mail-kinds.ts';
import type { Timestamp } from './columns.ts';

// The mail outbox and single-use sign-in links (migration 0003).
export interface MailOutboxTable {
  trust_id: string;
  mail_id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  delivery: 'smtp' | 'local';
  last_error: string | null;
  /** A sign-in link or invitation: the stored body holds no link (migration 0016). */
  carries_credential: Generated<boolean>;
  /** What the mail is about (0022); null for mail written before. */
  kind: ColumnType<MailKind | null, MailKind | null | undefined, MailKind | null>;
  /** Delivery as a job (0038): attempts so far, when the next may start, who holds it. */
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  claimed_until: Timestamp | null;
  /** A credential mail's whole text, sealed, until it is sent or given up. */
  sealed_text: string | null;
  given_up_at: Timestamp | null;
}

export interface SignInLinksTable {
  trust_id: string;
  link_id: Generated<string>;
  person_id: string;
  /** sha256 of the token; the token itself is only ever in the mail. */
  token_hash: string;
  purpose: 'invitation' | 'sign_in';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
