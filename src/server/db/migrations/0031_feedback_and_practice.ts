import { type Kysely, sql } from 'kysely';
import { addNoticeKinds } from '../notice-kinds.ts';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Feedback as agreed (issue 16): when a walk's plan says feedback is in person, the observer
 * offers each visited teacher times for a short conversation; the teacher picks one, or says
 * written feedback is fine; the observer records it held. One row per visit.
 *
 * Best practice shared (issue 16): a bright spot from a debrief, seen in one visit, proposed for
 * the school's or the trust's practice library; published only when the visited teacher agrees,
 * and named only if they also agree to be named.
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
  `
CREATE TABLE practice_examples (
    trust_id uuid NOT NULL,
    example_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    debrief_id uuid,
    visit_id uuid NOT NULL,
    teacher_id uuid NOT NULL,
    look_for text NOT NULL CHECK (length(look_for) BETWEEN 1 AND 300),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    scope text NOT NULL CHECK (scope IN ('school', 'trust')),
    status text NOT NULL DEFAULT 'asked' CHECK (status IN ('asked', 'published', 'declined')),
    named boolean NOT NULL DEFAULT false,
    proposed_by uuid,
    proposed_at timestamptz NOT NULL,
    answered_at timestamptz,
    PRIMARY KEY (trust_id, example_id),
    CHECK ((status = 'asked') = (answered_at IS NULL)),
    CHECK (NOT named OR status = 'published'),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, debrief_id) REFERENCES debriefs (trust_id, school_id, debrief_id) ON DELETE SET NULL (debrief_id),
    FOREIGN KEY (trust_id, visit_id) REFERENCES visits (trust_id, visit_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, proposed_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (proposed_by)
  )`,
  `
CREATE INDEX practice_examples_library ON practice_examples (trust_id, status, scope, school_id)`,
];

export function feedbackAndPractice({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'feedback_conversations', { appRole });
      await isolateTenantTable(db, 'practice_examples', { appRole });
      // The visited teacher is told in the app of an offer and of a request to publish.
      await addNoticeKinds(db, ['feedback_offered', 'practice_consent_asked']);
    },
  };
}
