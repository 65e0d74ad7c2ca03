import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './index.ts';
import { isolateTenantTable } from './tenant-isolation.ts';

/**
 * Trusts, people, schools, the timetable, sessions and the audit trail.
 * Every tenant table: trust_id NOT NULL, keys and foreign keys that include it,
 * row-level security enabled and forced, read through lw_current_trust().
 */
const tenantTables = [
  'trusts',
  'people',
  'credentials',
  'schools',
  'memberships',
  'departments',
  'year_groups',
  'rooms',
  'periods',
  'lessons',
  'sessions',
  'audit_events',
] as const;

const tables = [
  `
CREATE TABLE trusts (
    trust_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{2,60}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trust_id, slug)
  )`,
  `
CREATE TABLE people (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    person_id uuid NOT NULL DEFAULT gen_random_uuid(),
    full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    title text,
    email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, person_id),
    UNIQUE (trust_id, email)
  )`,
  `
CREATE TABLE credentials (
    trust_id uuid NOT NULL,
    person_id uuid NOT NULL,
    password_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, person_id),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE auth_identities (
    email text NOT NULL CHECK (email = lower(email)),
    trust_id uuid NOT NULL,
    person_id uuid NOT NULL,
    PRIMARY KEY (email, trust_id),
    UNIQUE (trust_id, person_id),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE schools (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    school_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phase text NOT NULL CHECK (phase IN ('primary', 'secondary', 'all_through', 'special', 'alternative')),
    urn text CHECK (urn ~ '^[0-9]{6,7}$'),
    time_zone text NOT NULL DEFAULT 'Europe/London',
    timetable_cycle_weeks smallint NOT NULL DEFAULT 1 CHECK (timetable_cycle_weeks IN (1, 2)),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trust_id, school_id),
    UNIQUE (trust_id, name)
  )`,
  `
CREATE TABLE memberships (
    trust_id uuid NOT NULL,
    membership_id uuid NOT NULL DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL,
    school_id uuid,
    role text NOT NULL CHECK (role IN ('trust_admin', 'trust_leader', 'school_leader', 'observer', 'teacher', 'site_manager')),
    PRIMARY KEY (trust_id, membership_id),
    UNIQUE NULLS NOT DISTINCT (trust_id, person_id, school_id, role),
    CHECK ((role IN ('trust_admin', 'trust_leader')) = (school_id IS NULL)),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE departments (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    department_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    PRIMARY KEY (trust_id, department_id),
    UNIQUE (trust_id, school_id, name),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE year_groups (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    year_group_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    ordinal smallint NOT NULL,
    PRIMARY KEY (trust_id, year_group_id),
    UNIQUE (trust_id, school_id, name),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE rooms (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    room_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    building text NOT NULL,
    floor smallint NOT NULL,
    PRIMARY KEY (trust_id, room_id),
    UNIQUE (trust_id, school_id, name),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE periods (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    period_id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    ordinal smallint NOT NULL,
    starts_at time NOT NULL,
    ends_at time NOT NULL CHECK (ends_at > starts_at),
    PRIMARY KEY (trust_id, period_id),
    UNIQUE (trust_id, school_id, ordinal),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE lessons (
    trust_id uuid NOT NULL,
    school_id uuid NOT NULL,
    lesson_id uuid NOT NULL DEFAULT gen_random_uuid(),
    class_code text NOT NULL,
    department_id uuid NOT NULL,
    year_group_id uuid NOT NULL,
    teacher_id uuid NOT NULL,
    room_id uuid NOT NULL,
    cycle_week smallint NOT NULL CHECK (cycle_week IN (1, 2)),
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 5),
    period_id uuid NOT NULL,
    PRIMARY KEY (trust_id, lesson_id),
    UNIQUE (trust_id, teacher_id, cycle_week, weekday, period_id),
    UNIQUE (trust_id, room_id, cycle_week, weekday, period_id),
    FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, school_id) ON DELETE CASCADE,
    FOREIGN KEY (trust_id, department_id) REFERENCES departments (trust_id, department_id),
    FOREIGN KEY (trust_id, year_group_id) REFERENCES year_groups (trust_id, year_group_id),
    FOREIGN KEY (trust_id, teacher_id) REFERENCES people (trust_id, person_id),
    FOREIGN KEY (trust_id, room_id) REFERENCES rooms (trust_id, room_id),
    FOREIGN KEY (trust_id, period_id) REFERENCES periods (trust_id, period_id)
  )`,
  `
CREATE INDEX lessons_school_slot ON lessons (trust_id, school_id, cycle_week, weekday, period_id)`,
  `
CREATE TABLE sessions (
    trust_id uuid NOT NULL,
    session_id uuid NOT NULL DEFAULT gen_random_uuid(),
    token_hash text NOT NULL,
    person_id uuid NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    ended_at timestamptz,
    PRIMARY KEY (trust_id, session_id),
    UNIQUE (trust_id, token_hash),
    FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, person_id) ON DELETE CASCADE
  )`,
  `
CREATE TABLE audit_events (
    trust_id uuid NOT NULL REFERENCES trusts (trust_id),
    event_id uuid NOT NULL DEFAULT gen_random_uuid(),
    at timestamptz NOT NULL DEFAULT now(),
    actor_person_id uuid,
    action text NOT NULL,
    subject_type text NOT NULL,
    subject_id text,
    request_id text,
    PRIMARY KEY (trust_id, event_id)
  )`,
  `
CREATE INDEX audit_events_at ON audit_events (trust_id, at)`,
];

export function foundation({ appRole }: MigrationContext) {
  const role = sql.id(appRole);
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        DO $$ BEGIN
          CREATE ROLE ${sql.raw(appRole)} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`.execute(db);
      // The migrating (owner) role must be able to SET ROLE to the app role.
      await sql`
        DO $$ BEGIN
          EXECUTE format('GRANT %I TO %I', '${sql.raw(appRole)}', current_user);
        EXCEPTION WHEN OTHERS THEN NULL;
        END $$`.execute(db);

      await sql`
        CREATE FUNCTION lw_current_trust() RETURNS uuid
        LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('app.trust_id', true), '')::uuid $$`.execute(db);

      // One statement per query: PGlite's extended protocol takes one at a time.
      for (const statement of tables) await sql.raw(statement).execute(db);

      for (const table of tenantTables) await isolateTenantTable(db, table);

      await sql`GRANT USAGE ON SCHEMA public TO ${role}`.execute(db);
      await sql`GRANT EXECUTE ON FUNCTION lw_current_trust() TO ${role}`.execute(db);
      for (const table of tenantTables.filter((t) => t !== 'audit_events')) {
        await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.id(table)} TO ${role}`.execute(db);
      }
      // The audit trail is append-only for the application.
      await sql`GRANT SELECT, INSERT ON audit_events TO ${role}`.execute(db);
      await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON auth_identities TO ${role}`.execute(db);
    },
  };
}
