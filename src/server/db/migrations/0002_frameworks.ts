import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Shared frameworks (trust-owned, versioned, frozen once published), a school's own
 * look-fors and its foci. Same tenancy rules as 0001: trust_id in every key, RLS forced.
 */
const tenantTables = [
  'frameworks',
  'framework_versions',
  'framework_lenses',
  'framework_look_fors',
  'school_look_fors',
  'foci',
  'focus_look_fors',
  'focus_school_look_fors',
] as const;

const statements = [
  `
CREATE TABLE frameworks (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    framework_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('learning', 'student_voice', 'health_and_safety')),
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    PRIMARY KEY (trust_id, framework_id),
    UNIQUE (trust_id, name),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id)
  )`,
  `
CREATE TABLE framework_versions (
    trust_id uuid NOT NULL,
    version_id uuid NOT NULL DEFAULT gen_random_uuid(),
    framework_id uuid NOT NULL,
    version_no integer NOT NULL CHECK (version_no >= 1),
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    published_by uuid,
    PRIMARY KEY (trust_id, version_id),
    UNIQUE (trust_id, framework_id, version_no),
    CHECK ((status = 'published') = (published_at IS NOT NULL)),
    FOREIGN KEY (trust_id, framework_id) REFERENCES frameworks (trust_id, framework_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, published_by) REFERENCES people (trust_id, person_id)
  )`,
  // At most one draft per framework.
  `
CREATE UNIQUE INDEX framework_versions_one_draft ON framework_versions (trust_id, framework_id)
    WHERE status = 'draft'`,
  `
CREATE TABLE framework_lenses (
    trust_id uuid NOT NULL,
    lens_id uuid NOT NULL DEFAULT gen_random_uuid(),
    version_id uuid NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description text NOT NULL DEFAULT '',
    position smallint NOT NULL,
    PRIMARY KEY (trust_id, lens_id),
    UNIQUE (trust_id, version_id, key),
    UNIQUE (trust_id, version_id, lens_id),
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE framework_look_fors (
    trust_id uuid NOT NULL,
    look_for_id uuid NOT NULL DEFAULT gen_random_uuid(),
    version_id uuid NOT NULL,
    lens_id uuid NOT NULL,
    key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
    prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 300),
    answer_kind text NOT NULL CHECK (answer_kind IN ('prevalence', 'seen', 'count', 'note')),
    audience text NOT NULL CHECK (audience IN ('observer', 'pupils')),
    guidance jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(guidance) = 'object'),
    continues_look_for_id uuid,
    position smallint NOT NULL,
    PRIMARY KEY (trust_id, look_for_id),
    UNIQUE (trust_id, version_id, key),
    FOREIGN KEY (trust_id, version_id, lens_id)
        REFERENCES framework_lenses (trust_id, version_id, lens_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, continues_look_for_id) REFERENCES framework_look_fors (trust_id, look_for_id)
  )`,
  `
CREATE TABLE school_look_fors (
    trust_id uuid NOT NULL,
    school_look_for_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 300),
    answer_kind text NOT NULL CHECK (answer_kind IN ('prevalence', 'seen', 'count', 'note')),
    audience text NOT NULL CHECK (audience IN ('observer', 'pupils')),
    lens_name text NOT NULL DEFAULT '',
    guidance jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(guidance) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    PRIMARY KEY (trust_id, school_look_for_id),
    UNIQUE (trust_id, school_id, school_look_for_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id)
  )`,
  `
CREATE TABLE foci (
    trust_id uuid NOT NULL,
    focus_id uuid NOT NULL DEFAULT gen_random_uuid(),
    school_id uuid NOT NULL,
    version_id uuid NOT NULL,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    PRIMARY KEY (trust_id, focus_id),
    UNIQUE (trust_id, school_id, focus_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, version_id) REFERENCES framework_versions (trust_id, version_id),
    FOREIGN KEY (trust_id, created_by) REFERENCES people (trust_id, person_id)
  )`,
  `
CREATE TABLE focus_look_fors (
    trust_id uuid NOT NULL,
    focus_id uuid NOT NULL,
    look_for_id uuid NOT NULL,
    PRIMARY KEY (trust_id, focus_id, look_for_id),
    FOREIGN KEY (trust_id, focus_id) REFERENCES foci (trust_id, focus_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, look_for_id) REFERENCES framework_look_fors (trust_id, look_for_id)
  )`,
  `
CREATE TABLE focus_school_look_fors (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    focus_id uuid NOT NULL,
    school_look_for_id uuid NOT NULL,
    PRIMARY KEY (trust_id, focus_id, school_look_for_id),
    FOREIGN KEY (trust_id, school_id, focus_id) REFERENCES foci (trust_id, school_id, focus_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id, school_look_for_id)
        REFERENCES school_look_fors (trust_id, school_id, school_look_for_id) ON DELETE CASCADE
  )`,
  // A published version is frozen: the database refuses to change or remove it…
  `
CREATE FUNCTION lw_refuse_published_version_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'Framework version % is published and cannot be changed or removed.', OLD.version_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$`,
  `
CREATE TRIGGER framework_versions_frozen BEFORE UPDATE OR DELETE ON framework_versions
    FOR EACH ROW EXECUTE FUNCTION lw_refuse_published_version_change()`,
  // …and its lenses and look-fors: none may be added, changed or removed.
  `
CREATE FUNCTION lw_refuse_published_content_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  frozen boolean;
BEGIN
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
  `
CREATE TRIGGER framework_lenses_frozen BEFORE INSERT OR UPDATE OR DELETE ON framework_lenses
    FOR EACH ROW EXECUTE FUNCTION lw_refuse_published_content_change()`,
  `
CREATE TRIGGER framework_look_fors_frozen BEFORE INSERT OR UPDATE OR DELETE ON framework_look_fors
    FOR EACH ROW EXECUTE FUNCTION lw_refuse_published_content_change()`,
];

export function frameworks({ appRole }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>) {
      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of statements) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table, { appRole });
    },
  };
}
