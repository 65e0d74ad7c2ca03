import { teachingVerbs } from './lexicon.ts';
import { suggestRewrite } from './rewrites.ts';
import { type Reading, readAll } from './sentence.ts';
import { distinct, type Finding } from './text.ts';

/**
 * The student-voice check (protocol rule 7): pupils are asked about their own learning, never
 * about a teacher nor for a verdict on the lesson. The check reads the question and asks:
 *  - does it refer to an adult anywhere in it? (the teacher, your maths teacher, the adult at
 *    the front, sir, Miss, Mr X, a member of staff, "they" doing what teachers do); adults as a
 *    group may be named as somewhere pupils get help ("Which adults can you ask…"), but not judged;
 *  - does it ask pupils to rate or judge the lesson or the teaching (thumbs up, out of 10, a
 *    quality word, liking it)? Pupils rating their own work or confidence is fine.
 */

export const studentVoiceReasons = {
  'asks-about-a-teacher':
    "It asks pupils about an adult who teaches them. Student voice is about pupils' own learning (what they are learning, what they do when stuck, how they know they are improving), never about a member of staff.",
  'asks-for-a-rating':
    'It asks pupils to rate or judge the lesson or the teaching. Pupils are asked what they are learning and how, never for a verdict that becomes a score for a teacher.',
} as const;

const LIKING = new Set(['like', 'likes', 'liked', 'enjoy', 'enjoyed', 'enjoys', 'love', 'hate']);
const RATING = new Set(['rate', 'rating', 'score', 'mark', 'grade', 'thumbs', 'stars']);
const TAUGHT = new Set(['taught', 'teach', 'teaches']);
const OWN =
  /\b(?:your own|yourself|your work|your confidence|your understanding|how (?:confident|sure))\b/;

function finding(rule: keyof typeof studentVoiceReasons, phrase: string, r: Reading): Finding {
  return {
    check: 'student_voice',
    rule,
    phrase,
    reason: studentVoiceReasons[rule],
    rewrite: `Try: “${suggestRewrite(r.text, 'pupils')}”.`,
  };
}

function checkReading(r: Reading): Finding[] {
  const out: Finding[] = [];
  const lower = r.text.toLowerCase();
  for (const p of r.phrases) {
    if (p.cls === 'staff' || p.cls === 'staff_group')
      out.push(finding('asks-about-a-teacher', p.text, r));
    if (p.cls === 'support_group' && r.verdicts.length > 0)
      out.push(finding('asks-about-a-teacher', p.text, r));
  }
  const they = r.tokens.find((t) => t.word === 'they');
  if (they && (r.verdicts.length > 0 || r.tokens.some((t) => teachingVerbs.has(t.word)))) {
    out.push(finding('asks-about-a-teacher', they.raw, r));
  }
  const target = r.phrases.find((p) => ['lesson', 'practice', 'judgement'].includes(p.cls));
  const word = r.tokens.find(
    (t) => RATING.has(t.word) || LIKING.has(t.word) || r.verdicts.includes(t),
  );
  const judging = r.scale
    ? {
        start: r.text.indexOf(r.scale.text),
        end: r.text.indexOf(r.scale.text) + r.scale.text.length,
      }
    : word;
  // "How you're taught", "the way sir teaches": the teaching named by its verb.
  const taught = r.tokens.find((t) => TAUGHT.has(t.word));
  const about = target
    ? { start: r.tokens[target.npFrom]!.start, end: r.tokens[target.to - 1]!.end }
    : taught;
  if (about && judging) {
    const from = Math.min(judging.start, about.start);
    const to = Math.max(judging.end, about.end);
    out.push(finding('asks-for-a-rating', r.text.slice(from, to), r));
  } else if (r.scale && !OWN.test(lower)) {
    out.push(finding('asks-for-a-rating', r.scale.text, r));
  }
  return out;
}

export function checkStudentVoice(text: string): Finding[] {
  return distinct(readAll(text).flatMap(checkReading));
}
