/** Protocol settings: defaults, safe bounds and the check that a school's choice stays within them. */
import {
  CAP_PERIOD_DAYS_BOUNDS,
  DEFAULT_PROTOCOL_SETTINGS,
  type NumericSetting,
  PROTOCOL_BOUNDS,
  type ProtocolSettings,
  reviewFrequencies,
  type SettingsProblem,
} from './types.ts';

export const settingLabels: Record<keyof ProtocolSettings, string> = {
  maxObservers: 'Observers on a walk',
  noticeSchoolDays: 'School days of notice',
  visitCap: 'Visits per teacher in the cap period',
  capPeriod: 'Cap period',
  maxVisitsPerTeacherPerDay: 'Visits per teacher per day',
  visitMinutes: 'Minutes in a room',
  maxRoomsPerHour: 'Rooms an hour',
  responseWindowSchoolDays: 'School days to respond to a record',
  minGroupSize: 'Smallest group shown in a breakdown',
  consultationSchoolDays: 'School days of consultation on a programme',
  amendmentSchoolDays: 'School days of consultation on an amendment',
  recommendedLookFors: 'Look-fors recommended in one walk',
  reviewFrequency: 'How often reviews with staff are held',
};

/**
 * Everything wrong with `settings`, naming the setting, the value and the allowed range; empty
 * when they are within the safe bounds (PROTOCOL_BOUNDS, CAP_PERIOD_DAYS_BOUNDS), and the time in
 * a room times the rooms an hour fits in an hour.
 */
export function settingsProblems(settings: ProtocolSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const key of Object.keys(PROTOCOL_BOUNDS) as NumericSetting[]) {
    const value = settings[key];
    const { min, max } = PROTOCOL_BOUNDS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      const range = min === max ? `must be ${min}` : `must be a whole number from ${min} to ${max}`;
      problems.push({ setting: key, message: `${settingLabels[key]} ${range}; it is ${value}.` });
    }
  }
  const p = settings.capPeriod;
  if (typeof p === 'object') {
    const { min, max } = CAP_PERIOD_DAYS_BOUNDS;
    if (!Number.isInteger(p.days) || p.days < min || p.days > max) {
      problems.push({
        setting: 'capPeriod',
        message: `A cap period in days must be a whole number from ${min} to ${max}; it is ${p.days}.`,
      });
    }
  } else if (p !== 'school_year' && p !== 'term') {
    problems.push({
      setting: 'capPeriod',
      message: `The cap period must be a school year, a term or a number of days; it is “${String(p)}”.`,
    });
  }
  if (!reviewFrequencies.includes(settings.reviewFrequency)) {
    problems.push({
      setting: 'reviewFrequency',
      message: `Reviews with staff are held each term or each school year; “${String(settings.reviewFrequency)}” is neither.`,
    });
  }
  if (problems.length === 0 && settings.visitMinutes * settings.maxRoomsPerHour > 60) {
    problems.push({
      setting: 'visitMinutes',
      message: `${settings.maxRoomsPerHour} rooms an hour of ${settings.visitMinutes} minutes each do not fit in an hour; shorten the visits or lower the rooms an hour.`,
    });
  }
  return problems;
}

/**
 * The defaults with a school's or trust's choices laid over them (later overrides win; undefined
 * and null values are ignored), and any problems with the result.
 */
export function resolveSettings(...overrides: (Partial<ProtocolSettings> | null | undefined)[]): {
  settings: ProtocolSettings;
  problems: SettingsProblem[];
} {
  const settings: ProtocolSettings = { ...DEFAULT_PROTOCOL_SETTINGS };
  for (const o of overrides) {
    if (!o) continue;
    for (const [k, v] of Object.entries(o)) {
      if (v !== undefined && v !== null) (settings as Record<string, unknown>)[k] = v;
    }
  }
  return { settings, problems: settingsProblems(settings) };
}

/** "3 visits a school year", "2 visits a term", "3 visits in any 30 days". */
export function describeCap(settings: Pick<ProtocolSettings, 'visitCap' | 'capPeriod'>): string {
  const visits = `${settings.visitCap} ${settings.visitCap === 1 ? 'visit' : 'visits'}`;
  const p = settings.capPeriod;
  if (p === 'school_year') return `${visits} a school year`;
  if (p === 'term') return `${visits} a term`;
  return `${visits} in any ${p.days} days`;
}
