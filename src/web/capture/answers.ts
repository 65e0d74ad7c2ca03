import type { Answer, RecordBody } from '../../domain/records/body.ts';

/** Sets (or, with null, clears) the answer to one look-for. */
export function setAnswer(
  body: RecordBody,
  answer: Answer | { lookForId: string; value: null },
): RecordBody {
  const others = body.answers.filter((a) => a.lookForId !== answer.lookForId);
  return { ...body, answers: answer.value === null ? others : [...others, answer as Answer] };
}

export function answerOf(body: RecordBody, lookForId: string): Answer | undefined {
  return body.answers.find((a) => a.lookForId === lookForId);
}

export function setStudentVoice(body: RecordBody, promptId: string, text: string): RecordBody {
  const others = body.studentVoice.filter((s) => s.promptId !== promptId);
  return { ...body, studentVoice: text ? [...others, { promptId, text }] : others };
}
