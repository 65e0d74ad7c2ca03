import { describe, expect, it } from 'vitest';
import { insightKeys } from '../insights/api.ts';
import { noticeKeys } from '../notices/api.ts';
import { walkKeys } from '../walks/api.ts';
import { queriesFor } from './server-render.tsx';

describe('which pages the server renders, with which answers', () => {
  it("asks for each page's answers where the page's own queries keep them", () => {
    const bell = { key: noticeKeys.notices(), url: '/api/me/notices?limit=100' };
    expect(queriesFor('/capture')).toEqual([
      bell,
      { key: walkKeys.myWalks(), url: '/api/me/walks' },
    ]);
    expect(queriesFor('/insights')).toEqual([
      bell,
      { key: insightKeys.trust(''), url: '/api/insights/trust' },
    ]);
    expect(queriesFor('/schools/s-1/insights')).toEqual([
      bell,
      { key: insightKeys.school('s-1', null, null), url: '/api/schools/s-1/insights' },
    ]);
  });

  it('renders no other page: a walk, sign-in, a school page', () => {
    for (const path of ['/capture/walks/w-1', '/sign-in', '/schools/s-1', '/', '/insights/x']) {
      expect(queriesFor(path), path).toBeNull();
    }
  });
});
