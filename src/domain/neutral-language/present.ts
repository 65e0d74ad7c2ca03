import type { RecordBody } from '../records/body.ts';
import type { NeutralLanguageChecker } from './checker.ts';
import { type RuleNineSpan, type SpanKind, spansOf } from './hand-in.ts';

/**
 * How a handed-in record is shown to its readers (protocol rule 9). A phrase the observer kept
 * with a reason is marked, with the reason, for everyone. What a record handed in before the
 * hand-in check may still hold is taken out: a pupil's name for every reader but the observer
 * who wrote it, and, for leaders and coaches, any flagged phrase not kept with a reason.
 */
export type Reader = 'observer' | 'teacher' | 'leader';

/** A kept phrase in the text as shown: offsets into the shown text. */
export type KeptMark = {
  field: string;
  start: number;
  end: number;
  phrase: string;
  kind: SpanKind;
  reason: string;
};

export const REDACTED_NAME = '[name removed]';
export const REDACTED_WORDING = '[wording removed]';

function redacts(span: RuleNineSpan, reader: Reader): boolean {
  if (span.keptReason !== null || reader === 'observer') return false;
  return span.kind === 'pupil_name' || reader === 'leader';
}

/** One text as `reader` sees it, with its kept phrases marked. */
function presentText(
  checker: NeutralLanguageChecker,
  field: string,
  text: string,
  body: RecordBody,
  reader: Reader,
): { text: string; marks: KeptMark[]; removed: number } {
  const spans = spansOf(checker, { field, text }, body.kept ?? []);
  const marks: KeptMark[] = [];
  let out = '';
  let at = 0;
  let removed = 0;
  for (const s of spans) {
    if (s.start < at) continue; // inside a wider span already handled
    const redact = redacts(s, reader);
    if (!redact && s.keptReason === null) continue;
    out += text.slice(at, s.start);
    if (redact) {
      out += s.kind.endsWith('_name') ? REDACTED_NAME : REDACTED_WORDING;
      removed++;
    } else {
      const start = out.length;
      out += s.phrase;
      marks.push({
        field,
        start,
        end: out.length,
        phrase: s.phrase,
        kind: s.kind,
        reason: s.keptReason!,
      });
    }
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, marks, removed };
}

/** A whole record body as `reader` sees it. */
export function presentRecord(
  checker: NeutralLanguageChecker,
  body: RecordBody,
  reader: Reader,
): { body: RecordBody; marks: KeptMark[]; removed: number } {
  const marks: KeptMark[] = [];
  let removed = 0;
  const show = (field: string, text: string) => {
    if (!text) return text;
    const shown = presentText(checker, field, text, body, reader);
    marks.push(...shown.marks);
    removed += shown.removed;
    return shown.text;
  };
  const shown: RecordBody = {
    answers: body.answers.map((a) =>
      a.kind === 'note' ? { ...a, value: show(`answer:${a.lookForId}`, a.value) } : a,
    ),
    notes: show('notes', body.notes),
    studentVoice: body.studentVoice.map((s) => ({
      ...s,
      text: show(`voice:${s.promptId}`, s.text),
    })),
  };
  // What was kept (phrases and reasons) travels as marks; the body shows only the text.
  return { body: shown, marks, removed };
}
