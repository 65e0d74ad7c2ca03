import type { Generated } from 'kysely';
import type { DateOnly, Json, Timestamp } from './columns.ts';
import type { AttemptAnswers } from './observers.ts';

// Moderation sessions (migration 0042, issue 15).

export interface ModerationSessionsTable {
  trust_id: string;
  session_id: Generated<string>;
  /** null: a trust-wide session. */
  school_id: string | null;
  version_id: string;
  title: string;
  held_on: DateOnly;
  facilitator_id: string;
  /** Set when the facilitator shows the readings before everyone has handed in. */
  revealed_at: Timestamp | null;
  /** The draft version the agreed readings became, once made. */
  guidance_version_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ModerationParticipantsTable {
  trust_id: string;
  session_id: string;
  person_id: string;
}

export interface ModerationScenesTable {
  trust_id: string;
  session_id: string;
  scene_id: string;
  position: number;
}

export interface ModerationPairsTable {
  trust_id: string;
  session_id: string;
  position: number;
  a_record_id: string;
  b_record_id: string;
}

export interface ModerationReadingsTable {
  trust_id: string;
  session_id: string;
  scene_id: string;
  person_id: string;
  /** Answers by look-for id: true/false (seen), a prevalence level, or null. */
  answers: Json<AttemptAnswers>;
  handed_in_at: Timestamp;
}

export interface ModerationAgreedReadingsTable {
  trust_id: string;
  session_id: string;
  look_for_id: string;
  text: string;
  part: 'looksLike' | 'doesNotMean';
  noted_by: string | null;
  noted_at: Timestamp;
}
