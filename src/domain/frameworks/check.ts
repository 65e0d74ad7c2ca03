import { checkEvaluation } from './evaluation.ts';
import { checkStudentVoice } from './student-voice.ts';
import { checkIndividual, type Finding } from './text.ts';
import type { Audience, Violation } from './types.ts';

export type { Finding } from './text.ts';

/**
 * Every check a prompt must pass before it can be published: no evaluation of the teacher,
 * no named individual, and — for prompts put to pupils — nothing about their teacher.
 */
export function checkPrompt(text: string, audience: Audience): Finding[] {
  return [
    ...checkEvaluation(text),
    ...checkIndividual(text),
    ...(audience === 'pupils' ? checkStudentVoice(text) : []),
  ];
}

export const violationCodes = {
  evaluation: 'teacher_evaluation',
  student_voice: 'student_voice_about_teacher',
  individual: 'names_individual',
} as const;

const checkTitles = {
  evaluation: 'grades or rates the teacher',
  student_voice: 'asks pupils about their teacher',
  individual: 'names an individual',
} as const;

export function findingToViolation(finding: Finding, path: string, prompt: string): Violation {
  return {
    code: violationCodes[finding.check],
    message: `“${prompt}” ${checkTitles[finding.check]} (matched “${finding.phrase}”). ${finding.reason}`,
    path,
    prompt,
    rule: finding.rule,
    phrase: finding.phrase,
  };
}
