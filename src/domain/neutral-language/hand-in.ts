import type { KeptPhrase, RecordBody } from '../records/body.ts';
import type { LanguageFinding, NeutralLanguageChecker } from './checker.ts';
import { keyOf } from './tokens.ts';

/**
 * Protocol rule 9 at hand-in. While typing (and offline) the checker only points things out; a
 * record that is handed in is read by the teacher and kept in the version history, so the server
 * runs the same checker over every written part of it and refuses the hand-in while anything
 * flagged remains, unless the observer kept that phrase with a stated reason. A pupil's name can
 * never be kept (data minimisation): it must be rewritten.
 */

/** What a flagged span is, as the server reports it. */
export type SpanKind =
  /** A first name, a supplied pupil name or a name after "a boy called": never kept. */
  | 'pupil_name'
  /** A member of staff by name or title and surname. */
  | 'staff_name'
  /** A capitalised word that only looks like a name from where it stands. */
  | 'possible_name'
  /** A verdict on the teacher or advice to them. */
  | 'about_teacher'
  /** Judgemental or evaluative wording. */
  | 'judgement';

export type RuleNineSpan = {
  /** `notes`, `answer:<lookForId>` or `voice:<promptId>`. */
  field: string;
  start: number;
  end: number;
  /** The flagged words exactly as written: `text.slice(start, end)`. */
  phrase: string;
  kind: SpanKind;
  /** Why it is flagged, and what the observer can do about it. */
  reason: string;
  hint: string;
  /** Whether the observer may keep it with a reason (never for a pupil's name). */
  keepable: boolean;
  /** The observer's reason, when it was kept with one. */
  keptReason: string | null;
};

export type RecordText = { field: string; text: string };

/** Every written part of a record: the notes, note answers and what pupils said. */
export function recordTexts(body: RecordBody): RecordText[] {
  const texts: RecordText[] = [{ field: 'notes', text: body.notes }];
  for (const a of body.answers) {
    if (a.kind === 'note') texts.push({ field: `answer:${a.lookForId}`, text: a.value });
  }
  for (const s of body.studentVoice) texts.push({ field: `voice:${s.promptId}`, text: s.text });
  return texts.filter((t) => t.text.length > 0);
}

export function spanKind(f: LanguageFinding): SpanKind {
  if (f.kind === 'name') {
    return f.who === 'staff' ? 'staff_name' : f.who === 'unsure' ? 'possible_name' : 'pupil_name';
  }
  return f.kind;
}

/** Phrases compare by their words: case, apostrophes and spacing aside. */
export const phraseKey = (phrase: string) =>
  keyOf(phrase.normalize('NFC').trim().replace(/\s+/g, ' '));

const WHY_REFUSED: Record<SpanKind, string> = {
  pupil_name: 'Pupils’ names cannot be kept in a record: rewrite this before handing in.',
  staff_name: 'Rewrite it, or keep it with a reason the teacher will see.',
  possible_name:
    'If it is a name, rewrite it; if it is not, keep it with a reason (for example “a place”).',
  about_teacher: 'Rewrite it, or keep it with a reason the teacher will see.',
  judgement: 'Rewrite it, or keep it with a reason the teacher will see.',
};

/** The spans of one text, each with whether (and why) it was kept. */
export function spansOf(
  checker: NeutralLanguageChecker,
  { field, text }: RecordText,
  kept: readonly KeptPhrase[],
): RuleNineSpan[] {
  const reasons = new Map<string, string>();
  for (const k of kept) if (k.field === field) reasons.set(phraseKey(k.phrase), k.reason.trim());
  // In what pupils said, "I liked…" is the pupil's view of their learning, not the observer's.
  const findings = checker
    .check(text)
    .filter((f) => !(field.startsWith('voice:') && f.rule === 'opinion'));
  const spans = findings.map((f): RuleNineSpan => {
    const kind = spanKind(f);
    const keepable = kind !== 'pupil_name';
    const given = reasons.get(phraseKey(f.text));
    return {
      field,
      start: f.start,
      end: f.end,
      phrase: f.text,
      kind,
      reason: f.explanation,
      hint: f.hint,
      keepable,
      keptReason: keepable && given ? given : null,
    };
  });
  // A phrase kept with a reason covers the keepable findings inside it: keeping "Mr Smith
  // didn't" keeps the name "Mr Smith" in it too.
  for (const outer of spans) {
    if (!outer.keptReason) continue;
    for (const inner of spans) {
      if (
        inner.keepable &&
        !inner.keptReason &&
        inner.start >= outer.start &&
        inner.end <= outer.end
      ) {
        inner.keptReason = outer.keptReason;
      }
    }
  }
  for (const s of spans) {
    if (s.keptReason) continue;
    const keptWithoutReason = s.keepable && reasons.get(phraseKey(s.phrase)) === '';
    s.reason = keptWithoutReason
      ? `“${s.phrase}” was kept without a reason. Say why it must stay (the teacher will read it), or rewrite it.`
      : `${s.reason} ${WHY_REFUSED[s.kind]}`;
  }
  return spans;
}

/**
 * The rule-9 check of a whole record at hand-in: `refused` lists what stops it (empty when it may
 * be handed in), `kept` what was kept with a reason and will be shown to the teacher marked.
 */
export function checkRecordForHandIn(
  checker: NeutralLanguageChecker,
  body: RecordBody,
): { refused: RuleNineSpan[]; kept: RuleNineSpan[] } {
  const all = recordTexts(body).flatMap((t) => spansOf(checker, t, body.kept ?? []));
  return {
    refused: all.filter((s) => s.keptReason === null),
    kept: all.filter((s) => s.keptReason !== null),
  };
}
