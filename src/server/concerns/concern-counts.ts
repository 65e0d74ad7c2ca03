import type { SchoolCalendar } from '../../domain/calendar/calendar.ts';
import {
  type ConcernFact,
  DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS,
  schoolDaysToAcknowledge,
  summariseConcerns,
} from '../../domain/concerns/concerns.ts';
import type { ConcernsFacts } from '../../domain/protocol/report-rules.ts';
import type { Tx } from '../db/with-tenant.ts';
import * as q from './concerns.queries.ts';

/**
 * Counts of the concerns a school raised between two dates, for the protocol report and the
 * review with staff: by kind, time to acknowledge and outcomes — never who raised one or what
 * it said. Any feature may show these: they are the "counts" everyone else sees (rule 12).
 */
export async function concernCounts(
  tx: Tx,
  calendar: SchoolCalendar,
  scope: { schoolId: string; from: string; to: string; today: string },
): Promise<ConcernsFacts> {
  const [rows, settings] = await Promise.all([
    q.concernFacts(tx, scope.schoolId, scope.from, scope.to),
    q.schoolSettings(tx, scope.schoolId),
  ]);
  const facts: ConcernFact[] = rows.map((r) => ({
    kind: r.kind,
    acknowledgeBy: r.acknowledge_by,
    ackSchoolDays: r.acknowledged_on
      ? schoolDaysToAcknowledge(calendar, r.raised_on, r.acknowledged_on)
      : null,
    acknowledgedLate: r.acknowledged_on !== null && r.acknowledged_on > r.acknowledge_by,
    outcome: r.outcome,
    decision: r.decision,
  }));
  return {
    summary: summariseConcerns(facts, scope.today),
    acknowledgeSchoolDays: settings?.acknowledge_school_days ?? DEFAULT_ACKNOWLEDGE_SCHOOL_DAYS,
  };
}
