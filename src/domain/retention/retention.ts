import { canonicalBody, type RecordBody } from '../records/body.ts';

/**
 * How long a trust keeps each kind of data (issue 17), and the cut-off each setting gives on a
 * day. Plain functions over plain data: the server's nightly run and the settings page ask them.
 */

export type RetentionSettings = {
  /** Records, photos, responses and reflections: whole school years after the visit's school year. */
  recordsSchoolYears: number;
  /** Concerns: years after they were raised; their text is then erased, the count kept. */
  concernsYears: number;
  /** The audit trail: years after each event. */
  auditYears: number;
  /** In-app notices: days after each was written. */
  noticesDays: number;
  /** The mail outbox: days after each mail was written. */
  mailDays: number;
  /** Ended sessions, used or expired sign-in links and codes: days after. */
  signInDays: number;
};

export type RetentionSetting = keyof RetentionSettings;

/** The defaults, documented in docs/data-protection.md. */
export const DEFAULT_RETENTION: RetentionSettings = {
  recordsSchoolYears: 3,
  concernsYears: 6,
  auditYears: 6,
  noticesDays: 365,
  mailDays: 90,
  signInDays: 90,
};

/**
 * The safe bounds: long enough that a teacher can still respond and a concern be answered and
 * reviewed, short enough that nothing is kept for ever.
 */
export const RETENTION_BOUNDS: Record<RetentionSetting, { min: number; max: number }> = {
  recordsSchoolYears: { min: 1, max: 10 },
  concernsYears: { min: 1, max: 10 },
  auditYears: { min: 2, max: 10 },
  noticesDays: { min: 30, max: 1825 },
  mailDays: { min: 30, max: 730 },
  signInDays: { min: 30, max: 365 },
};

export const retentionLabels: Record<RetentionSetting, { label: string; unit: string }> = {
  recordsSchoolYears: {
    label: 'Records of visits, photos, responses and reflections',
    unit: 'school years after the visit',
  },
  concernsYears: { label: 'What a concern says', unit: 'years after it was raised' },
  auditYears: { label: 'Audit trail', unit: 'years after each event' },
  noticesDays: { label: 'In-app notices', unit: 'days' },
  mailDays: { label: 'Mail outbox', unit: 'days' },
  signInDays: { label: 'Ended sessions and used sign-in links', unit: 'days' },
};

export type RetentionProblem = { setting: RetentionSetting; message: string };

/** Everything outside the safe bounds, naming the setting, its value and the allowed range. */
export function retentionProblems(settings: RetentionSettings): RetentionProblem[] {
  const problems: RetentionProblem[] = [];
  for (const key of Object.keys(RETENTION_BOUNDS) as RetentionSetting[]) {
    const value = settings[key];
    const { min, max } = RETENTION_BOUNDS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      const { label, unit } = retentionLabels[key];
      problems.push({
        setting: key,
        message: `${label}: keep for a whole number from ${min} to ${max} (${unit}); it is ${value}.`,
      });
    }
  }
  return problems;
}

/** The first day (1 September) of the English school year that holds `day` ('YYYY-MM-DD'). */
export function schoolYearStart(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 9 ? year : year - 1}-09-01`;
}

/**
 * Visits before this day are past the records' retention on `today`: a visit is kept for the rest
 * of its school year and `schoolYears` whole school years after it. A visit in October 2022 with
 * three years is kept through 2023–24, 2024–25 and 2025–26, and erased from 1 September 2026.
 */
export function recordsCutoff(today: string, schoolYears: number): string {
  const start = Number(schoolYearStart(today).slice(0, 4));
  return `${start - schoolYears}-09-01`;
}

const DAY_MS = 86_400_000;

/** `now` less whole calendar years (29 February falls back to 28 February). */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now.getTime());
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d;
}

export type RetentionCutoffs = {
  /** Visits dated before this day have their records erased. */
  recordsVisitBefore: string;
  /** Concerns raised before this instant have their text erased. */
  concernsBefore: Date;
  auditBefore: Date;
  noticesBefore: Date;
  mailBefore: Date;
  signInBefore: Date;
};

/** What each setting means on a day: the boundaries the nightly run erases before. */
export function retentionCutoffs(
  settings: RetentionSettings,
  now: Date,
  today: string,
): RetentionCutoffs {
  return {
    recordsVisitBefore: recordsCutoff(today, settings.recordsSchoolYears),
    concernsBefore: yearsBefore(now, settings.concernsYears),
    auditBefore: yearsBefore(now, settings.auditYears),
    noticesBefore: new Date(now.getTime() - settings.noticesDays * DAY_MS),
    mailBefore: new Date(now.getTime() - settings.mailDays * DAY_MS),
    signInBefore: new Date(now.getTime() - settings.signInDays * DAY_MS),
  };
}

/** The text a concern keeps once its retention has passed (its kind, dates and outcome stay). */
export const ERASED_TEXT = 'Removed under the trust’s retention policy.';

/**
 * A record's body once its retention has passed: the evidence answers the figures rest on stay
 * (not seen / some / most, seen, counts); every word the observer wrote goes — notes, written
 * answers, what pupils said, kept phrases and their reasons.
 */
export function erasedRecordBody(body: RecordBody): RecordBody {
  return canonicalBody({
    answers: body.answers.filter((a) => a.kind !== 'note'),
    notes: '',
    studentVoice: [],
  });
}
