/** School-local wall-clock times ('HH:MM') as minutes after midnight, and back. */
import type { WallTime } from './types.ts';

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/** True for 'HH:MM' (or 'HH:MM:SS', as PostgreSQL `time` columns read back). */
export function isWallTime(s: string): boolean {
  return WALL_TIME.test(s);
}

/** Minutes after midnight of 'HH:MM' or 'HH:MM:SS' (seconds are dropped). */
export function toMinutes(t: WallTime): number {
  const m = WALL_TIME.exec(t);
  if (!m) {
    throw new RangeError(`“${t}” is not a time written HH:MM on the 24-hour clock, such as 09:05.`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'HH:MM' of minutes after midnight. */
export function fromMinutes(minutes: number): WallTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** 'HH:MM' of a time that may carry seconds. */
export function shortTime(t: WallTime): WallTime {
  return fromMinutes(toMinutes(t));
}
