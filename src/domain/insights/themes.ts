import {
  type CheckerOptions,
  createChecker,
  type NeutralLanguageChecker,
} from '../neutral-language/checker.ts';
import { DEFAULT_K, teachersOf, type Visit } from './evidence.ts';

/**
 * Themes from observers' notes and student voice: the key phrases that come up across visits,
 * each with a few example quotes that name no one.
 *
 * How phrases are found (simple on purpose, so anyone can check it by hand):
 * - Each text is split into clauses at punctuation and line breaks; words are lower-cased.
 *   People's names, found by the neutral-language checker with the school's staff and pupil
 *   names, are treated as breaks, so a name is never part of a phrase.
 * - Candidate phrases are runs of two or three words (a theme is a phrase such as "mini
 *   whiteboards" or "use of questioning", never a lone word like "answers", which says nothing
 *   on its own; issue 21) that neither start nor end with a common
 *   word ("the", "and", "pupils", "lesson"…; see STOP_WORDS), whose middle word, if common, is a
 *   small linking word ("use of questioning"), and that contain no number. Judgemental wording and
 *   statements about the teacher (the checker's other findings) are breaks too.
 * - A phrase's weight is the number of different visits it appears in (document frequency), so one
 *   long note cannot make a theme. A theme must appear in at least two visits, and in the visits of
 *   at least k different teachers, so that no theme is one teacher's lesson.
 * - When a longer phrase appears in exactly as many visits as a shorter one inside it
 *   ("mini whiteboards" and "whiteboards"), the longer one is kept; overlapping phrases are not
 *   listed twice. Ties go to the longer phrase, then alphabetical order.
 *
 * Quotes: the sentence the phrase appears in, at most one per visit. A quote is LEFT OUT (not
 * redacted) when the neutral-language checker finds anything in it: a name, a statement about
 * the teacher, or judgemental wording; or when it holds something like a class code ("9X2").
 * Leaving out is safer than redacting: a redacted sentence still says who did what to whom
 * ("[name] asked…"), and the checker may find only part of a name. Another visit's sentence
 * can stand as the example instead.
 */

export type ThemeSource = 'note' | 'student_voice';

export type ThemeText = {
  visitId: string;
  /** Opaque keys of the teachers visited: counted, never output. */
  teacherKeys: readonly string[];
  source: ThemeSource;
  /** The student-voice prompt answered, for student voice. */
  promptId?: string;
  text: string;
};

export type Theme = {
  phrase: string;
  /** Visits it appears in. */
  visits: number;
  quotes: string[];
};

export type ThemesOptions = {
  /** The school's staff and pupil names, and capitalised words that are not names. */
  names?: CheckerOptions;
  /** A checker built once for the walk (wins over `names`). */
  checker?: NeutralLanguageChecker;
  maxThemes?: number;
  quotesPerTheme?: number;
  /** Fewest visits a theme appears in (default 2). */
  minVisits?: number;
  k?: number;
};

export type ThemesResult = {
  themes: Theme[];
  /** Distinct sentences not used as quotes because they named someone or were not neutral. */
  quotesLeftOut: number;
};

/** Common words of British English and of notes about lessons, never a theme on their own. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although always am among an and another
  any anyone anything are aren't around as at away back be because been before being below
  between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
  down during each either else enough even ever every few for from further get gets getting got
  had hadn't has hasn't have haven't having he he'd he'll he's her here hers herself him himself
  his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let
  like lot lots made make makes many may me might more most much must my myself near need needed
  needs never no nor not now of off often on once one only or other others our ours ourselves out
  over own per perhaps quite rather really same see seen saw seemed seems several shall she she'd
  she'll she's should shouldn't since so some something sometimes still such than that that's the
  their theirs them themselves then there there's these they they'd they'll they're they've thing
  things this those though through throughout to too towards under until up upon us use used
  using very was wasn't we we'd we'll we're we've well were weren't what what's when where whether
  which while who whom whose why will with within without won't would wouldn't yes yet you you'd
  you'll you're you've your yours yourself
  pupil pupils student students child children class classes lesson lessons teacher teachers
  adult adults room classroom observed observer noticed time today able asked said told
  mr mrs ms mx miss sir dr`.split(/\s+/),
);

/** Common words allowed inside a three-word phrase. */
const LINKING_WORDS: ReadonlySet<string> = new Set([
  'of',
  'for',
  'to',
  'in',
  'on',
  'with',
  'the',
  'a',
  'an',
]);

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
const CLAUSE_BREAK = /[.,;:!?()[\]{}"“”‘\n\r\u2013\u2014]+/u;
const SENTENCE = /[^.!?\n]+[.!?]*/g;
const CLASS_CODE = /\b\d{1,2}[A-Za-z]{1,3}\d{0,2}\b/;

type Word = { key: string; start: number; end: number };

/** A theme is a phrase of two or three words. */
const MIN_PHRASE_WORDS = 2;
const MAX_PHRASE_WORDS = 3;

/** Texts to look for themes in, from visits: every note, or every student-voice answer. */
export function themeTexts(visits: readonly Visit[], source: ThemeSource): ThemeText[] {
  const out: ThemeText[] = [];
  for (const v of visits) {
    const teacherKeys = teachersOf(v);
    if (source === 'note') {
      for (const text of v.notes) out.push({ visitId: v.visitId, teacherKeys, source, text });
    } else {
      for (const sv of v.studentVoice) {
        out.push({ visitId: v.visitId, teacherKeys, source, promptId: sv.promptId, text: sv.text });
      }
    }
  }
  return out;
}

export function findThemes(texts: readonly ThemeText[], options: ThemesOptions = {}): ThemesResult {
  const k = options.k ?? DEFAULT_K;
  const maxThemes = options.maxThemes ?? 8;
  const quotesPerTheme = options.quotesPerTheme ?? 2;
  const minVisits = options.minVisits ?? 2;
  const checker = options.checker ?? createChecker(options.names ?? {});

  type Stat = { visits: Set<string>; teachers: Set<string>; words: number };
  const stats = new Map<string, Stat>();
  const clausesOf: { text: ThemeText; clauses: string[][] }[] = [];

  for (const text of texts) {
    // Names, statements about the teacher and judgemental words are never part of a phrase.
    const nameSpans = checker.check(text.text).map((f) => [f.start, f.end] as const);
    const clauses: string[][] = [];
    let offset = 0;
    for (const part of text.text.split(CLAUSE_BREAK)) {
      const at = text.text.indexOf(part, offset);
      offset = at + part.length;
      let clause: string[] = [];
      for (const m of part.matchAll(WORD)) {
        const w: Word = {
          key: normalise(m[0]),
          start: at + m.index!,
          end: at + m.index! + m[0].length,
        };
        if (nameSpans.some(([s, e]) => w.start < e && s < w.end)) {
          if (clause.length) clauses.push(clause);
          clause = [];
        } else {
          clause.push(w.key);
        }
      }
      if (clause.length) clauses.push(clause);
    }
    clausesOf.push({ text, clauses });
    const phrases = new Set<string>();
    for (const clause of clauses) for (const p of phrasesIn(clause)) phrases.add(p);
    for (const p of phrases) {
      let s = stats.get(p);
      if (!s) {
        s = { visits: new Set(), teachers: new Set(), words: p.split(' ').length };
        stats.set(p, s);
      }
      s.visits.add(text.visitId);
      for (const t of text.teacherKeys) s.teachers.add(t);
    }
  }

  const eligible = [...stats.entries()].filter(
    ([, s]) => s.visits.size >= minVisits && s.teachers.size >= k,
  );
  // Keep the longer phrase when it appears in as many visits as a shorter one inside it.
  const closed = eligible.filter(
    ([p, s]) =>
      !eligible.some(
        ([q, t]) => t.words > s.words && t.visits.size === s.visits.size && contains(q, p),
      ),
  );
  closed.sort(
    ([p, s], [q, t]) => t.visits.size - s.visits.size || t.words - s.words || p.localeCompare(q),
  );
  const chosen: [string, Stat][] = [];
  for (const entry of closed) {
    if (chosen.length >= maxThemes) break;
    if (chosen.some(([q]) => contains(q, entry[0]) || contains(entry[0], q))) continue;
    chosen.push(entry);
  }

  const leftOut = new Set<string>();
  const themes = chosen.map(([phrase, s]): Theme => {
    const quotes: string[] = [];
    const usedVisits = new Set<string>();
    for (const { text } of clausesOf) {
      if (quotes.length >= quotesPerTheme) break;
      if (usedVisits.has(text.visitId)) continue;
      for (const m of text.text.matchAll(SENTENCE)) {
        const sentence = m[0].trim();
        if (!sentence || !contains(wordsOf(sentence).join(' '), phrase)) continue;
        if (!isQuotable(sentence, checker)) {
          leftOut.add(sentence);
          continue;
        }
        quotes.push(sentence);
        usedVisits.add(text.visitId);
        break;
      }
    }
    return { phrase, visits: s.visits.size, quotes };
  });
  return { themes, quotesLeftOut: leftOut.size };
}

/** Whether a sentence may be shown as an example: the checker finds nothing, no class codes. */
export function isQuotable(sentence: string, checker: NeutralLanguageChecker): boolean {
  if (CLASS_CODE.test(sentence)) return false;
  return checker.check(sentence).length === 0;
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}

function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => normalise(m[0]));
}

/** Phrases of two or three words within a clause, not starting or ending with a stop word. */
function phrasesIn(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!;
    if (STOP_WORDS.has(first) || /\d/.test(first) || first.length < 2) continue;
    for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= words.length; n++) {
      const last = words[i + n - 1]!;
      if (/\d/.test(last)) break;
      // Inside a phrase, only small linking words: "use of questioning", not "fractions and equivalent".
      if (n === 3 && STOP_WORDS.has(words[i + 1]!) && !LINKING_WORDS.has(words[i + 1]!)) break;
      if (STOP_WORDS.has(last) || last.length < 2) continue;
      if (n < MIN_PHRASE_WORDS) continue;
      out.push(words.slice(i, i + n).join(' '));
    }
  }
  return out;
}

/** Whether phrase `inner` occurs as whole words in `outer`. */
function contains(outer: string, inner: string): boolean {
  return ` ${outer} `.includes(` ${inner} `);
}
