import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.ts';

// Site walks (issue 14, migrations 0033 and 0034).
export type RiskBandColumn = 'low' | 'medium' | 'high' | 'critical';
export type SiteActionStatusColumn = 'open' | 'in_progress' | 'closed' | 'verified';
export type FindingOutcomeColumn = 'satisfactory' | 'needs_attention' | 'not_applicable';

/** What only a site walk has; the walk itself is a `walks` row of kind health_and_safety. */
export interface SiteWalksTable {
  trust_id: string;
  walk_id: string;
  school_id: string;
  lead_id: string | null;
  checklist_version_id: string;
  how_results_used: string;
  names_rooms: ColumnType<boolean, boolean | undefined, boolean>;
  schedule_id: ColumnType<string | null, string | null | undefined, string | null>;
  lead_reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The walk's date, kept for a scheduled walk's one-per-date index (0034). */
  walk_date: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
}

export interface SiteWalkPlacesTable {
  trust_id: string;
  walk_id: string;
  room_id: string;
  route_order: number;
  /** School-local 'HH:MM' (read with to_char). */
  starts_at: string;
  ends_at: string;
  checklist_version_id: string;
  specialist_id: string | null;
}

export interface SiteWalkGuestsTable {
  trust_id: string;
  guest_id: Generated<string>;
  walk_id: string;
  name: string;
  organisation: ColumnType<string, string | undefined, string>;
  link_hash: string | null;
  link_expires_at: Timestamp | null;
  link_used_at: Timestamp | null;
  session_hash: string | null;
  created_at: Timestamp;
}

export interface SiteActionsTable {
  trust_id: string;
  action_id: Generated<string>;
  school_id: string;
  room_id: string;
  look_for_id: string;
  item_prompt: string;
  category: string;
  title: string;
  band: RiskBandColumn;
  owner_id: string | null;
  owner_name: ColumnType<string, string | undefined, string>;
  target_date: DateOnly;
  status: ColumnType<
    SiteActionStatusColumn,
    SiteActionStatusColumn | undefined,
    SiteActionStatusColumn
  >;
  created_by: string | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closure_note: string | null;
  closure_photo_id: string | null;
  verified_at: Timestamp | null;
  verified_walk_id: string | null;
  escalation_step: 'owner' | 'business_manager' | 'head' | null;
  escalated_at: Timestamp | null;
}

export interface SiteFindingsTable {
  trust_id: string;
  finding_id: string;
  school_id: string;
  walk_id: string;
  room_id: string;
  look_for_id: string;
  outcome: FindingOutcomeColumn;
  likelihood: number | null;
  severity: number | null;
  band: RiskBandColumn | null;
  notes: ColumnType<string, string | undefined, string>;
  make_safe: ColumnType<boolean, boolean | undefined, boolean>;
  body_hash: string;
  recorded_by: string | null;
  guest_id: string | null;
  recorded_at: Timestamp;
  action_id: string | null;
}

export interface SitePhotosTable {
  trust_id: string;
  photo_id: string;
  school_id: string;
  finding_id: string | null;
  action_id: string | null;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  bytes_hash: string;
  width: number;
  height: number;
  size: number;
  created_at: Timestamp;
}

/** One urgent alert per "make safe now" finding, however often its record is resent. */
export interface SiteAlertsTable {
  trust_id: string;
  finding_id: string;
  school_id: string;
  sent_at: Timestamp;
}

export interface SiteInspectionSchedulesTable {
  trust_id: string;
  schedule_id: Generated<string>;
  school_id: string;
  title: string;
  cadence: 'weekly' | 'half_termly' | 'termly';
  weekday: number;
  window_start: string;
  window_end: string;
  lead_id: string | null;
  checklist_version_id: string;
  room_ids: string[];
  how_results_used: string;
  names_rooms: ColumnType<boolean, boolean | undefined, boolean>;
  starts_on: DateOnly;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}
