import type { ProtocolSettingsDto } from '../../contracts/programmes.ts';
import { weekdayOf } from '../../domain/calendar/calendar.ts';
import { settingsProblems } from '../../domain/protocol/settings.ts';
import { CAP_PERIOD_DAYS_BOUNDS, PROTOCOL_BOUNDS } from '../../domain/protocol/types.ts';
import { recordAudit } from '../audit/audit.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { loadSettingsRow, toDomainSettings } from '../kernel/school-rules.ts';
import { decide } from '../policy/policy.ts';

export function getProtocolSettings(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'school.view', 'open this school');
    return {
      settings: await loadSettingsRow(tx, schoolId),
      bounds: { ...PROTOCOL_BOUNDS, capPeriodDays: CAP_PERIOD_DAYS_BOUNDS },
      canEdit:
        decide(auth.actor, 'protocol.edit', { trustId: school.trust_id, schoolId }) === 'allow',
    };
  });
}

/** Changes settings within the domain's safe bounds: stricter than the model protocol, never looser. */
export function updateProtocolSettings(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  input: Partial<ProtocolSettingsDto>,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(
      tx,
      auth,
      schoolId,
      'protocol.edit',
      "change this school's protocol settings",
    );
    const next = { ...(await loadSettingsRow(tx, schoolId)), ...input };
    if (next.capPeriod !== 'days') next.capPeriodDays = null;
    const problems: { field: string; message: string }[] = [];
    if (next.capPeriod === 'days' && next.capPeriodDays == null) {
      const b = CAP_PERIOD_DAYS_BOUNDS;
      problems.push({
        field: 'body.capPeriodDays',
        message: `A cap counted over a run of days needs between ${b.min} and ${b.max} days (capPeriodDays).`,
      });
    } else {
      // The domain's safe bounds, with its messages (settingsProblems).
      for (const p of settingsProblems(toDomainSettings(next))) {
        problems.push({
          field: p.setting === 'capPeriod' ? 'body.capPeriodDays' : `body.${p.setting}`,
          message: p.message,
        });
      }
    }
    if (next.cycleAnchor && weekdayOf(next.cycleAnchor) !== 1) {
      problems.push({
        field: 'body.cycleAnchor',
        message: `The cycle anchor ${next.cycleAnchor} is not a Monday: give the Monday of a week 1 (week A).`,
      });
    }
    if (problems.length) {
      throw new AppError('settings_out_of_bounds', problems[0]!.message, problems);
    }
    const row = {
      max_observers: next.maxObservers,
      notice_school_days: next.noticeSchoolDays,
      visit_cap: next.visitCap,
      cap_period: next.capPeriod,
      cap_period_days: next.capPeriodDays,
      visit_minutes: next.visitMinutes,
      max_rooms_per_hour: next.maxRoomsPerHour,
      response_window_school_days: next.responseWindowSchoolDays,
      min_group_size: next.minGroupSize,
      cycle_anchor: next.cycleAnchor,
      consultation_school_days: next.consultationSchoolDays,
      amendment_school_days: next.amendmentSchoolDays,
      recommended_look_fors: next.recommendedLookFors,
      review_frequency: next.reviewFrequency,
      updated_at: deps.now(),
      updated_by: auth.actor.personId,
    };
    await tx
      .insertInto('school_protocol_settings')
      .values({ trust_id: auth.actor.trustId, school_id: schoolId, ...row })
      .onConflict((oc) => oc.columns(['trust_id', 'school_id']).doUpdateSet(row))
      .execute();
    await recordAudit(tx, {
      trustId: auth.actor.trustId,
      actorPersonId: auth.actor.personId,
      action: 'protocol.update',
      subjectType: 'school',
      subjectId: schoolId,
    });
    return loadSettingsRow(tx, schoolId);
  });
}
