import { createHash } from 'node:crypto';
import type { RecordBody } from '../../domain/records/body.ts';
import { canonicalJson } from '../../domain/records/body.ts';
import type { Tx } from '../db/with-tenant.ts';
import * as q from './records.queries.ts';

/**
 * What the records feature offers the features built on it (the teacher's responses, flags and
 * corrections): reading a record, its photos and its observers, and keeping a corrected version.
 * Records own their versions, so a correction is written here, never by another feature's SQL.
 */
export { findRecord, isObserver, readPhotoBytes } from './records.queries.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Keeps a corrected body as the record's next version (a correction after a flag, rule 8). */
export async function keepCorrectedVersion(
  tx: Tx,
  record: { trust_id: string; record_id: string; version_no: number },
  body: RecordBody,
  by: string,
  now: Date,
): Promise<number> {
  const versionNo = record.version_no + 1;
  const bodyHash = sha256(canonicalJson(body));
  await q.updateRecordBody(tx, record.record_id, { versionNo, body, bodyHash, now });
  await q.insertVersion(tx, {
    trustId: record.trust_id,
    recordId: record.record_id,
    versionNo,
    body,
    bodyHash,
    now,
    by,
  });
  return versionNo;
}
