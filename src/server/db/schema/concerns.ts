import type { Generated } from 'kysely';
import type { ConcernKind, ConcernOutcome } from '../../../domain/concerns/concerns.ts';
import type { DateOnly, Timestamp } from './columns.ts';

// Concerns about how walks are run (migration 0025, DESIGN.md rule 12).
export interface SchoolConcernSettingsTable {
  trust_id: string;
  school_id: string;
  /** The headteacher concerns go to; null until the trust names one. */
  head_person_id: string | null;
  acknowledge_school_days: Generated<number>;
}

export interface TrustConcernSettingsTable {
  trust_id: string;
  /** Who a concern about a head goes to, and when one is escalated. */
  named_person_id: string | null;
  named_role: Generated<'chair_of_governors' | 'trust_leader'>;
}

export interface ConcernsTable {
  trust_id: string;
  concern_id: Generated<string>;
  school_id: string;
  raised_by: string;
  kind: ConcernKind;
  summary: string;
  details: string;
  about_head: Generated<boolean>;
  handler_id: string | null;
  supporter_id: string | null;
  supporter_status: 'asked' | 'confirmed' | 'declined' | null;
  programme_id: string | null;
  walk_id: string | null;
  visit_id: string | null;
  record_id: string | null;
  raised_at: Timestamp;
  raised_on: DateOnly;
  acknowledge_by: DateOnly;
  acknowledged_at: Timestamp | null;
  acknowledged_on: DateOnly | null;
  ack_reminded_at: Timestamp | null;
  response: string | null;
  outcome: ConcernOutcome | null;
  answered_at: Timestamp | null;
  decision: 'accepted' | 'escalated' | null;
  decided_at: Timestamp | null;
  escalation_reason: string | null;
  escalated_to: string | null;
  escalation_response: string | null;
  escalation_outcome: ConcernOutcome | null;
  escalation_answered_at: Timestamp | null;
}
