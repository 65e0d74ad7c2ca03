import { describe, expect, it } from 'vitest';
import type { Me } from '../../contracts/auth.ts';
import { type NavEntry, navFor, navigation } from './navigation.ts';

const m = (role: Me['memberships'][number]['role'], schoolId: string | null, schoolName = '') => ({
  role,
  roleLabel: role,
  schoolId,
  schoolName: schoolId ? schoolName : null,
});
const NORTH = '00000000-0000-4000-8000-000000000001';
const SOUTH = '00000000-0000-4000-8000-000000000002';

describe('navFor', () => {
  it('gives a teacher their own pages and their school’s, never a leader’s', () => {
    const links = navFor([m('teacher', NORTH, 'North')]);
    const labels = links.map((l) => l.label);
    expect(labels.slice(0, 3)).toEqual(['Home', 'My visits', 'My records']);
    expect(labels).toContain('My actions');
    expect(links.find((l) => l.label === 'Reviews')!.to).toBe(`/schools/${NORTH}/reviews`);
    for (const leaderOnly of ['Actions board', 'Debriefs', 'Mail outbox', 'People', 'Insights']) {
      expect(labels).not.toContain(leaderOnly);
    }
  });

  it('names the school when a leader leads two, and lists each once', () => {
    const links = navFor([
      m('school_leader', NORTH, 'North'),
      m('school_leader', SOUTH, 'South'),
      m('observer', NORTH, 'North'),
    ]);
    expect(links.map((l) => l.label)).toContain('Actions board, North');
    expect(links.map((l) => l.label)).toContain('Actions board, South');
    const tos = links.map((l) => l.to);
    expect(new Set(tos).size).toBe(tos.length);
  });

  it('gives a trust leader the trust’s pages and no school’s own page', () => {
    const links = navFor([m('trust_leader', null)]);
    expect(links.map((l) => l.to)).toEqual([
      '/',
      '/capture',
      '/insights',
      '/frameworks',
      '/notices',
      '/trust/site-safety',
      '/training',
      '/agreement',
      '/walks-across-schools',
      '/moderation',
    ]);
  });

  it('adds a page with one line', () => {
    const extra: NavEntry = {
      label: 'Calendar',
      path: '/schools/:schoolId/calendar',
      roles: ['school_leader'],
    };
    const links = navFor([m('school_leader', NORTH, 'North')], [...navigation, extra]);
    expect(links.at(-1)).toEqual({ label: 'Calendar', to: `/schools/${NORTH}/calendar` });
  });

  it('gives someone with no role nothing', () => {
    expect(navFor([])).toEqual([]);
  });
});
