import type { SetupProblem } from './types.ts';

/** The MIS staff code ("JSM", "T.SMITH"): how timetable exports name a teacher. */
export const STAFF_CODE = /^[A-Za-z0-9._-]{1,12}$/;

export function staffCodeProblem(code: string): SetupProblem | null {
  if (STAFF_CODE.test(code)) return null;
  if (code.length > 12) {
    return {
      field: 'staffCode',
      message: `The staff code "${code}" is ${code.length} characters long; a staff code has at most 12.`,
    };
  }
  return {
    field: 'staffCode',
    message: `The staff code "${code}" may use only letters, digits, dots, hyphens and underscores, as in your MIS (for example "JSM").`,
  };
}

/** URN: the school's unique reference number from Get Information about Schools, 6 or 7 digits. */
export function urnProblem(urn: string): SetupProblem | null {
  return /^[0-9]{6,7}$/.test(urn)
    ? null
    : {
        field: 'urn',
        message: `"${urn}" is not a URN: a unique reference number has 6 or 7 digits, as on Get Information about Schools.`,
      };
}
