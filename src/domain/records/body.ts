import {
  type AnswerKind,
  type Audience,
  answerKinds,
  type Prevalence,
  prevalenceLevels,
} from '../frameworks/types.ts';

/**
 * A record of one visit, as the observer's device writes it and the server stores it: evidence
 * against the look-fors of the walk's focus, free notes, and what pupils said to the
 * student-voice prompts. It describes learning and pupils — never a score for the teacher.
 */
export type Answer =
  | { lookForId: string; kind: 'prevalence'; value: Prevalence }
  | { lookForId: string; kind: 'seen'; value: boolean }
  | { lookForId: string; kind: 'count'; value: number }
  | { lookForId: string; kind: 'note'; value: string };

export type StudentVoiceAnswer = { promptId: string; text: string };

/**
 * A phrase the neutral-language check flagged that the observer chose to keep, with the reason
 * the teacher will read beside it (protocol rule 9). `field` is where it stands: `notes`,
 * `answer:<lookForId>` or `voice:<promptId>`. Pupils' names can never be kept; the hand-in check
 * (domain/neutral-language/hand-in.ts) decides what a kept phrase covers.
 */
export type KeptPhrase = { field: string; phrase: string; reason: string };

export type RecordBody = {
  answers: Answer[];
  notes: string;
  studentVoice: StudentVoiceAnswer[];
  /** Absent or empty when nothing flagged was kept (so older bodies keep their hash). */
  kept?: KeptPhrase[];
};

/** A body as it arrives, before it is checked: kinds and values may be anything JSON allows. */
export type RecordBodyInput = {
  answers: { lookForId: string; kind: string; value: unknown }[];
  notes: string;
  studentVoice: StudentVoiceAnswer[];
  kept?: KeptPhrase[];
};

/** One look-for the walk's focus asks about: from the framework version or the school's own. */
export type CaptureLookFor = {
  id: string;
  prompt: string;
  answerKind: AnswerKind;
  audience: Audience;
};

export const RECORD_LIMITS = {
  notes: 5000,
  noteAnswer: 2000,
  studentVoiceText: 2000,
  count: 9999,
  keptPhrases: 50,
  keptPhrase: 300,
  keptReason: 500,
} as const;

export type RecordProblemCode =
  | 'unknown_look_for'
  | 'wrong_answer_kind'
  | 'invalid_answer'
  | 'duplicate_answer'
  | 'unknown_prompt'
  | 'duplicate_prompt'
  | 'too_long'
  | 'unknown_kept_field';

export type RecordProblem = { code: RecordProblemCode; path: string; message: string };

const quote = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;

function valueProblem(kind: AnswerKind, value: unknown, prompt: string): string | null {
  switch (kind) {
    case 'prevalence':
      return typeof value === 'string' && (prevalenceLevels as readonly string[]).includes(value)
        ? null
        : `The answer to ${quote(prompt)} must be one of ${prevalenceLevels.join(', ')}.`;
    case 'seen':
      return typeof value === 'boolean'
        ? null
        : `The answer to ${quote(prompt)} must be true (seen) or false (not seen).`;
    case 'count':
      return Number.isInteger(value) &&
        (value as number) >= 0 &&
        (value as number) <= RECORD_LIMITS.count
        ? null
        : `The answer to ${quote(prompt)} must be a whole number from 0 to ${RECORD_LIMITS.count}.`;
    case 'note':
      return typeof value === 'string' && value.length <= RECORD_LIMITS.noteAnswer
        ? null
        : `The answer to ${quote(prompt)} must be text of at most ${RECORD_LIMITS.noteAnswer} characters.`;
  }
}

/**
 * Checks a record body against the look-fors of the walk's focus (from its framework version):
 * every answer names a look-for of the focus, once, with that look-for's answer kind and a value
 * of that kind; every student-voice answer names a prompt for pupils. Returns every problem,
 * each with where it is and how to put it right; an empty list means the body is valid.
 */
export function validateRecordBody(
  body: RecordBodyInput,
  lookFors: readonly CaptureLookFor[],
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const byId = new Map(lookFors.map((f) => [f.id, f]));
  const answered = new Set<string>();
  body.answers.forEach((answer, i) => {
    const path = `answers[${i}]`;
    const lookFor = byId.get(answer.lookForId);
    if (!lookFor) {
      problems.push({
        code: 'unknown_look_for',
        path: `${path}.lookForId`,
        message: `Answer ${i + 1} is for a look-for (${answer.lookForId}) that is not part of this walk’s focus. Open the walk again to load its current look-fors, then record the answer there.`,
      });
      return;
    }
    if (answered.has(answer.lookForId)) {
      problems.push({
        code: 'duplicate_answer',
        path,
        message: `${quote(lookFor.prompt)} is answered more than once. Keep one answer for it.`,
      });
      return;
    }
    answered.add(answer.lookForId);
    if (answer.kind !== lookFor.answerKind) {
      const known = (answerKinds as readonly string[]).includes(answer.kind);
      problems.push({
        code: 'wrong_answer_kind',
        path: `${path}.kind`,
        message: `${quote(lookFor.prompt)} takes a ${lookFor.answerKind} answer, not ${known ? `a ${answer.kind}` : `“${answer.kind}”`} answer. Answer it as ${lookFor.answerKind}.`,
      });
      return;
    }
    const problem = valueProblem(lookFor.answerKind, answer.value, lookFor.prompt);
    if (problem) problems.push({ code: 'invalid_answer', path: `${path}.value`, message: problem });
  });

  const prompted = new Set<string>();
  body.studentVoice.forEach((entry, i) => {
    const path = `studentVoice[${i}]`;
    const prompt = byId.get(entry.promptId);
    if (prompt?.audience !== 'pupils') {
      problems.push({
        code: 'unknown_prompt',
        path: `${path}.promptId`,
        message: `Student-voice answer ${i + 1} is for a prompt (${entry.promptId}) that is not one of this walk’s questions for pupils.`,
      });
      return;
    }
    if (prompted.has(entry.promptId)) {
      problems.push({
        code: 'duplicate_prompt',
        path,
        message: `${quote(prompt.prompt)} has more than one answer. Put what pupils said in one answer.`,
      });
      return;
    }
    prompted.add(entry.promptId);
    if (entry.text.length > RECORD_LIMITS.studentVoiceText) {
      problems.push({
        code: 'too_long',
        path: `${path}.text`,
        message: `What pupils said to ${quote(prompt.prompt)} is longer than ${RECORD_LIMITS.studentVoiceText} characters. Shorten it.`,
      });
    }
  });

  (body.kept ?? []).forEach((entry, i) => {
    const path = `kept[${i}]`;
    const [kind, id] = entry.field.split(':');
    const known =
      entry.field === 'notes' ||
      (kind === 'answer' && body.answers.some((a) => a.lookForId === id && a.kind === 'note')) ||
      (kind === 'voice' && body.studentVoice.some((s) => s.promptId === id));
    if (!known) {
      problems.push({
        code: 'unknown_kept_field',
        path: `${path}.field`,
        message: `Kept phrase ${i + 1} (${quote(entry.phrase)}) is for “${entry.field}”, which is not written text in this record. Keep a phrase from the notes, a note answer or what pupils said.`,
      });
    }
    if (
      entry.phrase.length > RECORD_LIMITS.keptPhrase ||
      entry.reason.length > RECORD_LIMITS.keptReason
    ) {
      problems.push({
        code: 'too_long',
        path,
        message: `Kept phrase ${i + 1} is too long: a kept phrase holds at most ${RECORD_LIMITS.keptPhrase} characters and its reason ${RECORD_LIMITS.keptReason}.`,
      });
    }
  });
  if ((body.kept ?? []).length > RECORD_LIMITS.keptPhrases) {
    problems.push({
      code: 'too_long',
      path: 'kept',
      message: `A record keeps at most ${RECORD_LIMITS.keptPhrases} flagged phrases. Rewrite some of them instead.`,
    });
  }

  if (body.notes.length > RECORD_LIMITS.notes) {
    problems.push({
      code: 'too_long',
      path: 'notes',
      message: `The notes are ${body.notes.length} characters long; the most a record holds is ${RECORD_LIMITS.notes}. Shorten them.`,
    });
  }
  return problems;
}

const normaliseText = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC');
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical form of a (valid) body: answers ordered by look-for, student voice by prompt,
 * text with one kind of line ending and one Unicode form, keys always in the same order. Two
 * bodies that mean the same thing have the same canonical JSON, so a resend is recognised
 * however the device happened to order or encode it.
 */
export function canonicalBody(body: RecordBody | RecordBodyInput): RecordBody {
  const answers = [...body.answers]
    .sort((a, b) => byKey(a.lookForId, b.lookForId))
    .map(
      (a) =>
        ({
          lookForId: a.lookForId.toLowerCase(),
          kind: a.kind,
          value: typeof a.value === 'string' ? normaliseText(a.value) : a.value,
        }) as Answer,
    );
  const studentVoice = [...body.studentVoice]
    .sort((a, b) => byKey(a.promptId, b.promptId))
    .map((s) => ({ promptId: s.promptId.toLowerCase(), text: normaliseText(s.text) }));
  const kept = canonicalKept(body.kept ?? []);
  return kept.length > 0
    ? { answers, notes: normaliseText(body.notes), studentVoice, kept }
    : { answers, notes: normaliseText(body.notes), studentVoice };
}

/** Kept phrases in one order, trimmed, one entry per field and phrase (the last reason wins). */
function canonicalKept(kept: readonly KeptPhrase[]): KeptPhrase[] {
  const byPlace = new Map<string, KeptPhrase>();
  for (const k of kept) {
    const entry = {
      field: k.field.toLowerCase(),
      phrase: normaliseText(k.phrase).trim(),
      reason: normaliseText(k.reason).trim(),
    };
    if (entry.phrase) byPlace.set(`${entry.field}\u0000${entry.phrase}`, entry);
  }
  return [...byPlace.entries()].sort(([a], [b]) => byKey(a, b)).map(([, entry]) => entry);
}

/** The canonical body as one string: what the server hashes to recognise an identical resend. */
export function canonicalJson(body: RecordBody | RecordBodyInput): string {
  return JSON.stringify(canonicalBody(body));
}

/** An empty body, as a new record starts on the device. */
export const emptyBody = (): RecordBody => ({ answers: [], notes: '', studentVoice: [] });
