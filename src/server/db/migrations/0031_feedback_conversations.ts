import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Feedback as agreed (issue 16): when a walk's plan says feedback is in person, the observer
 * offers each visited teacher times for a short conversation; the teacher picks one, or says
 * written feedback is fine; the observer records it held. One row per visit.
 */
const statements = [
  `
CREATE TABLE feedback_conversations (
    trust_id uuid NOT NULL,
    visit_id uuid NOT NULL,
    school_id uuid NOT NULL,
    walk_id uuid NOT NULL,
    teacher_id uuid NOT NULL,
    offered_by uuid,
    offered_times jsonb NOT NULL,
    minutes smallint NOT NULL DEFAULT 15 CHECK (minutes BETWEEN 5 AND 60),
    offered_at timestamptz NOT NULL,
    choice text CHECK (choice IN ('time', 'written')),
    chosen_time timestamptz,
    answered_at timestamptz,
    held_at timestamptz,
    PRIMARY KEY (trust_id, visit_id),
    CHECK ((choice = 'time') = (chosen_time IS NOT NULL)),
    CHECK ((choice IS NULL) = (answered_at IS NULL)),
    CHECK (held_at IS NULL OR choice = 'time'),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, walk_id) REFERENCES walks (trust_id, walk_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, offered_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (offered_by)
  )`,
  `
CREATE INDEX feedback_conversations_walk ON feedback_conversations (trust_id, walk_id)`,
  `
CREATE INDEX feedback_conversations_teacher ON feedback_conversations (trust_id, teacher_id)`,
];

export function feedbackConversations({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'feedback_conversations', { appRole });
    },
  };
}
