import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Every trust with people in it: scheduled work visits each under its own tenant. */
export async function allTrustIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{
    trust_id: string;
  }>`SELECT DISTINCT trust_id FROM auth_identities`.execute(db);
  return rows.rows.map((r) => r.trust_id);
}
