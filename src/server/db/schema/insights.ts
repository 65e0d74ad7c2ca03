import type { ColumnType, Generated } from 'kysely';

// Insights rollups (migration 0012), maintained on write by src/server/insights/rollups.ts.
export type InsightsGrain = 'lf' | 'lf_dept' | 'lf_year' | 'lf_walk' | 'lens' | 'cov_dy' | 'cov_wp';
export type InsightsCellKind = 'prevalence' | 'seen' | 'count' | 'visits';

export interface InsightsCellsTable {
  trust_id: string;
  school_id: string;
  cell_id: Generated<string>;
  grain: InsightsGrain;
  term_key: string;
  framework_id: string;
  item: string;
  kind: InsightsCellKind;
  dim1: string;
  dim2: string;
  visits: number;
  n: number;
  not_seen: number;
  some_count: number;
  most: number;
  all_count: number;
  seen: number;
  /** bigint: pg returns it as a string. */
  count_total: ColumnType<string, number | string, number | string>;
}

export interface InsightsCellTeachersTable {
  trust_id: string;
  cell_id: string;
  teacher_id: string;
  visits: number;
}

export interface InsightsVisitContributionsTable {
  trust_id: string;
  visit_id: string;
  school_id: string;
  teacher_ids: string[];
  cells: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Visits whose handed-in records a cascade deleted, to settle before a dashboard reads (0014). */
export interface InsightsStaleVisitsTable {
  trust_id: string;
  visit_id: string;
}

/** Culture measures per walk, kept by triggers (0014). `counted`: a published learning walk. */
export interface InsightsWalkFactsTable {
  trust_id: string;
  walk_id: string;
  school_id: string;
  walk_date: ColumnType<string, string, string>;
  counted: boolean;
  visits_needing_notice: number;
  visits_with_notice: number;
  has_records: boolean;
}
