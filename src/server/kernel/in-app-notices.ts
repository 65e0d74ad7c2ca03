import type { Insertable } from 'kysely';
import type { NoticesTable } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

/** Writes in-app notices inside the caller's transaction: any feature may tell people something. */
export async function insertNotices(tx: Tx, rows: Insertable<NoticesTable>[]) {
  if (rows.length === 0) return;
  await tx.insertInto('notices').values(rows).execute();
}
