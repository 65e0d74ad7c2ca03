import { checkEvaluation } from './evaluation.ts';
import { checkIndividual } from './individual.ts';
import { checkStudentVoice } from './student-voice.ts';
import { distinct, type Finding } from './text.ts';
import type { Audience, Violation } from './types.ts';

export type { Finding } from './text.ts';

/**
 * Every check a prompt must pass before it can be published: no named person and, for what the
 * observer records, evidence about pupils rather than a verdict on the teacher (rule 6); for
 * questions put to pupils, nothing about a teacher and no rating of the lesson (rule 7).
 */
export function checkPrompt(text: string, audience: Audience): Finding[] {
  return distinct([
    ...checkIndividual(text),
    ...(audience === 'pupils' ? checkStudentVoice(text) : checkEvaluation(text)),
  ]);
}

export const violationCodes = {
  evaluation: 'teacher_evaluation',
  student_voice: 'student_voice_about_teacher',
  individual: 'names_individual',
  focus_individual: 'focus_about_individual',
} as const;

const checkTitles = {
  evaluation: 'is about the teacher or passes a verdict on the teaching',
  student_voice: 'asks pupils about a teacher or for a verdict on the lesson',
  individual: 'names an individual',
  focus_individual: 'singles out a member of staff',
} as const;

/** A finding as a problem to show: the text, the words, the reason and a rewrite. */
export function findingToViolation(finding: Finding, path: string, prompt: string): Violation {
  return {
    code: violationCodes[finding.check],
    message: `“${prompt}” ${checkTitles[finding.check]} (“${finding.phrase}”). ${finding.reason} ${finding.rewrite}`,
    path,
    prompt,
    rule: finding.rule,
    phrase: finding.phrase,
    suggestion: finding.rewrite,
  };
}
