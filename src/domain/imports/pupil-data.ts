import { normaliseHeading } from './fields.ts';
import { ROWS_PER_STEP, runSteps, type Steps } from './steps.ts';
import type { ImportKind, Problem, Sheet } from './types.ts';

/**
 * Learning Walks never holds pupils' personal data: a class is its code, year group and
 * subject. A file with a column that looks like pupil data, or a cell that looks like a
 * unique pupil number, is refused whole, before anything in it is read further.
 */
type Rule = { test: RegExp; what: string };

const headingRules: Rule[] = [
  {
    test: /\b(upn|uln|upns)\b|unique (pupil|learner) (number|no)/,
    what: 'pupil numbers (UPN or ULN)',
  },
  { test: /\b(dob|d o b)\b|date of birth|birth ?date|\bborn\b|birthday/, what: 'dates of birth' },
  {
    test: /\b(pupil|pupils|student|students|child|children|learner|learners)\b.*\b(name|names|forename|forenames|surname|surnames|first|last|id|number|no|dob|details)\b/,
    what: 'pupil names or identifiers',
  },
  {
    test: /^(pupil|pupils|student|students|child|children|learner|learners)$/,
    what: 'pupil names',
  },
  { test: /\b(gender|sex)\b/, what: 'gender' },
  {
    test: /\b(sen|send|senco status|ehcp|ehc plan)\b|special educational/,
    what: 'special educational needs',
  },
  {
    test: /\bfsm\b|free school meal|pupil premium|\bdisadvantaged\b/,
    what: 'free school meals or pupil premium',
  },
  { test: /\badmission(s)? (number|no)\b|\badno\b/, what: 'admission numbers' },
  { test: /\bethnic(ity)?\b/, what: 'ethnicity' },
  { test: /\beal\b|english as an additional language/, what: 'English as an additional language' },
  { test: /looked after|\b(lac|cla)\b|child in care/, what: 'looked-after status' },
  { test: /\bcandidate (number|no)\b/, what: 'exam candidate numbers' },
  { test: /\b(parent|parents|guardian|carer|carers)\b/, what: 'parent or carer details' },
  { test: /\b(medical|allergy|allergies)\b/, what: 'medical information' },
  { test: /\b(attendance|exclusion|exclusions)\b/, what: 'attendance or exclusions' },
];

const forename = /^(forename|forenames|first name|given name|legal forename|preferred forename)$/;
const surname = /^(surname|last name|family name|legal surname|preferred surname)$/;

/** A UPN: a check letter, 11 digits and a final digit or letter (temporary UPNs), 13 in all. */
export const UPN = /^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/;

const explanation =
  'Learning Walks never stores pupils’ personal data: classes are identified by their code, year group and subject only.';

export function pupilDataProblems(kind: ImportKind, sheet: Sheet): Problem[] {
  return runSteps(pupilDataProblemSteps(kind, sheet));
}

/** pupilDataProblems, pausing every few hundred rows (see steps.ts). */
export function* pupilDataProblemSteps(kind: ImportKind, sheet: Sheet): Steps<Problem[]> {
  const problems: Problem[] = [];
  sheet.headings.forEach((heading) => {
    const n = normaliseHeading(heading);
    if (!n) return;
    const rule = headingRules.find((r) => r.test.test(n));
    if (rule) {
      problems.push({
        row: sheet.headingRow,
        column: heading,
        code: 'pupil_data',
        message: `The column “${heading}” looks like pupil data (${rule.what}). ${explanation} Delete that column from the file and import it again.`,
      });
    }
  });
  // Forename and surname columns are staff names in a staff file, but in a rooms or
  // timetable file they can only be people in the class: pupils.
  if (kind !== 'staff') {
    const names = sheet.headings.filter((h) => {
      const n = normaliseHeading(h);
      return forename.test(n) || surname.test(n);
    });
    if (
      names.some((h) => forename.test(normaliseHeading(h))) &&
      names.some((h) => surname.test(normaliseHeading(h)))
    ) {
      for (const heading of names) {
        if (problems.some((p) => p.column === heading)) continue;
        problems.push({
          row: sheet.headingRow,
          column: heading,
          code: 'pupil_data',
          message: `The column “${heading}” holds people’s names, which in a ${kind} file can only be pupils’ names. ${explanation} Delete the name columns and import the file again.`,
        });
      }
    }
  }
  // Values: a unique pupil number anywhere refuses the file, wherever it sits.
  const seen = new Set<number>();
  let counted = 0;
  for (const { row, cells } of sheet.rows) {
    if (++counted % ROWS_PER_STEP === 0) yield;
    cells.forEach((cell, i) => {
      if (seen.has(i) || !UPN.test(cell.trim().toUpperCase())) return;
      seen.add(i);
      const heading = sheet.headings[i] || `column ${i + 1}`;
      problems.push({
        row,
        column: heading,
        code: 'pupil_data',
        message: `The value in “${heading}” on row ${row} looks like a unique pupil number (UPN). ${explanation} Remove pupil numbers from the file and import it again.`,
      });
    });
  }
  return problems;
}
