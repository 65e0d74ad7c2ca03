import { givenNames } from './given-names.ts';
import {
  ABBREVIATIONS,
  ALLOWED_PHRASES,
  CLAUSE_OPENERS,
  COPULAS,
  HINT_ABOUT_LEARNING,
  HINT_DESCRIBE_PUPILS,
  HINT_LEAVE_NAMES_OUT,
  HINT_NOTICED,
  INTENSIFIERS,
  JUDGEMENT_RULES,
  type JudgementRule,
  MONTHS,
  NAMES_THAT_ARE_WORDS,
  NAMING_WORDS,
  NOT_NAMES,
  PERSON_OBJECT_VERBS,
  PRONOUN_PREDICATES,
  PRONOUN_SUBJECTS,
  PUPIL_NOUNS,
  REPORTING_VERBS,
  SUBJECT_ADVERBS,
  TEACHER_DESCRIPTORS,
  TEACHER_PREDICATES,
  TEACHER_SUBJECTS,
  TITLES,
  YOU_PREDICATES,
  YOU_SUBJECTS,
} from './lexicon.ts';
import {
  CONTENT_NAMES,
  DETERMINERS,
  NOT_A_PUPIL_BEFORE,
  PLACE_LIKE_NAMES,
  PLACE_NOUNS,
  PLACE_PREPOSITIONS,
  REGNAL_NUMERALS,
  VERBS_AFTER_A_NAME,
  WORK_NOUNS,
} from './name-context.ts';
import { addPhrase, createTrie, longestMatch, type PhraseTrie, phraseKeys } from './phrases.ts';
import { type Token, tokenise } from './tokens.ts';

/**
 * The neutral-language checker (protocol rule 9). Observers' notes are checked as they type for
 * judgemental or evaluative wording, for statements about the teacher rather than about
 * learning, and for names of people. It only ever returns findings, with the exact characters
 * to highlight and a neutral way to say it: it never blocks saving, and the observer decides.
 *
 * Build one checker per walk with `createChecker` (the word lists and the school's names are
 * compiled once), then call `check` on every keystroke. A check is one pass to split the text
 * into words and a few dictionary look-ups per word, so its cost grows with the length of the
 * note, not with the size of the word lists.
 */

export type FindingKind = 'judgement' | 'about_teacher' | 'name';

export type LanguageFinding = {
  kind: FindingKind;
  /** Which rule matched, for tests and for telemetry-free tuning. */
  rule: string;
  /** Offset of the first flagged character (UTF-16 code units, as `String#slice` counts). */
  start: number;
  /** Offset just after the last flagged character: `text.slice(start, end)` is `text`. */
  end: number;
  /** The flagged words exactly as typed. */
  text: string;
  /** Why this is flagged, in plain British English. */
  explanation: string;
  /** A neutral way to say it. */
  hint: string;
  /** For a name: a member of staff, a pupil (or anyone else not on the staff list), or unsure. */
  who?: NameWho;
};

/**
 * Whose name a name finding is. `pupil` covers every name that is not a member of staff's: a
 * given name on the list, a name the school supplied for a pupil, a name after "a boy called".
 * `unsure` is a capitalised word that only looks like a name from where it stands.
 */
export type NameWho = 'staff' | 'pupil' | 'unsure';

export type CheckerOptions = {
  /** Staff names as the school holds them: "Mr Patel", "Amir Patel", "Ms Khan". */
  staffNames?: readonly string[];
  /** Pupils' names, if the school supplies them: "Aisha", "Tom Green". */
  pupilNames?: readonly string[];
  /** Capitalised words that are not people here: house names, local places, schemes of work. */
  notNames?: readonly string[];
};

export type NeutralLanguageChecker = {
  /** Every finding in `text`, ordered by where it starts (a wider finding first). */
  check(text: string): LanguageFinding[];
};

type Who = 'staff' | 'pupil';
type KnownName = { who: Who; parts: number };
type SubjectKind = 'teacher' | 'pronoun' | 'you';
type NameSpan = {
  from: number;
  to: number;
  start: number;
  end: number;
  rule: string;
  staff: boolean;
};

const WHO_OF_RULE: Record<string, NameWho> = {
  'known-staff-name': 'staff',
  'title-and-name': 'staff',
  'known-pupil-name': 'pupil',
  'named-pupil': 'pupil',
  'given-name': 'pupil',
  'name-before-speech': 'unsure',
  'name-after-verb': 'unsure',
};

const ALLOWED = 'allowed' as const;
const LETTERS_ONLY = /^\p{L}[\p{L}\p{M}'\u2019-]*$/u;

const nameExplanations: Record<string, (m: string) => string> = {
  'known-staff-name': (m) =>
    `“${m}” is the name of a member of staff. Notes are about learning in the room, never about a named person.`,
  'known-pupil-name': (m) =>
    `“${m}” is a pupil’s name. Other people read these records, so describe pupils without naming them.`,
  'title-and-name': (m) =>
    `“${m}” names a person. Notes are about learning in the room, never about a named person.`,
  'named-pupil': (m) =>
    `“${m}” looks like a pupil’s name. Other people read these records, so describe pupils without naming them.`,
  'given-name': (m) =>
    `“${m}” is a first name, so it names a person. Other people read these records, so describe pupils without naming them.`,
  'name-before-speech': (m) =>
    `“${m}” looks like someone’s name. If it is, leave it out; if it is not, you can ignore this.`,
  'name-after-verb': (m) =>
    `“${m}” looks like someone’s name. If it is, leave it out; if it is not, you can ignore this.`,
};

const aboutTeacher: Record<
  SubjectKind,
  { rule: string; explain: (m: string) => string; hint: string }
> = {
  teacher: {
    rule: 'about-the-teacher',
    explain: (m) =>
      `“${m}” is about the teacher rather than about learning. Notes describe what pupils were doing, so they never become a verdict on a colleague.`,
    hint: HINT_ABOUT_LEARNING,
  },
  pronoun: {
    rule: 'verdict-on-a-person',
    explain: (m) =>
      `“${m}” reads as a verdict on what someone did or should do. Describe what happened and what pupils were doing.`,
    hint: HINT_DESCRIBE_PUPILS,
  },
  you: {
    rule: 'advice-to-the-teacher',
    explain: (m) =>
      `“${m}” speaks to the teacher and gives advice. A note records what you saw; suggestions belong in the debrief, if the teacher wants them.`,
    hint: HINT_NOTICED,
  },
};

function stemOf(key: string): string {
  return key.endsWith("'s") ? key.slice(0, -2) : key;
}

/** The end offset of a name word, leaving out a possessive "'s". */
function nameEnd(token: Token): number {
  return token.key.endsWith("'s") ? token.end - 2 : token.end;
}

export function createChecker(options: CheckerOptions = {}): NeutralLanguageChecker {
  const notNames = new Set<string>(NOT_NAMES);
  for (const word of options.notNames ?? []) for (const key of phraseKeys(word)) notNames.add(key);

  // People and works taught as content ("Oliver Twist"), and the school's own words, never pupils.
  const content: PhraseTrie<true> = createTrie();
  for (const phrase of CONTENT_NAMES) addPhrase(content, phraseKeys(phrase), true);
  for (const word of options.notNames ?? []) {
    const keys = phraseKeys(word);
    if (keys.length > 1) addPhrase(content, keys, true);
  }

  // Judgement phrases, with the allowed phrases that override them.
  const judgements: PhraseTrie<JudgementRule | typeof ALLOWED> = createTrie();
  for (const rule of JUDGEMENT_RULES) {
    for (const phrase of rule.phrases) addPhrase(judgements, phraseKeys(phrase), rule);
  }
  for (const phrase of ALLOWED_PHRASES) addPhrase(judgements, phraseKeys(phrase), ALLOWED);

  // Who a sentence can be about, and what makes it a verdict.
  const subjects: PhraseTrie<SubjectKind> = createTrie();
  for (const s of TEACHER_SUBJECTS) addPhrase(subjects, phraseKeys(s), 'teacher');
  for (const s of PRONOUN_SUBJECTS) addPhrase(subjects, phraseKeys(s), 'pronoun');
  for (const s of YOU_SUBJECTS) addPhrase(subjects, phraseKeys(s), 'you');
  const predicates: Record<SubjectKind, PhraseTrie<true>> = {
    teacher: createTrie(),
    pronoun: createTrie(),
    you: createTrie(),
  };
  for (const p of TEACHER_PREDICATES) addPhrase(predicates.teacher, phraseKeys(p), true);
  for (const p of PRONOUN_PREDICATES) addPhrase(predicates.pronoun, phraseKeys(p), true);
  for (const p of YOU_PREDICATES) addPhrase(predicates.you, phraseKeys(p), true);

  // The school's names: each full name, each part of it, and title + surname for staff.
  // A single word that is also a school word ("English", "Reception") is only matched as part
  // of the full name, so a teacher called Mrs English does not flag every English lesson.
  const known: PhraseTrie<KnownName> = createTrie();
  const addName = (keys: string[], who: Who) => {
    if (keys.length === 0) return;
    if (keys.length === 1) {
      const key = keys[0]!;
      if (key.length < 2 || TITLES.has(key) || notNames.has(key)) return;
    }
    addPhrase(known, keys, { who, parts: keys.length });
  };
  // Staff last, so that a name on both lists counts as staff.
  for (const [list, who] of [
    [options.pupilNames ?? [], 'pupil'],
    [options.staffNames ?? [], 'staff'],
  ] as const) {
    for (const name of list) {
      const keys = phraseKeys(name);
      addName(keys, who);
      const parts = keys.filter((k) => !TITLES.has(k));
      for (const part of parts) addName([part], who);
      if (parts.length > 1) addName(parts, who);
      const surname = parts[parts.length - 1];
      if (who === 'staff' && surname) for (const title of TITLES) addName([title, surname], who);
    }
  }

  /** A capitalised word that could be a name, going by its shape and the school words list. */
  const looksLikeName = (t: Token | undefined): t is Token => {
    if (!t?.capitalised || t.allCaps || t.raw.length < 2) return false;
    const stem = stemOf(t.key);
    return !notNames.has(stem) && !MONTHS.has(stem) && LETTERS_ONLY.test(t.raw);
  };

  /** A given name on the list: "Jack", "Jack's", "Lily-Mae" (each part of a double name). */
  const isGivenName = (t: Token | undefined): t is Token => {
    if (!t || t.raw.length < 2) return false;
    const stem = stemOf(t.key);
    if (notNames.has(stem)) return false;
    if (givenNames().has(stem)) return true;
    const parts = stem.split('-');
    return parts.length > 1 && parts.every((p) => givenNames().has(p));
  };

  /**
   * A capitalised given name standing for a person, judged by its neighbours: not a title or a
   * place ("Queen Victoria", "Victoria Road", "in Florence"), not an author ("a poem by Simon"),
   * not after a determiner ("the Rose garden"), and, for a name that is also an ordinary word at
   * the start of a sentence ("Will pupils…", "Grace period"), only with a verb after it.
   */
  const givenNameAt = (tokens: readonly Token[], i: number): boolean => {
    const t = tokens[i]!;
    if (!t.capitalised || t.allCaps || !isGivenName(t) || MONTHS.has(stemOf(t.key))) return false;
    const stem = stemOf(t.key);
    const before = t.gapBefore === 'none' ? tokens[i - 1] : undefined;
    const after = tokens[i + 1]?.gapBefore === 'none' ? tokens[i + 1] : undefined;
    if (before) {
      if (NOT_A_PUPIL_BEFORE.has(before.key) || DETERMINERS.has(before.key)) return false;
      if (PLACE_PREPOSITIONS.has(before.key) && PLACE_LIKE_NAMES.has(stem)) return false;
      const work = tokens[i - 2];
      if (before.key === 'by' && work && WORK_NOUNS.has(stemOf(work.key))) return false;
    }
    if (after && !t.key.endsWith("'s")) {
      if (PLACE_NOUNS.has(after.key)) return false;
      if (after.allCaps && REGNAL_NUMERALS.has(after.key)) return false;
      // An epithet: "Alfred the Great", "Catherine the Great".
      const epithet = tokens[i + 2];
      if (after.key === 'the' && epithet?.gapBefore === 'none' && epithet.capitalised) return false;
    }
    const sentenceStart = t.gapBefore === 'hard';
    if (sentenceStart && NAMES_THAT_ARE_WORDS.has(stem)) {
      if (t.key.endsWith("'s")) return true;
      if (!after) return false;
      // "Will and Amy were…": a list of names. "Hope and fear…": not.
      const listed =
        after.key === 'and' && tokens[i + 2]?.capitalised && isGivenName(tokens[i + 2]);
      return VERBS_AFTER_A_NAME.has(after.key) || isInitial(after) || listed === true;
    }
    return true;
  };

  /** A single capital letter, as an initial: "Jack P.", "Amira K". */
  const isInitial = (t: Token | undefined) =>
    t !== undefined && t.raw.length === 1 && t.capitalised && t.key !== 'i' && t.key !== 'a';

  /**
   * How far a name starting at `from` runs: a surname after a given name ("Callum Vaughan"), and
   * an initial ("Jack P.", "Amira K").
   */
  const nameRunEnd = (tokens: readonly Token[], from: number): number => {
    let to = from + 1;
    while (!tokens[to - 1]!.key.endsWith("'s") && tokens[to]?.gapBefore === 'none') {
      const next = tokens[to]!;
      if (isInitial(next)) {
        to++;
        break;
      }
      if (
        to - from < 3 &&
        looksLikeName(next) &&
        !PLACE_NOUNS.has(next.key) &&
        !REGNAL_NUMERALS.has(next.key)
      ) {
        to++;
        continue;
      }
      break;
    }
    return to;
  };

  function findNames(tokens: readonly Token[]): NameSpan[] {
    const found: NameSpan[] = [];
    const push = (from: number, to: number, rule: string, staff: boolean) => {
      found.push({
        from,
        to,
        start: tokens[from]!.start,
        end: nameEnd(tokens[to - 1]!),
        rule,
        staff,
      });
    };
    /** After a first name at `at`, any further names in a list: "Amy, Ben and Cara". */
    const listAfter = (at: number, rule: string): number => {
      let next = at + 1;
      for (;;) {
        const t = tokens[next];
        if (t?.key === 'and' && t.gapBefore !== 'hard' && tokens[next + 1]?.gapBefore === 'none') {
          if (!looksLikeName(tokens[next + 1])) return next;
          push(next + 1, next + 2, rule, false);
          next += 2;
        } else if (t && t.gapBefore === 'soft' && looksLikeName(t)) {
          push(next, next + 1, rule, false);
          next += 1;
        } else {
          return next;
        }
      }
    };

    for (let i = 0; i < tokens.length; ) {
      const t = tokens[i]!;

      const match = longestMatch(known, tokens, i, true);
      if (match) {
        const single = match.value.parts === 1;
        const ok =
          !single ||
          (t.capitalised && !(t.gapBefore === 'hard' && NAMES_THAT_ARE_WORDS.has(stemOf(t.key))));
        if (ok) {
          found.push({
            from: i,
            to: match.endToken,
            start: t.start,
            end: match.end,
            rule: match.value.who === 'staff' ? 'known-staff-name' : 'known-pupil-name',
            staff: match.value.who === 'staff',
          });
          i = match.endToken;
          continue;
        }
      }

      // Content taught in the lesson: "Oliver Twist", "Anne Frank", "Romeo and Juliet".
      const taught = longestMatch(content, tokens, i, true);
      if (taught) {
        i = taught.endToken;
        continue;
      }

      // A title and a capitalised word: "Mr Patel", "Miss J", "Dr. Okafor", "Mr John Smith".
      const after = tokens[i + 1];
      if (
        TITLES.has(t.key) &&
        after?.gapBefore === 'none' &&
        after.capitalised &&
        !notNames.has(stemOf(after.key))
      ) {
        let to = i + 2;
        while (
          !tokens[to - 1]!.key.endsWith("'s") &&
          tokens[to]?.gapBefore === 'none' &&
          looksLikeName(tokens[to])
        ) {
          to++;
        }
        push(i, to, 'title-and-name', true);
        i = to;
        continue;
      }

      // A pupil noun, then a name: "a boy, Jack,", "pupils Amy and Ben", "a girl called Aisha".
      if (PUPIL_NOUNS.has(t.key)) {
        let at = i + 1;
        if (NAMING_WORDS.has(tokens[at]?.key ?? '') && tokens[at]!.gapBefore === 'none') at++;
        const named = at > i + 1;
        const candidate = tokens[at];
        if (
          candidate &&
          candidate.gapBefore !== 'hard' &&
          ((named && candidate.capitalised && MONTHS.has(stemOf(candidate.key))) ||
            looksLikeName(candidate) ||
            (named && isGivenName(candidate))) &&
          !longestMatch(known, tokens, at, true) && // a known name is reported as such, next round
          !longestMatch(content, tokens, at, true)
        ) {
          const to = nameRunEnd(tokens, at);
          push(at, to, 'named-pupil', false);
          i = listAfter(to - 1, 'named-pupil');
          continue;
        }
      }

      // A first name on the list, wherever it stands: "… and Jack P. was crying", "Aisha’s book".
      if (givenNameAt(tokens, i)) {
        const to = nameRunEnd(tokens, i);
        push(i, to, 'given-name', false);
        i = listAfter(to - 1, 'given-name');
        continue;
      }

      // A capitalised word opening a clause, then a verb of speech: "…, and Jack said".
      const previous = tokens[i - 1];
      if (
        previous &&
        t.gapBefore !== 'hard' &&
        (t.gapBefore === 'soft' || CLAUSE_OPENERS.has(previous.key)) &&
        looksLikeName(t) &&
        after?.gapBefore === 'none' &&
        REPORTING_VERBS.has(after.key)
      ) {
        push(i, i + 1, 'name-before-speech', false);
        i += 1;
        continue;
      }

      // A person as the object of a verb: "the teacher asked Jack to read".
      if (
        previous &&
        t.gapBefore === 'none' &&
        PERSON_OBJECT_VERBS.has(previous.key) &&
        looksLikeName(t)
      ) {
        push(i, i + 1, 'name-after-verb', false);
        i = listAfter(i, 'name-after-verb');
        continue;
      }

      i++;
    }
    return found;
  }

  /** The end of a verdict predicate starting at `at`, as a token index, or -1. */
  function predicateEnd(tokens: readonly Token[], at: number, kind: SubjectKind): number {
    let i = at;
    for (let skipped = 0; skipped < 2; skipped++) {
      const t = tokens[i];
      if (t?.gapBefore !== 'none' || !SUBJECT_ADVERBS.has(t.key)) break;
      i++;
    }
    if (tokens[i]?.gapBefore !== 'none') return -1;
    const match = longestMatch(predicates[kind], tokens, i);
    if (match) return match.endToken;
    // "The teacher was (a bit) disorganised": a linking verb, softeners, a word about the adult.
    if (kind !== 'teacher' || !COPULAS.has(tokens[i]!.key)) return -1;
    let j = i + 1;
    for (let skipped = 0; skipped < 3; skipped++) {
      const t = tokens[j];
      if (t?.gapBefore !== 'none' || !INTENSIFIERS.has(t.key)) break;
      j++;
    }
    const descriptor = tokens[j];
    return descriptor?.gapBefore === 'none' && TEACHER_DESCRIPTORS.has(descriptor.key) ? j + 1 : -1;
  }

  function check(text: string): LanguageFinding[] {
    const tokens = tokenise(text, ABBREVIATIONS);
    const findings: LanguageFinding[] = [];
    // 1 = inside a name, 2 = inside a statement about the teacher.
    const covered = new Uint8Array(tokens.length);

    const names = findNames(tokens);
    const staffNameAt = new Map<number, NameSpan>();
    for (const n of names) {
      covered.fill(1, n.from, n.to);
      if (n.staff) staffNameAt.set(n.from, n);
      const m = text.slice(n.start, n.end);
      findings.push({
        kind: 'name',
        rule: n.rule,
        start: n.start,
        end: n.end,
        text: m,
        explanation: nameExplanations[n.rule]!(m),
        hint: HINT_LEAVE_NAMES_OUT,
        who: WHO_OF_RULE[n.rule] ?? 'unsure',
      });
    }

    for (let i = 0; i < tokens.length; ) {
      const staff = staffNameAt.get(i);
      let kind: SubjectKind | undefined;
      let subjectEnd = i + 1;
      if (staff) {
        kind = 'teacher';
        subjectEnd = staff.to;
      } else {
        const subject = longestMatch(subjects, tokens, i);
        // "You" and "he"/"she" inside a pupil's quoted words are the pupil talking.
        if (subject && (subject.value === 'teacher' || !tokens[i]!.quoted)) {
          kind = subject.value;
          subjectEnd = subject.endToken;
        }
      }
      let end = kind ? predicateEnd(tokens, subjectEnd, kind) : -1;
      // "The teacher's explanation was unclear", "Mr Patel's subject knowledge was weak".
      if (kind === 'teacher' && end < 0 && tokens[subjectEnd - 1]!.key.endsWith("'s")) {
        for (let owned = 1; owned <= 2 && end < 0; owned++) {
          const noun = tokens[subjectEnd + owned - 1];
          if (noun?.gapBefore !== 'none' || noun.capitalised) break;
          end = predicateEnd(tokens, subjectEnd + owned, kind);
        }
      }
      if (kind && end > 0) {
        const start = tokens[i]!.start;
        const stop = tokens[end - 1]!.end;
        const m = text.slice(start, stop);
        const about = aboutTeacher[kind];
        findings.push({
          kind: 'about_teacher',
          rule: about.rule,
          start,
          end: stop,
          text: m,
          explanation: about.explain(m),
          hint: about.hint,
        });
        for (let k = i; k < end; k++) covered[k] = 2;
        i = end;
      } else {
        i = subjectEnd;
      }
    }

    for (let i = 0; i < tokens.length; ) {
      const match = covered[i] === 1 ? undefined : longestMatch(judgements, tokens, i);
      if (!match) {
        i++;
        continue;
      }
      let inside = true;
      for (let k = i; k < match.endToken; k++) if (covered[k] !== 2) inside = false;
      if (match.value !== ALLOWED && !inside) {
        const start = tokens[i]!.start;
        const m = text.slice(start, match.end);
        findings.push({
          kind: 'judgement',
          rule: match.value.id,
          start,
          end: match.end,
          text: m,
          explanation: match.value.explain(m),
          hint: match.value.hint,
        });
      }
      i = match.endToken;
    }

    return findings.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  return { check };
}
