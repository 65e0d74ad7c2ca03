import { describe, expect, it } from 'vitest';
import { visit } from './test-fixtures.ts';
import { findThemes, type ThemeText, themeTexts } from './themes.ts';

const names = { staffNames: ['Amir Patel', 'Ms Khan'], pupilNames: ['Aisha', 'Tom Green'] };

function note(visitId: string, teacher: string, text: string): ThemeText {
  return { visitId, teacherKeys: [teacher], source: 'note', text };
}

describe('themes from notes and student voice', () => {
  const texts = [
    note('v1', 'a', 'Pupils used mini whiteboards to show answers. Mr Patel circulated.'),
    note(
      'v2',
      'b',
      'Mini whiteboards held up after each question. Talk partners discussed the method.',
    ),
    note('v3', 'c', 'Most pupils used mini whiteboards; Aisha explained her working to the class.'),
    note('v4', 'd', 'Talk partners were used before answers were shared with the class.'),
    note('v5', 'e', 'Ms Khan asked talk partners to agree an answer.'),
    note('v6', 'f', 'Retrieval quiz at the start, answers checked in pairs.'),
  ];

  it('finds key phrases by the number of visits they appear in, longer phrases first', () => {
    const { themes } = findThemes(texts, { names });
    expect(themes.map((t) => [t.phrase, t.visits])).toEqual([
      ['mini whiteboards', 3],
      ['talk partners', 3],
    ]);
  });

  it('makes themes of phrases of two or three words, never a lone word (issue 21)', () => {
    // "answers" comes up in three visits of three teachers, but alone it says nothing.
    const { themes } = findThemes(texts, { names });
    expect(themes.map((t) => t.phrase)).not.toContain('answers');
    const words = [1, 2, 3].map((n) =>
      note(
        `w${n}`,
        `t${n}`,
        `Worked examples on the board; questioning for understanding, room ${n}.`,
      ),
    );
    const found = findThemes(words, { names }).themes.map((t) => t.phrase);
    expect(found).toEqual(['questioning for understanding', 'worked examples']);
    for (const phrase of found) {
      expect(phrase.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(phrase.split(' ').length).toBeLessThanOrEqual(3);
    }
  });

  it('never makes a theme of a name, or of a phrase from fewer than k teachers’ visits', () => {
    const many = [1, 2, 3, 4].map((n) =>
      note(`p${n}`, `t${n}`, `Mr Patel modelled the retrieval grid.`),
    );
    const { themes } = findThemes(many, { names });
    const phrases = themes.map((t) => t.phrase);
    expect(phrases).toContain('retrieval grid');
    expect(phrases.join(' ')).not.toMatch(/patel|amir/);
    // The same phrase from only two teachers (four visits) is not a theme.
    const two = [1, 2, 3, 4].map((n) =>
      note(`q${n}`, n % 2 ? 'x' : 'y', 'Exit tickets collected.'),
    );
    expect(findThemes(two, { names }).themes).toEqual([]);
  });

  it('gives example quotes that name no one, leaving out sentences with names', () => {
    const { themes, quotesLeftOut } = findThemes(texts, { names, quotesPerTheme: 3 });
    const quotes = themes.flatMap((t) => t.quotes);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q).not.toMatch(/Patel|Khan|Aisha|Amir/);
    // v3's whiteboards sentence names a pupil and v5's names a teacher: both left out.
    expect(quotesLeftOut).toBe(2);
    const whiteboards = themes.find((t) => t.phrase === 'mini whiteboards')!;
    // Only two of its three visits can give an example.
    expect(whiteboards.quotes).toEqual([
      'Pupils used mini whiteboards to show answers.',
      'Mini whiteboards held up after each question.',
    ]);
  });

  it('leaves out quotes that judge, talk about the teacher or hold a class code', () => {
    const t = [1, 2, 3].map((n) =>
      note(`j${n}`, `t${n}`, 'An excellent lesson with mini whiteboards.'),
    );
    t.push(note('j4', 't4', 'The teacher was disorganised with the mini whiteboards.'));
    t.push(note('j5', 't5', 'In 9X2 mini whiteboards were used.'));
    const { themes, quotesLeftOut } = findThemes(t, { names });
    expect(themes[0]!.phrase).toBe('mini whiteboards');
    expect(themes[0]!.quotes).toEqual([]);
    expect(quotesLeftOut).toBe(3); // three distinct sentences
    // A judgemental phrase is never a theme.
    expect(themes.map((x) => x.phrase).join(' ')).not.toMatch(/excellent|disorganised/);
  });

  it('reads student voice from visits, per prompt', () => {
    const visits = [1, 2, 3].map((n) =>
      visit({
        teacherKey: `s${n}`,
        studentVoice: [
          {
            promptId: 'learning',
            text: 'We are learning about fractions and equivalent fractions.',
          },
          { promptId: 'help', text: 'I look at the working wall.' },
        ],
      }),
    );
    const texts = themeTexts(visits, 'student_voice');
    expect(texts).toHaveLength(6);
    const learning = findThemes(
      texts.filter((x) => x.promptId === 'learning'),
      { names },
    );
    expect(learning.themes[0]).toMatchObject({ phrase: 'equivalent fractions', visits: 3 });
    expect(JSON.stringify(learning)).not.toContain('s1');
  });
});
