import { type Kysely, sql } from 'kysely';

/**
 * Adds notice kinds to the notices table's check, keeping whatever kinds it allows now (read
 * from the catalogue, since other migrations add theirs). For migrations from 0031 on; 0022 and
 * 0025 carry their own copies, which stay as they ran.
 */
export async function addNoticeKinds(db: Kysely<unknown>, newKinds: readonly string[]) {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conname = 'notices_kind_check' AND conrelid = 'notices'::regclass`.execute(db);
  const current = [...(rows[0]?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
  const kinds = [...new Set([...current, ...newKinds])];
  await sql.raw('ALTER TABLE notices DROP CONSTRAINT notices_kind_check').execute(db);
  await sql
    .raw(
      `ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
    )
    .execute(db);
}
