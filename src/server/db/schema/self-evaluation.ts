import type { ColumnType, Generated } from 'kysely';
import type {
  EvidenceSignal,
  SelfEvaluationRating,
  StatementId,
} from '../../../domain/self-evaluation/self-evaluation.ts';
import type { DateOnly, Timestamp } from './columns.ts';

/** The evidence the app showed for one statement, kept when a self-evaluation is completed. */
export type EvidenceSnapshot = { id: StatementId; signal: EvidenceSignal; lines: string[] };

// A school's self-evaluation of its walk practice (migration 0029, issue 16).
export interface SelfEvaluationsTable {
  trust_id: string;
  school_id: string;
  self_evaluation_id: Generated<string>;
  period_label: string;
  period_from: DateOnly;
  period_to: DateOnly;
  started_by: string | null;
  started_at: Timestamp;
  completed_by: string | null;
  completed_at: Timestamp | null;
  /** Null until completed; then the evidence as shown (JSON). */
  evidence: ColumnType<EvidenceSnapshot[] | null, string | null, string | null>;
}

export interface SelfEvaluationRatingsTable {
  trust_id: string;
  school_id: string;
  self_evaluation_id: string;
  statement_id: StatementId;
  rating: SelfEvaluationRating;
  comment: ColumnType<string, string | undefined, string>;
  /** The action a "not yet" became, while it exists. */
  action_id: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

// The questions settled before a walk (migration 0030, issue 16).
export interface WalkPlanningTable {
  trust_id: string;
  walk_id: string;
  who_takes_part: string;
  rooms_chosen: string;
  teachers_told: string;
  focus_why: string;
  feedback_how: string;
  feedback_in_person: boolean;
  data_shared_with: string;
  updated_at: Timestamp;
}

// Feedback conversations offered when a walk's feedback is in person (migration 0031, issue 16).
export interface FeedbackConversationsTable {
  trust_id: string;
  visit_id: string;
  school_id: string;
  walk_id: string;
  teacher_id: string;
  offered_by: string | null;
  /** ISO instants offered (JSON). */
  offered_times: ColumnType<string[], string, string>;
  minutes: ColumnType<number, number | undefined, number>;
  offered_at: Timestamp;
  choice: 'time' | 'written' | null;
  chosen_time: Timestamp | null;
  answered_at: Timestamp | null;
  held_at: Timestamp | null;
}

// The practice library: bright spots published with the visited teacher's agreement (0031).
export interface PracticeExamplesTable {
  trust_id: string;
  example_id: Generated<string>;
  school_id: string;
  debrief_id: string | null;
  visit_id: string;
  teacher_id: string;
  look_for: string;
  title: string;
  body: string;
  scope: 'school' | 'trust';
  status: ColumnType<
    'asked' | 'published' | 'declined',
    'asked' | 'published' | 'declined' | undefined,
    'asked' | 'published' | 'declined'
  >;
  named: ColumnType<boolean, boolean | undefined, boolean>;
  proposed_by: string | null;
  proposed_at: Timestamp;
  answered_at: Timestamp | null;
}
