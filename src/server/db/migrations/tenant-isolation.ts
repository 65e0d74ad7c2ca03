import { type Kysely, sql } from 'kysely';

/**
 * What every tenant table gets, in every migration: row-level security enabled and
 * forced, the one tenant_isolation policy, and (when a role is given) the app role's rights.
 */
export async function isolateTenantTable(
  db: Kysely<unknown>,
  table: string,
  grantTo?: { appRole: string },
) {
  const t = sql.id(table);
  await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    CREATE POLICY tenant_isolation ON ${t}
    USING (trust_id = lw_current_trust())
    WITH CHECK (trust_id = lw_current_trust())`.execute(db);
  if (grantTo) {
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${sql.id(grantTo.appRole)}`.execute(
      db,
    );
  }
}
