import { findingToViolation } from './check.ts';
import { checkFocusText, type StaffEntry } from './individual.ts';
import type { FrameworkContent, Violation } from './types.ts';

export type FocusInput = {
  title: string;
  purpose: string;
  /** Look-fors of the trust framework version chosen for this focus. */
  lookForKeys: readonly string[];
  /** How many of the school's own look-fors are included. */
  schoolLookForCount: number;
};

/**
 * A school's focus: a subset of the trust framework plus a purpose statement — "what we are
 * looking for and why" (protocol rule 2). It may not name or single out a member of staff (by
 * name, role or room), serve appraisal, or pass a verdict on the teaching (rule 6). `staff` is the
 * school's staff list, so names and staff codes are found too.
 */
export function validateFocus(
  focus: FocusInput,
  framework: FrameworkContent,
  staff: readonly StaffEntry[] = [],
): Violation[] {
  const problems: Violation[] = [];
  if (!focus.title.trim())
    problems.push({ code: 'blank_title', path: 'title', message: 'Give the focus a short title.' });
  if (focus.purpose.trim().length < 20) {
    problems.push({
      code: 'purpose_missing',
      path: 'purpose',
      message:
        'Say what you are looking for and why, in a sentence or two (at least 20 characters), so staff know the purpose.',
    });
  }
  for (const text of [
    { path: 'title', value: focus.title },
    { path: 'purpose', value: focus.purpose },
  ]) {
    const { names, findings } = checkFocusText(text.value, staff);
    for (const name of names) {
      problems.push({
        code: 'names_individual',
        path: text.path,
        prompt: text.value,
        rule: 'names-an-individual',
        phrase: name.text,
        message: `The ${text.path} names “${name.text}”. A focus is about learning across classes, never a member of staff; take the name out.`,
      });
    }
    for (const finding of findings) {
      problems.push(findingToViolation(finding, text.path, text.value));
    }
  }
  if (focus.lookForKeys.length + focus.schoolLookForCount === 0) {
    problems.push({
      code: 'no_look_fors',
      path: 'lookForKeys',
      message: 'Choose at least one look-for.',
    });
  }
  const known = new Set(framework.lenses.flatMap((l) => l.lookFors.map((f) => f.key)));
  focus.lookForKeys.forEach((key, i) => {
    if (!known.has(key)) {
      problems.push({
        code: 'unknown_look_for',
        path: `lookForKeys[${i}]`,
        message: `“${key}” is not a look-for of this framework version.`,
      });
    }
  });
  return problems;
}
