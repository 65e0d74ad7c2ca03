/**
 * Overdue site actions are escalated by mail (issue 14): to the owner on the first day past the
 * target date, to the business manager a week later, to the head a fortnight later. Each step is
 * sent once; a new target date starts again.
 */
import { dayNumber, type IsoDate } from '../calendar/calendar.ts';

export const escalationSteps = ['owner', 'business_manager', 'head'] as const;
export type EscalationStep = (typeof escalationSteps)[number];

/** Days past the target date at which each step is due. */
export const escalationAfterDays: Record<EscalationStep, number> = {
  owner: 1,
  business_manager: 8,
  head: 15,
};

/**
 * The escalation step due now for an open action, if one is due that has not been sent: the
 * highest step whose day has come, provided it is beyond `sent` (the last step mailed).
 */
export function escalationDue(
  targetDate: IsoDate,
  today: IsoDate,
  sent: EscalationStep | null,
): EscalationStep | null {
  const overdue = dayNumber(today) - dayNumber(targetDate);
  let due: EscalationStep | null = null;
  for (const step of escalationSteps) if (overdue >= escalationAfterDays[step]) due = step;
  if (due === null) return null;
  if (sent !== null && escalationSteps.indexOf(due) <= escalationSteps.indexOf(sent)) return null;
  return due;
}
