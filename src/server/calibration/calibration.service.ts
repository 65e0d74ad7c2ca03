import type { MyAgreement, TrustAgreement } from '../../contracts/observers.ts';
import type { Prevalence } from '../../domain/frameworks/types.ts';
import { DEFAULT_K } from '../../domain/insights/evidence.ts';
import { agreementFigure, answerPairOf } from '../../domain/observers/agreement.ts';
import type { AnswerPair } from '../../domain/observers/kappa.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { decide } from '../policy/policy.ts';
import * as q from './calibration.queries.ts';

/**
 * Calibration on real walks (issue 15). Two observers in the same room record independently:
 * neither sees the other's record until both are handed in. Agreement per look-for across the
 * trust is for trust leaders as aggregates per look-for and per school (k-suppressed by visited
 * teachers, never per observer); each observer reads their own pairs and figures, privately.
 */

const answersOf = (body: q.PairRow['a_body']) => body?.answers ?? [];

type Collected = Map<string, { pair: AnswerPair; teacher: string; schoolId: string }[]>;

async function collect(rows: readonly q.PairRow[], tx: Tx) {
  const ids = new Set<string>();
  for (const r of rows) {
    for (const a of [...answersOf(r.a_body), ...answersOf(r.b_body)]) ids.add(a.lookForId);
  }
  const lookFors = await q.lookFors(tx, [...ids]);
  const byLookFor: Collected = new Map();
  for (const r of rows) {
    for (const f of lookFors) {
      const pair = answerPairOf(answersOf(r.a_body), answersOf(r.b_body), {
        id: f.look_for_id,
        answerKind: f.answer_kind,
      });
      if (!pair) continue;
      const list = byLookFor.get(f.look_for_id) ?? [];
      list.push({ pair, teacher: r.teacher_id, schoolId: r.school_id });
      byLookFor.set(f.look_for_id, list);
    }
  }
  return { lookFors, byLookFor };
}

/** Every pair handed in across the trust, by look-for, and the trust's k (the largest). */
export async function trustPairs(tx: Tx) {
  const [rows, k] = await Promise.all([q.pairedRecords(tx, { handedInOnly: true }), q.trustK(tx)]);
  const trustK = Math.max(k ?? DEFAULT_K, DEFAULT_K);
  return { rows, trustK, ...(await collect(rows, tx)) };
}

export function trustAgreement(deps: AppDeps, auth: SignedIn): Promise<TrustAgreement> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const where = { trustId: auth.actor.trustId, schoolId: null };
    if (decide(auth.actor, 'agreement.view_trust', where) !== 'allow') {
      throw forbidden('see the trust’s observer agreement');
    }
    const { rows, trustK, lookFors, byLookFor } = await trustPairs(tx);
    const schoolNames = new Map(rows.map((r) => [r.school_id, r.school_name]));
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'agreement.view_trust',
      subjectType: 'trust',
      subjectId: auth.actor.trustId,
    });
    return {
      k: trustK,
      lookFors: lookFors
        .filter((f) => byLookFor.has(f.look_for_id))
        .map((f) => {
          const pairs = byLookFor.get(f.look_for_id)!;
          const schools = [...new Set(pairs.map((p) => p.schoolId))].sort((a, b) =>
            (schoolNames.get(a) ?? '').localeCompare(schoolNames.get(b) ?? ''),
          );
          return {
            lookForId: f.look_for_id,
            prompt: f.prompt,
            answerKind: f.answer_kind as 'seen' | 'prevalence',
            frameworkName: f.framework_name,
            versionNo: f.version_no,
            overall: agreementFigure(pairs, trustK),
            schools: schools.map((schoolId) => ({
              schoolId,
              schoolName: schoolNames.get(schoolId) ?? '',
              figure: agreementFigure(
                pairs.filter((p) => p.schoolId === schoolId),
                trustK,
              ),
            })),
          };
        }),
    };
  });
}

type AnswerValue = boolean | Prevalence | null;
const answerFor = (answers: ReturnType<typeof answersOf>, id: string): AnswerValue => {
  const v = answers.find((a) => a.lookForId === id)?.value;
  return typeof v === 'boolean' || typeof v === 'string' ? (v as AnswerValue) : null;
};

/**
 * My own pairs: my record beside my partner's, once both are handed in (until then only that
 * the partner's is, or is not yet, in); and my agreement per look-for over those pairs.
 */
export function myAgreement(deps: AppDeps, auth: SignedIn): Promise<MyAgreement> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const me = auth.actor.personId;
    const rows = await q.pairedRecords(tx, { observerId: me, handedInOnly: false });
    const mineFirst = rows.map((r) =>
      r.a_observer === me
        ? {
            ...r,
            mine: r.a_body,
            mineIn: r.a_handed_in,
            partner: r.b_observer,
            theirs: r.b_body,
            theirsIn: r.b_handed_in,
          }
        : {
            ...r,
            mine: r.b_body,
            mineIn: r.b_handed_in,
            partner: r.a_observer,
            theirs: r.a_body,
            theirsIn: r.a_handed_in,
          },
    );
    const names = await q.personNames(tx, [...new Set(mineFirst.map((r) => r.partner))]);
    const bothIn = mineFirst.filter((r) => r.mineIn && r.theirsIn);
    const ids = new Set<string>();
    for (const r of mineFirst) for (const a of answersOf(r.mine)) ids.add(a.lookForId);
    const lookFors = await q.lookFors(tx, [...ids]);
    const { byLookFor } = await collect(
      bothIn.map((r) => ({ ...r, a_body: r.mine, b_body: r.theirs })),
      tx,
    );
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: me,
      action: 'agreement.view_own',
      subjectType: 'person',
      subjectId: me,
    });
    return {
      pairs: mineFirst.map((r) => {
        const both = r.mineIn && r.theirsIn;
        return {
          visitId: r.visit_id,
          walkId: r.walk_id,
          schoolName: r.school_name,
          date: r.walk_date,
          room: r.room_name,
          partnerName: names.get(r.partner) ?? 'Your partner',
          state: both ? 'both_in' : r.mineIn ? 'waiting_for_partner' : 'waiting_for_me',
          answers: lookFors.map((f) => ({
            lookForId: f.look_for_id,
            prompt: f.prompt,
            mine: answerFor(answersOf(r.mine), f.look_for_id),
            // Neither sees the other's record until both are handed in.
            partner: both ? answerFor(answersOf(r.theirs), f.look_for_id) : null,
          })),
        };
      }),
      lookFors: lookFors
        .filter((f) => byLookFor.has(f.look_for_id))
        .map((f) => ({
          lookForId: f.look_for_id,
          prompt: f.prompt,
          figure: agreementFigure(byLookFor.get(f.look_for_id)!, 0),
        })),
    };
  });
}
