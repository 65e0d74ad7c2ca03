import type { Tx } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { schedulesIn } from './schedules.service.ts';

/**
 * Recurring site inspections done against their schedule (issue 14), for the protocol report:
 * counts per schedule within the report's period (up to today), nothing else.
 */
export async function siteInspectionCounts(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  schoolId: string,
  period: { from: string; to: string },
) {
  return (await schedulesIn(tx, deps, schoolId, period)).map((s) => ({
    schedule: s.title,
    due: s.due,
    done: s.done,
  }));
}
