import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson, type RecordBody } from '../../domain/records/body.ts';
import {
  ERASED_TEXT,
  erasedRecordBody,
  type RetentionCutoffs,
  type RetentionSettings,
} from '../../domain/retention/retention.ts';
import type { RetentionCounts } from '../db/schema.ts';
import type { Tx } from '../db/with-tenant.ts';

export const findRetentionSettings = (tx: Tx) =>
  tx.selectFrom('trust_retention_settings').selectAll().executeTakeFirst();

export async function saveRetentionSettings(
  tx: Tx,
  trustId: string,
  s: RetentionSettings,
  personId: string,
  now: Date,
) {
  const values = {
    records_school_years: s.recordsSchoolYears,
    concerns_years: s.concernsYears,
    audit_years: s.auditYears,
    notices_days: s.noticesDays,
    mail_days: s.mailDays,
    sign_in_days: s.signInDays,
    updated_at: now,
    updated_by: personId,
  };
  await tx
    .insertInto('trust_retention_settings')
    .values({ trust_id: trustId, ...values })
    .onConflict((oc) => oc.column('trust_id').doUpdateSet(values))
    .execute();
}

export const latestRuns = (tx: Tx, limit: number) =>
  tx
    .selectFrom('retention_runs')
    .select(['ran_at', 'counts'])
    .orderBy('ran_at', 'desc')
    .limit(limit)
    .execute();

/** Claims today's run; false when a run already has it (the run is then skipped). */
export async function claimRun(tx: Tx, trustId: string, day: string, now: Date) {
  const row = await tx
    .insertInto('retention_runs')
    .values({ trust_id: trustId, ran_on: day, ran_at: now, counts: '{}' })
    .onConflict((oc) => oc.columns(['trust_id', 'ran_on']).doNothing())
    .returning('run_id')
    .executeTakeFirst();
  return row?.run_id ?? null;
}

export const finishRun = (tx: Tx, runId: string, counts: RetentionCounts) =>
  tx
    .updateTable('retention_runs')
    .set({ counts: JSON.stringify(counts) })
    .where('run_id', '=', runId)
    .execute();

const erasedIfSet = (column: string) =>
  sql<string | null>`CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE ${ERASED_TEXT} END`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  Number(r?.numDeletedRows ?? r?.numUpdatedRows ?? 0);

/**
 * Erases what is past the trust's retention, inside the tenant's transaction. Records of visits
 * before the cut-off keep their evidence answers (the figures' rollups are not touched) and lose
 * their words, in every version; photos, reflections and coach shares go; responses, flags and
 * unpublished practice examples stay as facts without their words.
 */
export async function eraseExpired(
  tx: Tx,
  c: RetentionCutoffs,
  now: Date,
): Promise<RetentionCounts> {
  const oldVisits = tx
    .selectFrom('visits')
    .select('visit_id')
    .where('visit_date', '<', c.recordsVisitBefore);

  const records = await tx
    .selectFrom('records')
    .select(['record_id', 'body'])
    .where('erased_at', 'is', null)
    .where('visit_id', 'in', oldVisits)
    .execute();
  const erase = (body: RecordBody) => {
    const json = canonicalJson(erasedRecordBody(body));
    return { body: json, body_hash: sha256(json) };
  };
  for (const r of records) {
    await tx
      .updateTable('records')
      .set({ ...erase(r.body), erased_at: now })
      .where('record_id', '=', r.record_id)
      .execute();
    // Every version keeps its place (the protocol report counts edits) and loses its words.
    const versions = await tx
      .selectFrom('record_versions')
      .select(['version_no', 'body'])
      .where('record_id', '=', r.record_id)
      .execute();
    for (const v of versions) {
      await tx
        .updateTable('record_versions')
        .set(erase(v.body))
        .where('record_id', '=', r.record_id)
        .where('version_no', '=', v.version_no)
        .execute();
    }
  }
  const ids = records.map((r) => r.record_id);
  const photos = ids.length
    ? n(await tx.deleteFrom('record_photos').where('record_id', 'in', ids).executeTakeFirst())
    : 0;
  // Responses and flags stay as facts (the figures count visits responded to, the report
  // counts flags); what the teacher wrote goes.
  const responses = n(
    await tx
      .updateTable('visit_responses')
      .set({ body: ERASED_TEXT })
      .where('visit_id', 'in', oldVisits)
      .where('body', '<>', ERASED_TEXT)
      .executeTakeFirst(),
  );
  const flags = n(
    await tx
      .updateTable('record_flags')
      .set({ explanation: ERASED_TEXT, resolution_note: erasedIfSet('resolution_note') })
      .where('visit_id', 'in', oldVisits)
      .where('explanation', '<>', ERASED_TEXT)
      .executeTakeFirst(),
  );
  const reflections = n(
    await tx.deleteFrom('visit_reflections').where('visit_id', 'in', oldVisits).executeTakeFirst(),
  );
  const coachShares = n(
    await tx.deleteFrom('visit_coach_shares').where('visit_id', 'in', oldVisits).executeTakeFirst(),
  );
  // Examples the teacher did not agree to publish lose their words; published ones stay in
  // the library, as the teacher agreed.
  const practice = n(
    await tx
      .updateTable('practice_examples')
      .set({ title: ERASED_TEXT, body: ERASED_TEXT })
      .where('visit_id', 'in', oldVisits)
      .where('status', '<>', 'published')
      .where('body', '<>', ERASED_TEXT)
      .executeTakeFirst(),
  );

  const concerns = n(
    await tx
      .updateTable('concerns')
      .set({
        summary: ERASED_TEXT,
        details: ERASED_TEXT,
        response: erasedIfSet('response'),
        escalation_reason: erasedIfSet('escalation_reason'),
        escalation_response: erasedIfSet('escalation_response'),
      })
      .where('raised_at', '<', c.concernsBefore)
      .where('summary', '<>', ERASED_TEXT)
      .executeTakeFirst(),
  );

  const audit = await sql<{ n: number }>`SELECT lw_expire_audit_events(${c.auditBefore}) AS n`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
  const notices = n(
    await tx.deleteFrom('notices').where('created_at', '<', c.noticesBefore).executeTakeFirst(),
  );
  const mail = n(
    await tx.deleteFrom('mail_outbox').where('created_at', '<', c.mailBefore).executeTakeFirst(),
  );
  const before = c.signInBefore;
  const signIn =
    n(
      await tx
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('ended_at', '<', before), eb('last_seen_at', '<', before)]))
        .executeTakeFirst(),
    ) +
    n(
      await tx
        .deleteFrom('sign_in_links')
        .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
        .executeTakeFirst(),
    ) +
    n(await tx.deleteFrom('mfa_challenges').where('created_at', '<', before).executeTakeFirst()) +
    n(await tx.deleteFrom('sso_logins').where('created_at', '<', before).executeTakeFirst());

  return {
    recordsErased: records.length,
    photosDeleted: photos,
    responsesErased: responses,
    flagsErased: flags,
    reflectionsDeleted: reflections,
    coachSharesDeleted: coachShares,
    practiceExamplesErased: practice,
    concernsErased: concerns,
    auditEventsDeleted: audit,
    noticesDeleted: notices,
    mailDeleted: mail,
    signInTracesDeleted: signIn,
  };
}
