import { type Kysely, sql } from 'kysely';

/**
 * Security (issue 20):
 * - mail that carries a credential (a sign-in link, an invitation) is marked, and its stored
 *   body never holds the link: the outbox shows that it was sent, to whom and when. Links
 *   already kept in local outboxes are scrubbed here.
 * - people can be disabled by a trust admin: no session, no feed, no sign-in by any method.
 * - a notice kind for the walk leader whose observer left the school.
 */
const kinds = [
  'walk_published',
  'observing_walk',
  'visit_moved',
  'visit_cancelled',
  'visit_added',
  'observers_changed',
  'walk_cancelled',
  'observer_added',
  'observer_removed',
  'agreement_given',
  'records_handed_in',
  'review_opened',
  'observer_left',
];

export function accountsAndCredentials() {
  return {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE mail_outbox ADD COLUMN carries_credential boolean NOT NULL DEFAULT false`.execute(
        db,
      );
      await sql`
        UPDATE mail_outbox
        SET carries_credential = true,
            text_body = regexp_replace(text_body, 'https?://\\S*/sign-in/link#token=\\S+',
              '[sign-in link: shown to its recipient only]', 'g')
        WHERE text_body ~ '/sign-in/link#token='`.execute(db);
      await sql`ALTER TABLE people ADD COLUMN disabled_at timestamptz`.execute(db);
      await sql`ALTER TABLE people ADD COLUMN disabled_by uuid`.execute(db);
      await sql`ALTER TABLE notices DROP CONSTRAINT notices_kind_check`.execute(db);
      await sql
        .raw(
          `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
        )
        .execute(db);
    },
  };
}
