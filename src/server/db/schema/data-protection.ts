import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from './columns.ts';

// Retention settings and the nightly runs' tallies (migration 0040, issue 17).
export interface TrustRetentionSettingsTable {
  trust_id: string;
  records_school_years: number;
  concerns_years: number;
  audit_years: number;
  notices_days: number;
  mail_days: number;
  sign_in_days: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** What one nightly run erased or deleted, by kind (counts only). */
export type RetentionCounts = Record<string, number>;

export interface RetentionRunsTable {
  trust_id: string;
  run_id: Generated<string>;
  /** One run a day: the UTC day it ran. */
  ran_on: DateOnly;
  ran_at: Timestamp;
  counts: ColumnType<RetentionCounts, string, string>;
}

/** A trust deleted at the end of its contract (0041): no trust id, so nothing of it remains. */
export interface DeletedTrustsTable {
  deletion_id: Generated<string>;
  slug: string;
  name: string;
  deleted_at: Timestamp;
  deleted_by: string;
  rows_deleted: number;
}
