/**
 * Rule 1, clause 1: staff know each walk's week or date, time, focus and observers from the
 * agreed programme. A walk is "in the agreed programme" when it carries out one of the
 * programme's planned walks agreed with staff (in the programme as agreed, or added by an agreed
 * amendment): same kind, on its date (or in its week), in an overlapping time window, and not
 * already carried out by another walk. Pure.
 */
import { type IsoDate, mondayOf } from '../calendar/calendar.ts';
import { toMinutes } from './time.ts';

export type PlannedEntry = {
  id: string;
  date: IsoDate | null;
  /** The Monday of the week, when only the week is planned. */
  weekOf: IsoDate | null;
  windowStart: string;
  windowEnd: string;
  kind: string;
  /** Agreed with staff. */
  agreed: boolean;
  /** Already carried out by another (not cancelled) walk. */
  taken: boolean;
};

export type WalkSlot = { date: IsoDate; windowStart: string; windowEnd: string; kind: string };

/** The agreed, free planned walk this walk carries out (a dated one before a week), or null. */
export function matchPlannedWalk(walk: WalkSlot, entries: readonly PlannedEntry[]): string | null {
  const ws = toMinutes(walk.windowStart);
  const we = toMinutes(walk.windowEnd);
  const fits = (e: PlannedEntry) =>
    e.agreed &&
    !e.taken &&
    e.kind === walk.kind &&
    toMinutes(e.windowStart) < we &&
    ws < toMinutes(e.windowEnd);
  const onDate = entries.find((e) => fits(e) && e.date === walk.date);
  if (onDate) return onDate.id;
  const monday = mondayOf(walk.date);
  return entries.find((e) => fits(e) && e.date === null && e.weekOf === monday)?.id ?? null;
}
