/** Straightens quotes and dashes and collapses spaces, so one pattern matches all the ways people type. */
export function normalisePrompt(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Which check found the problem. */
export type CheckName = 'evaluation' | 'student_voice' | 'individual';

/** One explainable finding: which rule matched, on which words, and why that is refused. */
export type Finding = {
  check: CheckName;
  rule: string;
  phrase: string;
  reason: string;
};

export type Rule = {
  id: string;
  /** Why a prompt that matches is refused, written for the person editing it. */
  reason: string;
  /** Patterns are tried on the normalised text: lower-case ones in lower case, others as written. */
  patterns: RegExp[];
  caseSensitive?: boolean;
};

export function runRules(check: CheckName, rules: readonly Rule[], text: string): Finding[] {
  const normal = normalisePrompt(text);
  const lower = normal.toLowerCase();
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      const match = (rule.caseSensitive ? normal : lower).match(pattern);
      if (match) {
        findings.push({ check, rule: rule.id, phrase: match[0].trim(), reason: rule.reason });
        break;
      }
    }
  }
  return findings;
}

/** Titles followed by a name ("Mr Patel", "Miss J", "Dr. Okafor"): a prompt that targets one person. */
export const individualRules: readonly Rule[] = [
  {
    id: 'names-an-individual',
    reason:
      'It names a person. Look-fors and foci are about pupils and learning across many rooms, never one member of staff.',
    patterns: [/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? +[A-Z][A-Za-z'-]*/],
    caseSensitive: true,
  },
];

export function checkIndividual(text: string): Finding[] {
  return runRules('individual', individualRules, text);
}
