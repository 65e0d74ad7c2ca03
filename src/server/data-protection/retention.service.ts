import type { Retention, RetentionSettingsBody } from '../../contracts/data-protection.ts';
import {
  DEFAULT_RETENTION,
  RETENTION_BOUNDS,
  type RetentionSettings,
  retentionCutoffs,
  retentionProblems,
} from '../../domain/retention/retention.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RetentionCounts } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { allTrustIds } from '../kernel/trusts.ts';
import type { MailDeps } from '../mail/after-commit.ts';
import { decide } from '../policy/policy.ts';
import * as q from './retention.queries.ts';

/** Trust admins only: retention, subject access, the trust's export and deletion (issue 17). */
export function assertDataProtection(auth: SignedIn, what: string) {
  const { actor } = auth;
  if (
    decide(actor, 'trust.data_protection', { trustId: actor.trustId, schoolId: null }) !== 'allow'
  ) {
    throw forbidden(what);
  }
}

async function trustSettings(
  tx: Tx,
): Promise<{ settings: RetentionSettings; row: boolean; at: Date | null }> {
  const row = await q.findRetentionSettings(tx);
  if (!row) return { settings: DEFAULT_RETENTION, row: false, at: null };
  return {
    settings: {
      recordsSchoolYears: row.records_school_years,
      concernsYears: row.concerns_years,
      auditYears: row.audit_years,
      noticesDays: row.notices_days,
      mailDays: row.mail_days,
      signInDays: row.sign_in_days,
    },
    row: true,
    at: row.updated_at,
  };
}

async function describe(tx: Tx): Promise<Retention> {
  const { settings, row, at } = await trustSettings(tx);
  const runs = await q.latestRuns(tx, 10);
  return {
    settings,
    defaults: DEFAULT_RETENTION,
    bounds: RETENTION_BOUNDS,
    chosen: row,
    updatedAt: at ? at.toISOString() : null,
    runs: runs.map((r) => ({ ranAt: r.ran_at.toISOString(), counts: r.counts })),
  };
}

export function retentionFor(deps: AppDeps, auth: SignedIn) {
  assertDataProtection(auth, 'see the trust’s retention settings');
  return withTenant(deps.db, auth.actor.trustId, describe);
}

export function saveRetention(
  deps: AppDeps,
  auth: SignedIn,
  body: RetentionSettingsBody,
  requestId: string,
) {
  assertDataProtection(auth, 'change how long the trust keeps its data');
  const problems = retentionProblems(body);
  if (problems.length > 0) {
    throw new AppError(
      'retention_out_of_bounds',
      problems.map((p) => p.message).join(' '),
      problems.map((p) => ({ field: `body.${p.setting}`, message: p.message })),
    );
  }
  const { trustId, personId } = auth.actor;
  return withTenant(deps.db, trustId, async (tx) => {
    await q.saveRetentionSettings(tx, trustId, body, personId, deps.now());
    await recordAudit(tx, {
      trustId,
      actorPersonId: personId,
      action: 'retention.settings_changed',
      subjectType: 'trust',
      subjectId: trustId,
      requestId,
    });
    return describe(tx);
  });
}

export type RetentionResult = { trustId: string; skipped: boolean; counts: RetentionCounts };

/**
 * The nightly retention run (scheduled work): for each trust, once a day (a second run the same
 * UTC day does nothing), erase what is past the trust's settings, keep a tally in
 * `retention_runs` and add an audit event. The figures' rollups are never touched.
 */
export async function applyRetention(
  deps: Pick<MailDeps, 'db'>,
  now: Date,
  options: { trustIds?: readonly string[] } = {},
): Promise<RetentionResult[]> {
  const day = now.toISOString().slice(0, 10);
  const results: RetentionResult[] = [];
  for (const trustId of options.trustIds ?? (await allTrustIds(deps.db))) {
    results.push(
      await withTenant(deps.db, trustId, async (tx) => {
        const runId = await q.claimRun(tx, trustId, day, now);
        if (!runId) return { trustId, skipped: true, counts: {} };
        const { settings } = await trustSettings(tx);
        const counts = await q.eraseExpired(tx, retentionCutoffs(settings, now, day), now);
        await q.finishRun(tx, runId, counts);
        await recordAudit(tx, {
          trustId,
          actorPersonId: null,
          action: 'retention.applied',
          subjectType: 'retention_run',
          subjectId: runId,
        });
        return { trustId, skipped: false, counts };
      }),
    );
  }
  return results;
}
