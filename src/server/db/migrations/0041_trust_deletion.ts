import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * End of contract (issue 17). A trust's deletion removes every row with its trust_id; the audit
 * trail goes with it, so what remains is one line here: which trust (by short name and name),
 * when, who asked and how many rows went. It holds no trust id, so a walk of the catalogue finds
 * nothing of the deleted trust. The app may add and read these lines, never change them.
 * The audit trail stays append-only for the app but for one narrow function: forget the current
 * trust's whole trail, which only the deletion calls.
 */
const statements = [
  `
CREATE TABLE deleted_trusts (
    deletion_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL,
    name text NOT NULL,
    deleted_at timestamptz NOT NULL,
    deleted_by text NOT NULL CHECK (length(deleted_by) BETWEEN 1 AND 300),
    rows_deleted integer NOT NULL CHECK (rows_deleted >= 0)
  )`,
  `
CREATE FUNCTION lw_forget_trust_audit() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE n integer;
BEGIN
  IF lw_current_trust() IS NULL THEN RETURN 0; END IF;
  DELETE FROM audit_events WHERE trust_id = lw_current_trust();
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$`,
  `
REVOKE ALL ON FUNCTION lw_forget_trust_audit() FROM PUBLIC`,
  // A published framework version stays frozen, except when its whole trust is being deleted:
  // the deletion sets lw.forget_trust (transaction-local) to the trust's id.
  `
CREATE OR REPLACE FUNCTION lw_refuse_published_version_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('lw.forget_trust', true) = OLD.trust_id::text THEN
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'Framework version % is published and cannot be changed or removed.', OLD.version_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$`,
  `
CREATE OR REPLACE FUNCTION lw_refuse_published_content_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  frozen boolean;
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('lw.forget_trust', true) = OLD.trust_id::text THEN
    RETURN OLD;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT status = 'published' INTO frozen FROM framework_versions
      WHERE trust_id = OLD.trust_id AND version_id = OLD.version_id;
    IF frozen THEN
      RAISE EXCEPTION 'Framework version % is published: its lenses and look-fors cannot change.', OLD.version_id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT status = 'published' INTO frozen FROM framework_versions
      WHERE trust_id = NEW.trust_id AND version_id = NEW.version_id;
    IF frozen THEN
      RAISE EXCEPTION 'Framework version % is published: its lenses and look-fors cannot change.', NEW.version_id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END $$`,
];

export function trustDeletion({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);
      const role = sql.id(appRole);
      await sql`GRANT SELECT, INSERT ON deleted_trusts TO ${role}`.execute(db);
      await sql`GRANT EXECUTE ON FUNCTION lw_forget_trust_audit() TO ${role}`.execute(db);
    },
  };
}
