import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.ts';

// After the walk: responses, flags, reflections, coach sharing, debriefs, priorities and
// actions (migration 0011).
export interface RecordHandInNoticesTable {
  trust_id: string;
  record_id: string;
  told_at: Timestamp;
}

export interface VisitResponsesTable {
  trust_id: string;
  response_id: Generated<string>;
  visit_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export type RecordFlagStatus = 'open' | 'corrected' | 'not_changed';

export interface RecordFlagsTable {
  trust_id: string;
  flag_id: Generated<string>;
  visit_id: string;
  record_id: string;
  /** 'notes', 'answer:<lookForId>' or 'voice:<promptId>'. */
  item: string;
  explanation: string;
  raised_by: string;
  raised_at: Timestamp;
  against_version: number;
  status: ColumnType<RecordFlagStatus, RecordFlagStatus | undefined, RecordFlagStatus>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_note: string | null;
  corrected_version: number | null;
}

export interface VisitReflectionsTable {
  trust_id: string;
  visit_id: string;
  teacher_id: string;
  body: string;
  updated_at: Timestamp;
}

export interface VisitCoachSharesTable {
  trust_id: string;
  visit_id: string;
  coach_id: string;
  include_reflection: boolean;
  shared_at: Timestamp;
  revoked_at: Timestamp | null;
}

export type DebriefPart = 'head' | 'curriculum_lead' | 'improvement_partner' | 'observer' | 'other';

export interface DebriefsTable {
  trust_id: string;
  school_id: string;
  debrief_id: Generated<string>;
  title: string;
  focus_id: string | null;
  focus_title: string;
  held_on: DateOnly | null;
  discussion: ColumnType<string, string | undefined, string>;
  strengths: ColumnType<string[], string | undefined, string>;
  areas_to_develop: ColumnType<string[], string | undefined, string>;
  staff_summary: ColumnType<string, string | undefined, string>;
  summary_published_at: Timestamp | null;
  summary_published_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DebriefWalksTable {
  trust_id: string;
  school_id: string;
  debrief_id: string;
  walk_id: string;
}

export interface DebriefParticipantsTable {
  trust_id: string;
  debrief_id: string;
  person_id: string;
  part: DebriefPart;
  invited_at: Timestamp;
  took_part: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface DebriefNextStepsTable {
  trust_id: string;
  step_id: Generated<string>;
  debrief_id: string;
  text: string;
  position: number;
}

export interface ImprovementPrioritiesTable {
  trust_id: string;
  school_id: string;
  priority_id: Generated<string>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  archived_at: Timestamp | null;
  created_at: Timestamp;
}

export type ActionStatus = 'todo' | 'doing' | 'done';

export interface SchoolActionsTable {
  trust_id: string;
  school_id: string;
  action_id: Generated<string>;
  priority_id: string;
  debrief_id: string | null;
  next_step_id: string | null;
  title: string;
  notes: ColumnType<string, string | undefined, string>;
  owner_id: string;
  due_on: DateOnly;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  follow_up_walk_id: string | null;
  reminded_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
