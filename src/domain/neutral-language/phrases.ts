import { type Token, tokenise } from './tokens.ts';

/**
 * A word-level trie: each phrase is a path of word keys, so finding every phrase that starts at
 * a word costs at most the length of the longest phrase, whatever the size of the lexicon.
 */
export type PhraseTrie<T> = { next: Map<string, PhraseTrie<T>>; value?: T };

export type PhraseMatch<T> = {
  value: T;
  /** Index of the token after the match. */
  endToken: number;
  /** Offset just after the matched characters (a trailing possessive "'s" is left out). */
  end: number;
};

const NO_ABBREVIATIONS: ReadonlySet<string> = new Set();

export function createTrie<T>(): PhraseTrie<T> {
  return { next: new Map() };
}

/** The word keys of a phrase, split exactly as notes are split. */
export function phraseKeys(phrase: string): string[] {
  return tokenise(phrase, NO_ABBREVIATIONS).map((t) => t.key);
}

/** Adds a phrase; a later value for the same phrase replaces an earlier one. */
export function addPhrase<T>(trie: PhraseTrie<T>, keys: readonly string[], value: T): void {
  if (keys.length === 0) return;
  let node = trie;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  node.value = value;
}

/**
 * The longest phrase that starts at `tokens[from]`, whose words are separated by spaces only.
 * With `possessive`, a last word typed as "Patel's" matches "patel", and the match ends before
 * the "'s".
 */
export function longestMatch<T>(
  trie: PhraseTrie<T>,
  tokens: readonly Token[],
  from: number,
  possessive = false,
): PhraseMatch<T> | undefined {
  let node: PhraseTrie<T> | undefined = trie;
  let best: PhraseMatch<T> | undefined;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i > from && token.gapBefore !== 'none') break;
    const exact: PhraseTrie<T> | undefined = node.next.get(token.key);
    if (possessive && token.key.endsWith("'s")) {
      const stem = node.next.get(token.key.slice(0, -2));
      if (stem?.value !== undefined && !exact?.value) {
        best = { value: stem.value, endToken: i + 1, end: token.end - 2 };
      }
    }
    node = exact;
    if (!node) break;
    if (node.value !== undefined) best = { value: node.value, endToken: i + 1, end: token.end };
  }
  return best;
}
