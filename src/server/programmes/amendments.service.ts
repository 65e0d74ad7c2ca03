import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { deliver, type Queued } from '../mail/mailer.ts';
import * as cq from './consultation.queries.ts';
import {
  consultationContext,
  earliestFor,
  requireAgreementAllowed,
  tellStaffConsultation,
} from './consultation.ts';
import { authorisedProgramme, detail } from './programmes.service.ts';

type Log = { error(obj: unknown, msg: string): void };

/**
 * An amendment to an agreed programme (rule 1): a walk not in the agreed programme is consulted
 * on the same way — staff told, comments answered, a shorter minimum period (the school's
 * `amendment_school_days`) — before it is agreed. Its planned walks are added with its id.
 */
export async function openAmendment(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  summary: string,
  log?: Log,
) {
  const queued: Queued[] = [];
  const result = await withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'amend this programme',
    );
    if (p.status !== 'agreed' && p.status !== 'published') {
      throw new AppError(
        'programme_not_agreed',
        `The programme is ${p.status === 'draft' ? 'a draft' : 'in consultation'}: change its planned walks directly. Amendments are for a programme staff have already agreed.`,
      );
    }
    const now = deps.now();
    const row = await tx
      .insertInto('programme_amendments')
      .values({
        trust_id: auth.actor.trustId,
        programme_id: programmeId,
        summary,
        opened_at: now,
        created_by: auth.actor.personId,
      })
      .returning('amendment_id')
      .executeTakeFirstOrThrow();
    const ctx = await consultationContext(tx, deps, p.school_id);
    queued.push(
      ...(await tellStaffConsultation(
        tx,
        deps,
        ctx,
        {
          trustId: p.trust_id,
          programmeId,
          title: p.title,
          startsOn: p.starts_on,
          endsOn: p.ends_on,
        },
        {
          kind: 'amendment',
          summary,
          earliest: earliestFor(ctx, now, ctx.settings.amendmentSchoolDays),
        },
        now,
      )),
    );
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.amendment_open',
      subjectType: 'programme_amendment',
      subjectId: row.amendment_id,
    });
    return detail(tx, deps, auth, programmeId);
  });
  void deliver({ ...deps, log }, queued);
  return result;
}

export function agreeAmendment(
  deps: AppDeps,
  auth: SignedIn,
  programmeId: string,
  amendmentId: string,
  input: { agreedOn: string; agreementHow: string },
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const p = await authorisedProgramme(
      tx,
      auth,
      programmeId,
      'programme.manage',
      'record agreement to this amendment',
    );
    const amendment = await cq.findAmendment(tx, programmeId, amendmentId);
    if (!amendment) throw notFound('The amendment');
    if (amendment.status !== 'consultation') {
      throw new AppError('amendment_settled', `This amendment is already ${amendment.status}.`);
    }
    const ctx = await consultationContext(tx, deps, p.school_id);
    if (input.agreedOn > ctx.today) {
      throw new AppError(
        'agreed_in_future',
        `The agreement date ${input.agreedOn} is in the future. Record the agreement on or after the day staff agreed it.`,
        [{ field: 'body.agreedOn', message: 'is after today' }],
      );
    }
    requireAgreementAllowed(ctx, {
      kind: 'amendment',
      openedAt: amendment.opened_at,
      agreedOn: input.agreedOn,
      unanswered: (await cq.unansweredCounts(tx, programmeId)).get(amendmentId) ?? 0,
    });
    await tx
      .updateTable('programme_amendments')
      .set({
        status: 'agreed',
        agreed_on: input.agreedOn,
        agreement_how: input.agreementHow,
        agreed_recorded_by: auth.actor.personId,
      })
      .where('amendment_id', '=', amendmentId)
      .execute();
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'programme.amendment_agreed',
      subjectType: 'programme_amendment',
      subjectId: amendmentId,
    });
    return detail(tx, deps, auth, programmeId);
  });
}
