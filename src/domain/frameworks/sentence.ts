import {
  determiners,
  gradeScaleWords,
  judgingVerbs,
  LONGEST_PHRASE,
  type NounClass,
  nounClasses,
  prepositions,
  subordinators,
  teachingParticiples,
  verdictWords,
} from './lexicon.ts';
import { normalisePrompt } from './text.ts';

/**
 * A small reading of one sentence of a prompt, focus or purpose: its words, the noun phrases we
 * can place in a class (pupils, their work, the room, an adult, the lesson, a teaching practice, a
 * verdict), which of them is the subject, whether it is an instruction to judge something, the
 * verdict words and any grading scale in it. The protocol checks ask questions of this reading
 * ("is the subject an adult?", "what does the scale measure?") rather than match whole phrases.
 */

export type Token = {
  /** Lower case, possessive 's or ' taken off. */
  word: string;
  raw: string;
  start: number;
  end: number;
  possessive: boolean;
  /** A comma, colon or semicolon follows it. */
  pause: boolean;
};

export type NounPhrase = {
  cls: NounClass;
  /** Token range of the classed words, and of the whole phrase with its determiners. */
  from: number;
  to: number;
  npFrom: number;
  possessive: boolean;
  inPrepPhrase: boolean;
  inClause: boolean;
  /** The phrase as written, determiners included ("the class teacher's"). */
  text: string;
};

export type Reading = {
  text: string;
  tokens: Token[];
  phrases: NounPhrase[];
  /** The first classed phrase outside a prepositional phrase or inner clause (else the first). */
  subject: NounPhrase | null;
  /** "they" stands where the subject would. */
  theySubject: Token | null;
  /** The judging verb when the sentence is an instruction: "Rate…", "Grade…", "Compare…". */
  imperative: Token | null;
  verdicts: Token[];
  /** A verdict on how teaching was done: "well planned", "poorly paced". */
  teachingVerdict: { text: string } | null;
  scale: { text: string } | null;
};

const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr']);
const AUX = new Set(
  'is are was were be been being am do does did has have had can could will would should may might must shall'.split(
    ' ',
  ),
);
const PASSIVE = new Set(['is', 'are', 'was', 'were', 'been', 'being', 'be']);
const STOP = new Set(['whether', 'how', 'why', 'where', 'who', 'and', 'or', 'but']);
const FRAMES = [
  'is there evidence that',
  'is there evidence of',
  'there is evidence that',
  'there is evidence of',
  'evidence that',
  'to what extent',
  'how far',
  'we want to see how',
  'we want to see whether',
  'we will look at how',
  'to find out how',
  'to find out whether',
  'to find out if',
  'to understand how',
  'to look at how',
  'to look at whether',
  'to see how',
  'to see whether',
  'to see if',
  'to check that',
  'to check whether',
  'to check if',
  'to explore how',
  'to learn how',
  'check that',
  'check whether',
  'check if',
  'look for',
  'looking for',
  'observe whether',
  'observe how',
  'observe that',
  'observe if',
  'note whether',
  'note how',
  'note that',
  'note if',
  'record whether',
  'record how',
  'record if',
  'record',
  'see whether',
  'see how',
  'see if',
  'whether',
  'please',
  // A purpose's infinitive: "To check…", "To see…"; a judging verb after it stays the opener.
  'to',
  'check',
  'see',
  'find out',
  'look at',
  'explore',
  'understand',
  'observe',
  'notice',
  'learn',
  'know',
].map((f) => f.split(' '));

const TOKEN = /[A-Za-z0-9]+(?:'[A-Za-z]+)?'?/g;

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    const possessive = /'s$|s'$/.test(lower);
    const word = lower.replace(/'s$/, '').replace(/'$/, '');
    const start = m.index;
    tokens.push({ word, raw, start, end: start + raw.length, possessive, pause: false });
  }
  tokens.forEach((t, i) => {
    const between = text.slice(t.end, tokens[i + 1]?.start ?? text.length);
    t.pause = /[,;:(]/.test(between);
  });
  return tokens;
}

/** Splits on sentence ends, keeping the position of each part. */
export function sentences(text: string): string[] {
  return normalisePrompt(text)
    .split(/(?<=[.?!])\s+(?=\S)|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const phraseAt = (tokens: Token[], i: number) => {
  // A title with a name ("Mr Patel", "Dr. Okafor", "Miss H"), or "Miss"/"Sir" as a form of address.
  const t = tokens[i]!;
  const title = t.raw.replace(/\.$/, '');
  if (TITLES.has(title)) {
    const next = tokens[i + 1];
    if (next && /^[A-Z]/.test(next.raw)) return { cls: 'staff' as const, n: 2 };
    if (title === 'Miss' && i > 0) return { cls: 'staff' as const, n: 1 };
  }
  for (let n = Math.min(LONGEST_PHRASE, tokens.length - i); n >= 1; n--) {
    const words = tokens.slice(i, i + n);
    // Only the last word of a phrase may be possessive ("member of staff's").
    if (words.slice(0, -1).some((w) => w.possessive)) continue;
    const cls = nounClasses.get(words.map((w) => w.word).join(' '));
    if (cls) return { cls, n };
  }
  return null;
};

function findPhrases(tokens: Token[], text: string, start: number): NounPhrase[] {
  const phrases: NounPhrase[] = [];
  let inClause = false;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const found = phraseAt(tokens, i);
    // "When the teacher asks…" opens a clause; "When do you…" is a question.
    const question = i === 0 && next && AUX.has(next.word);
    if (!found && subordinators.has(t.word) && !question && i >= start) {
      // "that"/"which" before a noun is a determiner ("that lesson"), not a new clause.
      const determinerUse =
        (t.word === 'that' || t.word === 'which') && next && phraseAt(tokens, i + 1);
      if (!determinerUse) inClause = true;
    }
    if (!found) {
      if (t.pause) inClause = false;
      i++;
      continue;
    }
    const last = tokens[i + found.n - 1]!;
    // Walk back over determiners, verdicts and up to two other words to the start of the phrase.
    let j = i - 1;
    let others = 0;
    let inPrepPhrase = false;
    while (j >= start) {
      const w = tokens[j]!;
      if (prepositions.has(w.word)) {
        inPrepPhrase = true;
        break;
      }
      if (AUX.has(w.word) || subordinators.has(w.word) || w.pause) break;
      if (phrases.some((p) => p.to - 1 === j && !p.possessive)) break;
      if (!determiners.has(w.word) && !verdictWords.has(w.word) && ++others > 2) break;
      j--;
    }
    // The phrase starts at the furthest determiner just before it ("the new maths teacher"), or
    // takes in the verdict words right before it ("Overall judgement", "Effective questioning").
    let npFrom = i;
    for (let k = i - 1; k > j && k >= i - 4; k--) {
      const w = tokens[k]!;
      if (AUX.has(w.word) || judgingVerbs.has(w.word) || w.pause || STOP.has(w.word)) break;
      if (determiners.has(w.word) || (verdictWords.has(w.word) && k === npFrom - 1)) npFrom = k;
    }
    const phrase: NounPhrase = {
      cls: found.cls,
      from: i,
      to: i + found.n,
      npFrom,
      possessive: last.possessive,
      inPrepPhrase,
      inClause,
      text: text.slice(tokens[npFrom]!.start, last.end),
    };
    phrases.push(phrase);
    if (last.pause) inClause = false;
    i += found.n;
  }
  return phrases;
}

/** Leading words that frame the sentence ("Evidence that…", "To see how…") are skipped. */
function frameLength(tokens: Token[]): number {
  let at = 0;
  for (let moved = true; moved; ) {
    moved = false;
    for (const frame of FRAMES) {
      if (frame.every((w, k) => tokens[at + k]?.word === w)) {
        at += frame.length;
        moved = true;
        break;
      }
    }
  }
  return at;
}

const GRADE = [...gradeScaleWords]
  .sort((x, y) => y.length - x.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');
const GRADE_LIST = new RegExp(
  String.raw`\b(?:${GRADE})\b(?:\s*(?:[,/|]\s*(?:or\s+)?|\s+or\s+|\s+and\s+)\s*(?:${GRADE})\b)+`,
  'g',
);
const NUMERIC_SCALE =
  /\b(?:(?:1|one) ?(?:-|to|\/) ?(?:3|4|5|6|7|10|three|four|five|ten)\b|out of (?:3|4|5|10|three|four|five|ten)\b|(?:on )?an? (?:\w+ )?scale\b|scale of\b|[1-4] ?= ?[a-z]|grade [1-4]\b|rag[ -]?rat\w*|\brag\b|thumbs? (?:up|down)|\d ?stars?\b|smiley|emojis?|traffic[ -]lights?|marks? out of)/;

/** A grading scale in the text: numbers ("1-4", "out of 10") or a list of grade words. */
function findScale(text: string, lower: string): { text: string } | null {
  const m = lower.match(NUMERIC_SCALE);
  if (m) return { text: text.slice(m.index, m.index! + m[0].length) };
  for (const list of lower.matchAll(GRADE_LIST)) {
    const words = new Set(list[0].split(/[\s,/|]+/).filter((w) => w !== 'or' && w !== 'and'));
    if (words.size >= 2) return { text: text.slice(list.index, list.index + list[0].length) };
  }
  return null;
}

export function read(sentence: string): Reading {
  const text = normalisePrompt(sentence);
  const lower = text.toLowerCase();
  const tokens = tokenise(text);
  const start = frameLength(tokens);
  const phrases = findPhrases(tokens, text, start);
  const opener = tokens[start];
  const imperative = opener && judgingVerbs.has(opener.word) ? opener : null;
  // The judging verb of an instruction is not its subject ("Grade the lesson…").
  const body = phrases.filter((p) => p.from >= start + (imperative ? 1 : 0));
  // A passive with pupils as the agent is about pupils: "…is used by pupils to check their work".
  const agent = body.find(
    (p) =>
      PUPIL_SIDE.has(p.cls) &&
      tokens[p.npFrom - 1]?.word === 'by' &&
      tokens.slice(0, p.npFrom).some((t) => PASSIVE.has(t.word)),
  );
  const subject = agent ?? body.find((p) => !p.inPrepPhrase && !p.inClause) ?? null;
  const firstPhrase = subject?.from ?? tokens.length;
  const they = tokens.find((t, i) => i >= start && i < firstPhrase && t.word === 'they') ?? null;
  const verdicts = tokens.filter(
    (t, i) => verdictWords.has(t.word) && !(t.word === 'overall' && t.pause && i === 0),
  );
  let teachingVerdict: { text: string } | null = null;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (
      !teachingVerdict &&
      next &&
      ['well', 'badly', 'poorly', 'carefully', 'effectively', 'thoroughly', 'clearly'].includes(
        t.word,
      ) &&
      teachingParticiples.has(next.word)
    ) {
      teachingVerdict = { text: text.slice(t.start, next.end) };
    }
  });
  return {
    text,
    tokens,
    phrases,
    subject,
    theySubject: they,
    imperative,
    verdicts,
    teachingVerdict,
    scale: findScale(text, lower),
  };
}

export function readAll(text: string): Reading[] {
  return sentences(text).map(read);
}

/** Who the evidence is about, in the terms the checks use. */
export const PUPIL_SIDE: ReadonlySet<NounClass> = new Set(['pupil', 'work', 'environment']);
export const TEACHER_SIDE: ReadonlySet<NounClass> = new Set([
  'staff',
  'staff_group',
  'lesson',
  'practice',
  'judgement',
]);
