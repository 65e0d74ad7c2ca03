import { type Finding, type Rule, runRules } from './text.ts';

/**
 * The student-voice check (protocol rule 7): pupils are never asked about an individual
 * teacher. Applies to prompts an observer asks pupils. Each rule explains itself.
 */
export const studentVoiceRules: readonly Rule[] = [
  {
    id: 'asks-about-their-teacher',
    reason:
      "It asks pupils about their teacher. Student voice is about pupils' own learning (what they are learning, how they know they are improving), never about one member of staff.",
    patterns: [
      /\b(?:your|the|this|that|my|our|their|his|her) (?:class teacher|form tutor|teacher|tutor|sir)\b/,
      /\b(?:which|what|favourite|best|worst|nicest|strictest|kindest|meanest) (?:teacher|teachers)\b/,
      /\blessons? with (?:him|her|them)\b/,
    ],
  },
  {
    id: 'addresses-the-teacher',
    reason:
      'It refers to a teacher as pupils address them (Sir, Miss). Questions to pupils stay about their learning, not about a person.',
    // "Miss" mid-sentence is a form of address; at the start it may be the verb ("Miss out…").
    patterns: [/\bsir\b/i, /(?<=[^.?!\s] )Miss\b/],
    caseSensitive: true,
  },
];

export function checkStudentVoice(text: string): Finding[] {
  return runRules('student_voice', studentVoiceRules, text);
}
