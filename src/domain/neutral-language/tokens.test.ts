import { describe, expect, it } from 'vitest';
import { addPhrase, createTrie, longestMatch, phraseKeys } from './phrases.ts';
import { tokenise } from './tokens.ts';

const ABBREVIATIONS = new Set(['mr', 'dr']);

describe('tokenise', () => {
  it('keeps apostrophes and hyphens inside words, with exact offsets and plain keys', () => {
    const tokens = tokenise('Didn’t  ill‐prepared, pupils’', ABBREVIATIONS);
    expect(tokens.map((t) => [t.raw, t.key, t.start, t.end])).toEqual([
      ['Didn’t', "didn't", 0, 6],
      ['ill‐prepared', 'ill-prepared', 8, 20],
      ['pupils', 'pupils', 22, 28],
    ]);
  });

  it('tells spaces, clause breaks and sentence breaks apart', () => {
    const gaps = tokenise('one two, three. Four\nfive: six (seven)', ABBREVIATIONS).map(
      (t) => t.gapBefore,
    );
    expect(gaps).toEqual(['hard', 'none', 'soft', 'hard', 'hard', 'hard', 'soft']);
  });

  it('does not end a sentence at the full stop of a title', () => {
    const [, patel] = tokenise('Mr. Patel', ABBREVIATIONS);
    expect(patel?.gapBefore).toBe('none');
    const [, next] = tokenise('Done. Patel', ABBREVIATIONS);
    expect(next?.gapBefore).toBe('hard');
  });

  it('knows capitals, acronyms and quoted words', () => {
    const tokens = tokenise('Jack PE said “you must” then', ABBREVIATIONS);
    expect(tokens.map((t) => [t.capitalised, t.allCaps, t.quoted])).toEqual([
      [true, false, false],
      [true, true, false],
      [false, false, false],
      [false, false, true],
      [false, false, true],
      [false, false, false],
    ]);
  });
});

describe('phrase trie', () => {
  it('finds the longest phrase, within spaces only, and strips a possessive when asked', () => {
    const trie = createTrie<string>();
    addPhrase(trie, phraseKeys('poorly'), 'word');
    addPhrase(trie, phraseKeys('poorly lit'), 'allowed');
    addPhrase(trie, phraseKeys('Amir Patel'), 'name');
    const tokens = tokenise('poorly lit, poorly. lit amir Patel’s', ABBREVIATIONS);
    expect(longestMatch(trie, tokens, 0)).toMatchObject({ value: 'allowed', endToken: 2 });
    expect(longestMatch(trie, tokens, 2)).toMatchObject({ value: 'word', endToken: 3 });
    expect(longestMatch(trie, tokens, 4)).toBeUndefined();
    expect(longestMatch(trie, tokens, 4, true)).toMatchObject({ value: 'name', end: 34 });
  });
});
