/**
 * Splits a note into words, keeping each word's exact place in the text, so that a finding can
 * highlight precisely the characters the observer typed. One pass, one precompiled pattern.
 */

/** What separates a word from the one before it. */
export type Gap =
  /** only spaces or tabs: the words can form one phrase */
  | 'none'
  /** a comma, semicolon, bracket, dash or similar: same sentence, new clause */
  | 'soft'
  /** a full stop, question or exclamation mark, colon, line break or opening quote: a new sentence */
  | 'hard';

export type Token = {
  /** Offset of the first character in the input (UTF-16 code units, as `String#slice` counts). */
  start: number;
  /** Offset just after the last character. */
  end: number;
  /** The word exactly as typed. */
  raw: string;
  /** Lower case, with curly apostrophes and Unicode hyphens made plain: the form rules match on. */
  key: string;
  gapBefore: Gap;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
  /** Two or more letters, all upper case (an acronym such as PE or GCSE). */
  allCaps: boolean;
  /** Inside double quotes or curly single quotes: someone else's words, reported. */
  quoted: boolean;
};

// Letters, marks and digits, joined by apostrophes (straight or curly) or hyphens inside a word.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2018\u2019\u02BC\-\u2010\u2011][\p{L}\p{M}\p{N}]+)*/gu;
const CURLY_OR_HYPHEN = /[\u2018\u2019\u02BC\u2010\u2011]/g;
const plain = (c: string) => (c === '\u2010' || c === '\u2011' ? '-' : "'");

/** Normalises a word for matching: lower case, straight apostrophes, ASCII hyphens. */
export function keyOf(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('\u2018') ||
    lower.includes('\u2019') ||
    lower.includes('\u02BC') ||
    lower.includes('\u2010') ||
    lower.includes('\u2011')
    ? lower.replace(CURLY_OR_HYPHEN, plain)
    : lower;
}

type GapScan = { gap: Gap; quoted: boolean };

/** Reads the characters between two words: how strong a break they make, and any quote marks. */
function scanGap(
  text: string,
  from: number,
  to: number,
  afterAbbreviation: boolean,
  quotedBefore: boolean,
  out: GapScan,
): void {
  let gap: Gap = 'none';
  let quoted = quotedBefore;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x20: // space
      case 0x09: // tab
      case 0xa0: // no-break space
        break;
      case 0x2e: // .
        // "Mr. Patel", "Dr. Okafor": the full stop ends an abbreviation, not a sentence.
        if (!(afterAbbreviation && i === from)) gap = 'hard';
        break;
      case 0x22: // "
        quoted = !quoted;
        gap = 'hard';
        break;
      case 0x201c: // “
      case 0x2018: // ‘ (an opening quote: what follows starts a new utterance)
        quoted = true;
        gap = 'hard';
        break;
      case 0x201d: // ”
        quoted = false;
        gap = 'hard';
        break;
      case 0x2019: // ’ between words closes a curly quote if one is open
        if (quoted) quoted = false;
        if (gap === 'none') gap = 'soft';
        break;
      case 0x21: // !
      case 0x3f: // ?
      case 0x3a: // :
      case 0x0a: // line feed
      case 0x0d: // carriage return
      case 0x2022: // •
      case 0x2026: // …
        gap = 'hard';
        break;
      default:
        if (gap === 'none') gap = 'soft';
    }
  }
  out.gap = gap;
  out.quoted = quoted;
}

/**
 * The words of `text` in order. `abbreviations` (lower case, e.g. "mr", "dr") are words after
 * which a full stop does not end the sentence.
 */
export function tokenise(text: string, abbreviations: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  const scan: GapScan = { gap: 'hard', quoted: false };
  WORD.lastIndex = 0;
  let previousEnd = 0;
  let previousKey = '';
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const key = keyOf(raw);
    const first = raw[0]!;
    const upperFirst = first !== first.toLowerCase() && first === first.toUpperCase();
    scanGap(text, previousEnd, start, abbreviations.has(previousKey), scan.quoted, scan);
    tokens.push({
      start,
      end: start + raw.length,
      raw,
      key,
      gapBefore: tokens.length === 0 ? 'hard' : scan.gap,
      capitalised: upperFirst,
      allCaps: raw.length >= 2 && upperFirst && raw === raw.toUpperCase(),
      quoted: scan.quoted,
    });
    previousEnd = start + raw.length;
    previousKey = key;
  }
  return tokens;
}
