import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.ts';

// Reviews with all staff and their anonymous pulse (migration 0015, DESIGN.md rule 11).
export interface ReviewsTable {
  trust_id: string;
  school_id: string;
  review_id: Generated<string>;
  title: string;
  term_id: string | null;
  period_label: string;
  period_from: DateOnly;
  period_to: DateOnly;
  pulse_closes_on: DateOnly;
  pulse_closed_early_at: Timestamp | null;
  /** Staff who could answer when the review opened (leaders, observers, teachers). */
  staff_count: number;
  notes: ColumnType<string, string | undefined, string>;
  opened_by: string | null;
  opened_at: Timestamp;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

/** What was answered, and nothing else: no person, no time, a random key. */
export interface ReviewPulseAnswersTable {
  trust_id: string;
  review_id: string;
  answer_id: string;
  walks: 'more' | 'same' | 'fewer';
  supportive: 'yes' | 'mostly' | 'not_really' | 'unsure';
  comment: string | null;
}

/** That a person answered (to refuse a second answer), with no link to the answer. */
export interface ReviewPulseRespondentsTable {
  trust_id: string;
  review_id: string;
  person_id: string;
}
