import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './columns.ts';

/** A trainee's answers by look-for id (null: left unanswered). */
export type AttemptAnswers = Record<string, boolean | string | null>;

// Observer training (migration 0035, issue 15).
export interface TrainingRulesTable {
  trust_id: string;
  rule_id: Generated<string>;
  /** null: the trust's own rule, for every school. */
  school_id: string | null;
  set_by: string | null;
  set_at: Timestamp;
}

export interface TrainingCompletionsTable {
  trust_id: string;
  person_id: string;
  version_id: string;
  module: 'guidance' | 'neutral_language' | 'practice_scenes';
  completed_at: Timestamp;
}

export interface PracticeScenesTable {
  trust_id: string;
  scene_id: Generated<string>;
  version_id: string;
  title: string;
  scene: string;
  /** The agreed reference answers by look-for id: true/false (seen) or a prevalence level. */
  reference: Json<Record<string, boolean | string>>;
  /** Why the reference reads the scene so, by look-for id. */
  reasons: Json<Record<string, string>>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PracticeAttemptsTable {
  trust_id: string;
  attempt_id: Generated<string>;
  scene_id: string;
  person_id: string;
  answers: Json<AttemptAnswers>;
  passed: boolean;
  created_at: Timestamp;
}

// Walks across schools (migration 0036, issue 15).
export interface NetworksTable {
  trust_id: string;
  network_id: Generated<string>;
  name: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface NetworkMembersTable {
  trust_id: string;
  network_id: string;
  person_id: string;
  lead: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface VisitingWalksTable {
  trust_id: string;
  walk_id: string;
  host_school_id: string;
  network_id: string | null;
  calibration: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<
    'proposed' | 'agreed' | 'declined',
    'proposed' | 'agreed' | 'declined' | undefined,
    'proposed' | 'agreed' | 'declined'
  >;
  proposed_by: string | null;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decline_reason: string | null;
}

export interface VisitingWalkObserversTable {
  trust_id: string;
  walk_id: string;
  person_id: string;
  home_school_id: string | null;
}

// Low agreement flagged to the framework's owners (migration 0044, issue 15).
export interface AgreementFlagsTable {
  trust_id: string;
  flag_id: Generated<string>;
  look_for_id: string;
  version_id: string;
  pairs: number;
  kappa: number | null;
  flagged_at: Timestamp;
  cleared_at: Timestamp | null;
}

// Peer walks (migration 0043, issue 15).
export interface PeerObserversTable {
  trust_id: string;
  school_id: string;
  person_id: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface WalkReflectionsTable {
  trust_id: string;
  reflection_id: Generated<string>;
  walk_id: string;
  author_id: string;
  body: string;
  /** The one coach the author shares it with; null: private. */
  coach_id: string | null;
  shared_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReflectionIdeasTable {
  trust_id: string;
  reflection_id: string;
  position: number;
  text: string;
  look_for_id: string | null;
  /** The author agreed to show it, without a name, in the staff summary. */
  share_in_summary: ColumnType<boolean, boolean | undefined, boolean>;
}
