/**
 * Risk on a site walk: a standard 5×5 matrix of likelihood × severity with named bands, and the
 * target date a band sets for the site action (the leader may change it). Plain data, no clock.
 */
import { addDays, type IsoDate } from '../calendar/calendar.ts';

export const riskScale = [1, 2, 3, 4, 5] as const;
export type RiskLevel = (typeof riskScale)[number];

export const likelihoodLabels: Record<RiskLevel, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
};

export const severityLabels: Record<RiskLevel, string> = {
  1: 'Negligible (no injury)',
  2: 'Minor (first aid)',
  3: 'Moderate (medical treatment)',
  4: 'Major (serious injury)',
  5: 'Severe (life-changing or fatal)',
};

export const riskBands = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof riskBands)[number];

export const riskBandLabels: Record<RiskBand, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** Lowest score of each band: 1–3 low, 4–6 medium, 8–12 high, 15–25 critical. */
const bandFloors: readonly [number, RiskBand][] = [
  [15, 'critical'],
  [8, 'high'],
  [4, 'medium'],
  [1, 'low'],
];

export type Risk = { likelihood: RiskLevel; severity: RiskLevel; score: number; band: RiskBand };

export function isRiskLevel(n: unknown): n is RiskLevel {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

export function riskOf(likelihood: RiskLevel, severity: RiskLevel): Risk {
  const score = likelihood * severity;
  const band = bandFloors.find(([floor]) => score >= floor)![1];
  return { likelihood, severity, score, band };
}

/** Days from the walk to the action's target date, by band: critical within 24 hours. */
export const targetDays: Record<RiskBand, number> = {
  critical: 1,
  high: 7,
  medium: 28,
  low: 90,
};

export const targetWording: Record<RiskBand, string> = {
  critical: 'within 24 hours',
  high: 'within a week',
  medium: 'within four weeks',
  low: 'within three months',
};

/** The default target date of an action raised on `foundOn` for a risk in `band`. */
export function targetDateFor(band: RiskBand, foundOn: IsoDate): IsoDate {
  return addDays(foundOn, targetDays[band]);
}

/** The higher of two bands (a merged action keeps the worse risk). */
export function worseBand(a: RiskBand, b: RiskBand): RiskBand {
  return riskBands.indexOf(a) >= riskBands.indexOf(b) ? a : b;
}
