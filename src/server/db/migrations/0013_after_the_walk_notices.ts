import { type Kysely, sql } from 'kysely';

/**
 * In-app notices for after the walk: a teacher sees "records of your visit were handed in"
 * beside the mail. Widens the kinds allowed in notices (0009); the list is the contract's
 * noticeKinds, which the API validates against.
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
];

export function afterTheWalkNotices() {
  return {
    async up(db: Kysely<unknown>) {
      await sql`ALTER TABLE notices DROP CONSTRAINT notices_kind_check`.execute(db);
      await sql
        .raw(
          `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
        )
        .execute(db);
    },
  };
}
