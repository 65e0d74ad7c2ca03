import { teachingVerbs } from './lexicon.ts';
import { type RewriteFor, suggestRewrite } from './rewrites.ts';
import { PUPIL_SIDE, type Reading, readAll, TEACHER_SIDE } from './sentence.ts';
import { distinct, type Finding } from './text.ts';

/**
 * The "no evaluation of an individual" check (protocol rule 6). A look-for is evidence about
 * pupils, their work or the environment, and that is what its answer scale measures. So the
 * check reads the sentence and asks:
 *  - whose is the sentence? If its subject is an adult (the teacher, the adult, a member of
 *    staff, Mr X, "they" doing what teachers do) the answer would describe that person;
 *  - does it pass a verdict on the lesson or the teaching? A teaching practice or the lesson with
 *    a quality word ("effective questioning", "the lesson was well planned"), or a verdict noun
 *    as the subject ("Overall judgement", "Quality of instruction");
 *  - does it carry its own grading scale ("strong, adequate or weak", "1-4")? Only pupils rating
 *    their own work or confidence may use one;
 *  - is it an instruction to rate, grade or compare the teacher or the lesson?
 * Each finding names the words, the reason and a rewrite about what pupils do.
 */

export const evaluationReasons = {
  'rates-the-teacher':
    'It asks the observer to rate, grade, judge or compare the teacher or the lesson. A learning walk records evidence about pupils and learning, never a verdict on a person.',
  'teacher-is-the-subject':
    'Its subject is an adult in the room, so every answer would describe that person. A look-for is evidence about pupils, their work or the room: make pupils the subject.',
  'verdict-on-teaching':
    'It passes a verdict on the lesson or the teaching (a quality word, “overall”, a judgement). Record what pupils were seen doing instead; how many pupils is the only scale.',
  'grading-scale':
    'It carries a grading scale (such as strong / adequate / weak, outstanding to inadequate, or 1–4). Learning walks never grade: the answer is how many pupils you saw doing something.',
} as const;

export type EvaluationRule = keyof typeof evaluationReasons;

const EVERYONE = new Set(['every', 'each', 'all', 'any']);

const span = (r: Reading, from: number, to: number) =>
  r.text.slice(r.tokens[from]!.start, r.tokens[to - 1]!.end);

function finding(rule: EvaluationRule, phrase: string, r: Reading, kind: RewriteFor): Finding {
  return {
    check: 'evaluation',
    rule,
    phrase,
    reason: evaluationReasons[rule],
    rewrite: `Try: “${suggestRewrite(r.text, kind)}”.`,
  };
}

/** The words that carry the verdict on the subject: the subject through the quality word. */
function verdictPhrase(r: Reading): string {
  const s = r.subject!;
  const at = r.tokens.indexOf(
    r.verdicts.find((t) => r.tokens.indexOf(t) >= s.npFrom) ?? r.verdicts[0]!,
  );
  if (at < s.to) return span(r, Math.min(at, s.npFrom), s.to);
  if (at - s.to > 6) return `${s.text} … ${r.tokens[at]!.raw}`;
  const participle = r.teachingVerdict?.text.toLowerCase().startsWith(r.tokens[at]!.word);
  return span(r, s.npFrom, Math.min(r.tokens.length, participle ? at + 2 : at + 1));
}

function checkReading(r: Reading, kind: RewriteFor): Finding[] {
  const out: Finding[] = [];
  const s = r.subject;
  const teacherSideAnywhere = r.phrases.some((p) => TEACHER_SIDE.has(p.cls));
  if (r.imperative) {
    const target = r.phrases.find((p) => p.from > r.tokens.indexOf(r.imperative!));
    if (target && TEACHER_SIDE.has(target.cls)) {
      out.push(
        finding('rates-the-teacher', span(r, r.tokens.indexOf(r.imperative), target.to), r, kind),
      );
    }
  }
  // A focus may be about practice across many classes ("How teachers across the school use
  // mini whiteboards"): teachers as a group, or every teacher, are judged only with a verdict.
  const everyone = s && r.tokens.slice(s.npFrom, s.from).some((t) => EVERYONE.has(t.word));
  const group =
    kind === 'focus' && s && (s.cls === 'staff_group' || (s.cls === 'staff' && everyone));
  if (s && !group && (s.cls === 'staff' || s.cls === 'staff_group')) {
    out.push(finding('teacher-is-the-subject', s.text, r, kind));
  } else if (
    r.theySubject &&
    (r.verdicts.length > 0 ||
      r.tokens.some((t) => teachingVerbs.has(t.word)) ||
      r.phrases.some((p) => p.cls === 'practice'))
  ) {
    out.push(finding('teacher-is-the-subject', r.theySubject.raw, r, kind));
  } else if (s && s.cls === 'judgement') {
    const of = r.tokens[s.to]?.word === 'of' ? r.phrases.find((p) => p.from > s.to) : undefined;
    out.push(finding('verdict-on-teaching', of ? span(r, s.npFrom, of.to) : s.text, r, kind));
  } else if (
    s &&
    (s.cls === 'lesson' || s.cls === 'practice' || s.cls === 'support_group' || group) &&
    r.verdicts.length > 0
  ) {
    out.push(finding('verdict-on-teaching', verdictPhrase(r), r, kind));
  } else if (r.teachingVerdict && !(s && PUPIL_SIDE.has(s.cls))) {
    out.push(finding('verdict-on-teaching', r.teachingVerdict.text, r, kind));
  }
  if (r.scale && (s?.cls !== 'pupil' || teacherSideAnywhere)) {
    out.push(finding('grading-scale', r.scale.text, r, kind));
  }
  return out;
}

/** Rule 6 on a look-for, a lens name, a focus or a purpose. */
export function checkEvaluation(text: string, kind: RewriteFor = 'lookFor'): Finding[] {
  return distinct(readAll(text).flatMap((r) => checkReading(r, kind)));
}
