import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { assertDataProtection } from './retention.service.ts';
import type { Progress } from './subject-access.service.ts';
import * as q from './trust-end.queries.ts';

export type TrustExport = { fileName: string; zipBase64: string; counts: Record<string, number> };

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const README = (trust: { name: string; slug: string }, at: Date, counts: Record<string, number>) =>
  `Trust export: ${trust.name} (${trust.slug}), ${at.toISOString()}

Every table of the database that holds this trust's rows (every table with a trust_id column),
as JSON (json/<table>.json: an array of rows, one object per row, keys as the column names) and
as CSV (csv/<table>.csv: a header row, then one line per row; dates as ISO 8601 in UTC; JSON
columns as JSON text). Photos are in photos/<photo_id>.jpg and their rows in record_photos
have no bytes. Columns that hold secrets (password and token hashes, sealed keys) are left out.
The tables and their columns are described in the project's docs/data-protection.md and in
src/server/db/schema/ of the source.

Rows per table:
${Object.entries(counts)
  .map(([t, n]) => `  ${t.padEnd(36)} ${n}`)
  .join('\n')}
`;

/** The trust's export (end of contract): every tenant table as JSON and CSV, audited. */
export async function trustExport(
  deps: AppDeps,
  auth: SignedIn,
  requestId: string,
  progress: Progress,
): Promise<TrustExport> {
  assertDataProtection(auth, 'export the trust’s data');
  const { trustId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    const trust = await q.findTrust(tx, trustId);
    if (!trust) throw notFound('The trust');
    const tables = await q.tenantTables(tx);
    const files: Record<string, Uint8Array> = {};
    const counts: Record<string, number> = {};
    let done = 0;
    for (const table of tables) {
      await progress('table', `Reading ${table.replace(/_/g, ' ')}`, ++done, tables.length + 1);
      const columns = (await q.tableColumns(tx, table)).filter(
        (c) => !q.SECRET_COLUMNS.has(c.name),
      );
      const bytea = columns.filter((c) => c.type === 'bytea').map((c) => c.name);
      const names = columns.map((c) => c.name);
      const rows = await q.rowsOf(tx, table, trustId, names);
      if (table === 'record_photos') {
        for (const r of rows) files[`photos/${r.photo_id}.jpg`] = r.bytes as Uint8Array;
      }
      const kept = names.filter((n) => !bytea.includes(n));
      const plain = rows.map((r) => Object.fromEntries(kept.map((k) => [k, r[k]])));
      files[`json/${table}.json`] = strToU8(`${JSON.stringify(plain, null, 1)}\n`);
      files[`csv/${table}.csv`] = strToU8(
        [kept.join(','), ...plain.map((r) => kept.map((k) => csvCell(r[k])).join(','))].join(
          '\r\n',
        ) + '\r\n',
      );
      counts[table] = rows.length;
    }
    await progress('zip', 'Packing the zip', ++done, tables.length + 1);
    const at = deps.now();
    files['README.txt'] = strToU8(README(trust, at, counts));
    const zip = zipSync(files, { level: 6 });
    await recordAudit(tx, {
      trustId,
      actorPersonId: auth.actor.personId,
      action: 'trust.exported',
      subjectType: 'trust',
      subjectId: trustId,
      requestId,
    });
    return {
      fileName: `trust-export-${trust.slug}-${at.toISOString().slice(0, 10)}.zip`,
      zipBase64: Buffer.from(zip).toString('base64'),
      counts,
    };
  });
}

export type TrustDeletion = {
  slug: string;
  name: string;
  rowsDeleted: number;
  tablesChecked: number;
};

/**
 * Deletes every row of the trust from every table with a trust_id column, in one transaction,
 * then checks each table again and refuses (rolling back) if any row is left. Asked for with
 * the trust's short name typed as confirmation. What stays is one line in deleted_trusts.
 */
export async function deleteTrustData(
  db: Kysely<DB>,
  trustId: string,
  confirmSlug: string,
  deletedBy: string,
  now: Date,
): Promise<TrustDeletion> {
  return withTenant(db, trustId, async (tx) => {
    const trust = await q.findTrust(tx, trustId);
    if (!trust) throw notFound('The trust');
    if (confirmSlug.trim() !== trust.slug) {
      throw new AppError(
        'trust_deletion_unconfirmed',
        `To delete ${trust.name} and all its data, type its short name “${trust.slug}” exactly. Nothing was deleted.`,
      );
    }
    const all = await q.tenantTables(tx);
    // What goes, counted first (cascades delete rows no statement names).
    let rowsDeleted = 0;
    for (const table of all) rowsDeleted += await q.countOf(tx, table, trustId);
    await q.markForgetting(tx, trustId);
    const tables = all.filter((t) => t !== 'trusts' && t !== 'audit_events');
    for (let pass = 0; pass < 20; pass++) {
      let left = 0;
      for (const table of tables) {
        if ((await q.countOf(tx, table, trustId)) === 0) continue;
        if ((await q.tryDelete(tx, table, trustId)) === null) left += 1;
      }
      await q.forgetAudit(tx);
      if (left === 0) break;
    }
    await q.tryDelete(tx, 'trusts', trustId);
    // Verified: every table with a trust_id column, read again, holds nothing of the trust.
    const remaining: string[] = [];
    for (const table of all) if ((await q.countOf(tx, table, trustId)) > 0) remaining.push(table);
    if (remaining.length > 0) {
      throw new Error(
        `Deleting the trust left rows in ${remaining.join(', ')}; nothing was deleted.`,
      );
    }
    await q.recordDeletion(tx, {
      slug: trust.slug,
      name: trust.name,
      deletedAt: now,
      deletedBy,
      rowsDeleted,
    });
    return { slug: trust.slug, name: trust.name, rowsDeleted, tablesChecked: all.length };
  });
}

/** A trust admin deletes their own trust: confirmed by its short name, recorded outside it. */
export async function deleteOwnTrust(
  deps: AppDeps,
  auth: SignedIn,
  confirmSlug: string,
  requestId: string,
): Promise<TrustDeletion> {
  assertDataProtection(auth, 'delete the trust and all its data');
  const { trustId, personId } = auth.actor;
  const who = await withTenant(deps.db, trustId, async (tx) => {
    const me = await tx
      .selectFrom('people')
      .select(['full_name', 'email'])
      .where('person_id', '=', personId)
      .executeTakeFirst();
    // Audited in the trust's trail first; the trail then goes with the trust, and the lasting
    // record is the line in deleted_trusts naming who asked.
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'trust.deletion_requested',
      subjectType: 'trust',
      subjectId: trustId,
      requestId,
    });
    return me
      ? `${me.full_name} <${me.email}> (trust admin, request ${requestId})`
      : 'a trust admin';
  });
  return deleteTrustData(deps.db, trustId, confirmSlug, who, deps.now());
}
