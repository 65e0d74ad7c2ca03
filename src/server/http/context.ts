import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Backend } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import type { CredentialConsole, Transport } from '../mail/mailer.ts';
import type { Actor } from '../policy/policy.ts';

/** What every feature module receives from app.ts. */
export type AppDeps = {
  db: Kysely<DB>;
  backend: Backend;
  config: Config;
  /** The clock; tests move it to check session timeouts. */
  now: () => Date;
  /** SMTP delivery; null when SMTP_URL is unset (mail stays in the in-app outbox). */
  transport: Transport | null;
  /** Where sign-in links go when there is no SMTP: the server console, never the outbox. */
  credentialConsole: CredentialConsole;
};

export type SignedIn = {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  /** Issue 13: the trust requires MFA of this person; until it is on, this session may only enrol. */
  mustEnrolMfa?: boolean;
  /**
   * Who this is, read in the same statement as the session (issue 22): GET /api/me answers
   * from it without going back to the database. Absent where a session is made up in code.
   */
  profile?: SessionProfile;
};

export type SessionProfile = {
  fullName: string;
  email: string;
  trustName: string;
  trustSlug: string;
  /** A trust of one school, shown without trust words (issue 13). */
  singleSchool: boolean;
  /** Ordered by school name (trust-wide roles last), then role. */
  memberships: {
    role: Actor['memberships'][number]['role'];
    schoolId: string | null;
    schoolName: string | null;
  }[];
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: SignedIn | null;
  }
  interface FastifyContextConfig {
    /** false for the few state-changing routes used before a session exists (sign-in). */
    csrf?: boolean;
  }
}
