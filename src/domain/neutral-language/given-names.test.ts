import { describe, expect, it } from 'vitest';
import { createChecker } from './checker.ts';
import { givenNames } from './given-names.ts';
import { JUDGEMENT_RULES, NAMES_THAT_ARE_WORDS } from './lexicon.ts';

describe('the list of given names', () => {
  it('holds some two thousand names, lower case, one word each (double names hyphenated)', () => {
    expect(givenNames().size).toBeGreaterThan(1800);
    for (const name of givenNames()) expect(name).toMatch(/^\p{Ll}[\p{Ll}\p{M}'-]*$/u);
  });

  it('covers the UK’s communities, not only English names', () => {
    const sample = {
      English: ['oliver', 'amelia', 'jack', 'callum'],
      Welsh: ['rhys', 'cerys', 'dafydd', 'ffion'],
      Scottish: ['eilidh', 'hamish', 'mhairi'],
      Irish: ['siobhan', 'niamh', 'oisín', 'saoirse'],
      'South Asian': ['mohammed', 'priya', 'harpreet', 'tasnim', 'arjun'],
      Polish: ['oliwia', 'jakub', 'zuzanna', 'łukasz'],
      Somali: ['ifrah', 'abdi', 'hodan', 'liban'],
      Nigerian: ['chidera', 'ayo', 'oluwaseun', 'ngozi'],
      Arabic: ['amira', 'yousef', 'layla', 'omar'],
    };
    for (const [community, names] of Object.entries(sample)) {
      expect(
        names.filter((n) => !givenNames().has(n)),
        community,
      ).toEqual([]);
    }
  });

  it('holds no word the checker treats as a judgement', () => {
    const judgements = new Set(JUDGEMENT_RULES.flatMap((r) => r.phrases));
    expect([...givenNames()].filter((n) => judgements.has(n))).toEqual([]);
  });

  it('reads a name that is also a word as a name only where a name stands', () => {
    const checker = createChecker();
    for (const word of ['will', 'grace', 'hope', 'faith', 'mark', 'jack', 'rose', 'bill']) {
      expect(NAMES_THAT_ARE_WORDS.has(word), word).toBe(true);
      const name = word[0]!.toUpperCase() + word.slice(1);
      // Lower case, or a capital at the start of a sentence with no verb after it: a word.
      expect(checker.check(`Pupils ${word} up the results.`), word).toEqual([]);
      expect(checker.check(`${name} the results, then compare them.`), word).toEqual([]);
      // Mid-sentence with a capital, or at the start with a verb: a name.
      expect(
        checker.check(`Pupils asked ${name} to read.`).map((f) => f.text),
        word,
      ).toEqual([name]);
      expect(
        checker.check(`${name} was reading aloud.`).map((f) => f.text),
        word,
      ).toEqual([name]);
    }
  });
});
