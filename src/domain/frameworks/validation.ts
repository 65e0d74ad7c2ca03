import { checkPrompt, findingToViolation } from './check.ts';
import { checkEvaluation } from './evaluation.ts';
import { checkIndividual } from './individual.ts';
import { type FrameworkContent, KEY_PATTERN, type Violation } from './types.ts';

export const LIMITS = {
  name: 200,
  lensName: 120,
  prompt: 300,
  guidance: 1000,
  lenses: 40,
  lookFors: 60,
};

/**
 * Problems that stop a draft being saved at all: the shape is wrong (blank prompt, duplicate
 * key, a continuity link to a look-for that the previous version does not have).
 */
export function validateStructure(
  content: FrameworkContent,
  previous: FrameworkContent | null = null,
): Violation[] {
  const problems: Violation[] = [];
  const add = (code: string, path: string, message: string, prompt?: string) =>
    problems.push(prompt === undefined ? { code, path, message } : { code, path, message, prompt });

  if (!content.name.trim()) add('blank_name', 'name', 'Give the framework a name.');
  if (content.name.length > LIMITS.name)
    add('too_long', 'name', `A framework name has at most ${LIMITS.name} characters.`);
  if (content.lenses.length > LIMITS.lenses)
    add('too_many', 'lenses', `A framework has at most ${LIMITS.lenses} lenses.`);

  const previousKeys = new Set(previous?.lenses.flatMap((l) => l.lookFors.map((f) => f.key)));
  const lensKeys = new Set<string>();
  const lookForKeys = new Set<string>();
  const continued = new Map<string, string>();

  content.lenses.forEach((lens, i) => {
    const at = `lenses[${i}]`;
    if (!lens.name.trim()) add('blank_name', `${at}.name`, `Lens ${i + 1} needs a name.`);
    if (lens.name.length > LIMITS.lensName)
      add('too_long', `${at}.name`, `A lens name has at most ${LIMITS.lensName} characters.`);
    if (!KEY_PATTERN.test(lens.key))
      add(
        'bad_key',
        `${at}.key`,
        `The key “${lens.key}” must be lower-case letters, digits and hyphens.`,
      );
    if (lensKeys.has(lens.key))
      add(
        'duplicate_key',
        `${at}.key`,
        `Two lenses share the key “${lens.key}”. Each lens needs its own.`,
      );
    lensKeys.add(lens.key);
    if (lens.lookFors.length > LIMITS.lookFors)
      add('too_many', `${at}.lookFors`, `A lens has at most ${LIMITS.lookFors} look-fors.`);

    lens.lookFors.forEach((f, j) => {
      const fat = `${at}.lookFors[${j}]`;
      if (!f.prompt.trim())
        add('blank_prompt', `${fat}.prompt`, `Look-for ${j + 1} in “${lens.name}” has no prompt.`);
      if (f.prompt.length > LIMITS.prompt)
        add(
          'too_long',
          `${fat}.prompt`,
          `A prompt has at most ${LIMITS.prompt} characters: keep it short enough to read in a classroom.`,
          f.prompt,
        );
      for (const part of ['looksLike', 'doesNotMean'] as const) {
        if ((f.guidance[part]?.length ?? 0) > LIMITS.guidance)
          add(
            'too_long',
            `${fat}.guidance.${part}`,
            `Guidance has at most ${LIMITS.guidance} characters.`,
            f.prompt,
          );
      }
      if (!KEY_PATTERN.test(f.key))
        add(
          'bad_key',
          `${fat}.key`,
          `The key “${f.key}” must be lower-case letters, digits and hyphens.`,
          f.prompt,
        );
      if (lookForKeys.has(f.key))
        add(
          'duplicate_key',
          `${fat}.key`,
          `Two look-fors share the key “${f.key}”. Each look-for needs its own.`,
          f.prompt,
        );
      lookForKeys.add(f.key);
      if (f.continues !== null) {
        if (!previous) {
          add(
            'continuity_without_previous',
            `${fat}.continues`,
            `“${f.prompt}” continues “${f.continues}”, but this is the first version: there is nothing to continue.`,
            f.prompt,
          );
        } else if (!previousKeys.has(f.continues)) {
          add(
            'continuity_unknown',
            `${fat}.continues`,
            `“${f.prompt}” continues “${f.continues}”, which is not a look-for of the previous version.`,
            f.prompt,
          );
        } else if (continued.has(f.continues)) {
          add(
            'continuity_duplicate',
            `${fat}.continues`,
            `“${f.prompt}” and “${continued.get(f.continues)}” both continue “${f.continues}”. Only one look-for can carry its trend on.`,
            f.prompt,
          );
        } else {
          continued.set(f.continues, f.prompt);
        }
      }
    });
  });
  return problems;
}

/**
 * Everything that stops a version being published: the structure, at least one lens and
 * look-for, and the protocol checks on every prompt (no grading of the teacher, no named
 * person, no asking pupils about their teacher). Each problem names the prompt.
 */
export function validateForPublish(
  content: FrameworkContent,
  previous: FrameworkContent | null = null,
): Violation[] {
  const problems = validateStructure(content, previous);
  if (content.lenses.length === 0)
    problems.push({
      code: 'no_lenses',
      path: 'lenses',
      message: 'Add at least one lens before publishing.',
    });
  content.lenses.forEach((lens, i) => {
    const at = `lenses[${i}]`;
    if (lens.lookFors.length === 0)
      problems.push({
        code: 'empty_lens',
        path: `${at}.lookFors`,
        message: `The lens “${lens.name}” has no look-fors yet.`,
      });
    for (const finding of [...checkEvaluation(lens.name), ...checkIndividual(lens.name)]) {
      problems.push(findingToViolation(finding, `${at}.name`, lens.name));
    }
    lens.lookFors.forEach((f, j) => {
      for (const finding of checkPrompt(f.prompt, f.audience)) {
        problems.push(findingToViolation(finding, `${at}.lookFors[${j}].prompt`, f.prompt));
      }
    });
  });
  return problems;
}

/** The protocol checks alone, for a single prompt (a school's own look-for, or the editor as you type). */
export function validatePrompt(
  prompt: string,
  audience: 'observer' | 'pupils',
  path = 'prompt',
): Violation[] {
  const problems: Violation[] = [];
  if (!prompt.trim()) problems.push({ code: 'blank_prompt', path, message: 'Write the prompt.' });
  if (prompt.length > LIMITS.prompt)
    problems.push({
      code: 'too_long',
      path,
      message: `A prompt has at most ${LIMITS.prompt} characters.`,
      prompt,
    });
  for (const finding of checkPrompt(prompt, audience))
    problems.push(findingToViolation(finding, path, prompt));
  return problems;
}
