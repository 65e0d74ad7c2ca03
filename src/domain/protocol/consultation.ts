/**
 * Rule 1, consultation that is more than nominal: a programme (or an amendment to an agreed one)
 * stays in consultation for at least a set number of school days, and every comment staff made
 * is answered before it is agreed. Pure: the server asks these before recording an agreement.
 */
import {
  addSchoolDays,
  formatDate,
  type IsoDate,
  type SchoolCalendar,
} from '../calendar/calendar.ts';

export type ConsultationKind = 'programme' | 'amendment';

export type ConsultationProblem = {
  code: 'consultation_too_short' | 'comments_unanswered' | 'calendar_too_short';
  message: string;
  /** The first day agreement may be recorded, when known. */
  earliest?: IsoDate;
  unanswered?: number;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The first day a consultation opened on `openedOn` may be agreed: `minSchoolDays` school days
 * after it (the opening day is not counted; Monday with five → the next Monday). Null when the
 * calendar as entered holds no such day.
 */
export function earliestAgreement(
  calendar: SchoolCalendar,
  openedOn: IsoDate,
  minSchoolDays: number,
): IsoDate | null {
  return addSchoolDays(calendar, openedOn, minSchoolDays);
}

export type AgreementCheck = {
  kind: ConsultationKind;
  calendar: SchoolCalendar;
  /** The school's own date consultation opened. */
  openedOn: IsoDate;
  /** The school's own date today. */
  today: IsoDate;
  /** The date the leader says staff agreed. */
  agreedOn: IsoDate;
  minSchoolDays: number;
  /** Comments not yet answered. */
  unanswered: number;
};

/** Everything that stops an agreement being recorded; empty when it may be. */
export function agreementProblems(c: AgreementCheck): ConsultationProblem[] {
  const out: ConsultationProblem[] = [];
  const what = c.kind === 'programme' ? 'The programme' : 'The amendment';
  const earliest = earliestAgreement(c.calendar, c.openedOn, c.minSchoolDays);
  if (!earliest) {
    out.push({
      code: 'calendar_too_short',
      message: `${what} must stay in consultation for ${plural(c.minSchoolDays, 'school day')}, and the school calendar holds no such day after ${formatDate(c.openedOn)}. Enter the next term's dates first.`,
    });
  } else if (c.today < earliest || c.agreedOn < earliest) {
    const early = c.agreedOn < earliest && c.today >= earliest ? c.agreedOn : c.today;
    out.push({
      code: 'consultation_too_short',
      message: `${what} has been in consultation since ${formatDate(c.openedOn)}; staff have at least ${plural(c.minSchoolDays, 'school day')} to read it and comment, so it can be agreed on ${formatDate(earliest)} at the earliest, not ${formatDate(early)}.`,
      earliest,
    });
  }
  if (c.unanswered > 0) {
    out.push({
      code: 'comments_unanswered',
      message: `${plural(c.unanswered, 'comment')} from staff ${c.unanswered === 1 ? 'is' : 'are'} not yet answered. Answer every comment before recording the agreement.`,
      unanswered: c.unanswered,
    });
  }
  return out;
}
