import { describe, expect, it } from 'vitest';
import { createChecker } from '../neutral-language/checker.ts';
import {
  coachProblem,
  ideasTakenAway,
  peerListProblem,
  peerObserverRefusal,
  reflectionNotYet,
  reflectionReader,
  sharedIdeaProblem,
} from './peer-walks.ts';

const standing = {
  personName: 'Ada Teacher',
  schoolRoles: ['teacher'] as const,
  trustRoles: [] as const,
  listed: false,
  visiting: false,
};
const walk = { schoolName: 'North', siteWalk: false };

describe('who may be named an observer of a learning walk', () => {
  it('refuses a teacher the school has not chosen, naming the rule and the person', () => {
    const refusal = peerObserverRefusal(standing, walk);
    expect(refusal?.rule).toBe('peer_observers');
    expect(refusal?.ruleLabel).toBe('North chooses which teachers may observe');
    expect(refusal?.message).toContain('Ada Teacher is not one of its peer observers');
  });

  it('accepts a listed teacher, leaders, observers, trust leaders and visitors', () => {
    expect(peerObserverRefusal({ ...standing, listed: true }, walk)).toBeNull();
    expect(peerObserverRefusal({ ...standing, schoolRoles: ['school_leader'] }, walk)).toBeNull();
    expect(
      peerObserverRefusal({ ...standing, schoolRoles: ['observer', 'teacher'] }, walk),
    ).toBeNull();
    expect(
      peerObserverRefusal({ ...standing, schoolRoles: [], trustRoles: ['trust_leader'] }, walk),
    ).toBeNull();
    expect(peerObserverRefusal({ ...standing, visiting: true }, walk)).toBeNull();
  });

  it('refuses a site manager on a learning walk but not on a site walk', () => {
    const siteManager = { ...standing, schoolRoles: ['site_manager'] as const };
    expect(peerObserverRefusal(siteManager, walk)).not.toBeNull();
    expect(peerObserverRefusal(siteManager, { ...walk, siteWalk: true })).toBeNull();
  });

  it('lists only the school’s own staff who do not already observe', () => {
    expect(peerListProblem(['teacher'], 'Ada')).toBeNull();
    expect(peerListProblem([], 'Ada')).toContain('not a member of this school’s staff');
    expect(peerListProblem(['school_leader'], 'Ada')).toContain('already observes');
  });
});

describe('the private reflection', () => {
  const r = { authorId: 'a', coachId: 'c' };
  it('is read by its author and the coach they share it with, and by nobody else', () => {
    expect(reflectionReader('a', r)).toBe('author');
    expect(reflectionReader('c', r)).toBe('coach');
    expect(reflectionReader('leader', r)).toBe('none');
    expect(reflectionReader('c', { authorId: 'a', coachId: null })).toBe('none');
  });

  it('is written by an observer after they hand in', () => {
    expect(reflectionNotYet({ observer: false, handedIn: true })).toContain('observers');
    expect(reflectionNotYet({ observer: true, handedIn: false })).toContain('Hand in');
    expect(reflectionNotYet({ observer: true, handedIn: true })).toBeNull();
  });

  it('is shared with someone else from one of the author’s schools', () => {
    expect(coachProblem('a', 'a', true)).toContain('someone else');
    expect(coachProblem('a', 'c', false)).toContain('one of your schools');
    expect(coachProblem('a', 'c', true)).toBeNull();
  });
});

describe('ideas colleagues took away', () => {
  const idea = (authorId: string, text: string) => ({ authorId, text, lookForPrompt: null });

  it('says plainly why they are hidden when fewer than k observers shared', () => {
    const out = ideasTakenAway([idea('a', 'Try mini whiteboards'), idea('a', 'Wait longer')], 3);
    expect(out.status).toBe('suppressed');
    if (out.status !== 'suppressed') return;
    expect(out.contributors).toBe(1);
    expect(out.reason).toContain('One observer shared ideas');
    expect(out.reason).toContain('at least 3 observers');
  });

  it('shows them sorted, without authors and without repeats, from k observers', () => {
    const out = ideasTakenAway(
      [idea('c', 'Wait longer'), idea('a', 'Try mini whiteboards'), idea('b', 'wait longer ')],
      3,
    );
    expect(out).toEqual({
      status: 'shown',
      contributors: 3,
      k: 3,
      ideas: [
        { text: 'Try mini whiteboards', lookForPrompt: null },
        { text: 'Wait longer', lookForPrompt: null },
      ],
    });
    expect(JSON.stringify(out)).not.toContain('"a"');
  });

  it('is empty when nobody shared', () => {
    expect(ideasTakenAway([], 3).status).toBe('none');
  });

  it('refuses a shared idea that names or judges a colleague, explaining why', () => {
    const checker = createChecker({ staffNames: ['Amir Patel', 'Mr Patel'] });
    expect(sharedIdeaProblem(checker, 'Try mini whiteboards so every pupil answers')).toBeNull();
    const named = sharedIdeaProblem(checker, 'Copy Mr Patel’s questioning');
    expect(named?.message).toContain('“Mr Patel” is the name of a member of staff');
    const judged = sharedIdeaProblem(checker, 'Amir Patel was weak at questioning');
    expect(judged?.findings.map((f) => f.kind)).toContain('about_teacher');
  });
});
