import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Retention (issue 17): how long a trust keeps each kind of data, within safe bounds
 * (domain/retention), and one row per nightly run saying what it erased. Records past their
 * time keep their evidence answers (the figures rest on them) and lose their text: `erased_at`
 * marks them. The audit trail stays append-only for the app, but for one narrow function that
 * deletes the current trust's events older than a cut-off.
 */
const statements = [
  `
CREATE TABLE trust_retention_settings (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    records_school_years smallint NOT NULL CHECK (records_school_years BETWEEN 1 AND 10),
    concerns_years smallint NOT NULL CHECK (concerns_years BETWEEN 1 AND 10),
    audit_years smallint NOT NULL CHECK (audit_years BETWEEN 2 AND 10),
    notices_days smallint NOT NULL CHECK (notices_days BETWEEN 30 AND 1825),
    mail_days smallint NOT NULL CHECK (mail_days BETWEEN 30 AND 730),
    sign_in_days smallint NOT NULL CHECK (sign_in_days BETWEEN 30 AND 365),
    updated_at timestamptz NOT NULL,
    updated_by uuid,
    PRIMARY KEY (trust_id),
    FOREIGN KEY (trust_id, updated_by) REFERENCES people (trust_id, person_id) ON DELETE SET NULL (updated_by)
  )`,
  `
CREATE TABLE retention_runs (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    run_id uuid NOT NULL DEFAULT gen_random_uuid(),
    ran_on date NOT NULL,
    ran_at timestamptz NOT NULL,
    counts jsonb NOT NULL,
    PRIMARY KEY (trust_id, run_id),
    UNIQUE (trust_id, ran_on)
  )`,
  `
ALTER TABLE records ADD COLUMN erased_at timestamptz`,
  `
CREATE FUNCTION lw_expire_audit_events(cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  IF lw_current_trust() IS NULL THEN RETURN 0; END IF;
  DELETE FROM audit_events WHERE trust_id = lw_current_trust() AND at < cutoff;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$`,
  `
REVOKE ALL ON FUNCTION lw_expire_audit_events(timestamptz) FROM PUBLIC`,
];

export function retention({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      await isolateTenantTable(db, 'trust_retention_settings', { appRole });
      await isolateTenantTable(db, 'retention_runs', { appRole });
      await sql`GRANT EXECUTE ON FUNCTION lw_expire_audit_events(timestamptz) TO ${sql.id(appRole)}`.execute(
        db,
      );
    },
  };
}
