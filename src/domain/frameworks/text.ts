/** Straightens quotes and dashes and collapses spaces, so one reading fits all the ways people type. */
export function normalisePrompt(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Which check found the problem: evaluation (rule 6), student voice (rule 7), a named person
 * (rules 2 and 6) or a focus that singles someone out or serves appraisal (rule 2).
 */
export type CheckName = 'evaluation' | 'student_voice' | 'individual' | 'focus_individual';

/**
 * One explainable finding: which rule matched, on which words, why that is refused, and a
 * suggested rewrite about what pupils do.
 */
export type Finding = {
  check: CheckName;
  rule: string;
  phrase: string;
  reason: string;
  rewrite: string;
};

/** Drops findings of the same rule on the same words. */
export function distinct(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.check}|${f.rule}|${f.phrase.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
