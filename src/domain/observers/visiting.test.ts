import { describe, expect, it } from 'vitest';
import { visitingAccessLive, visitingDecision, visitorMayJoinDebrief } from './visiting.ts';

describe('a visiting observer’s access in the host school', () => {
  const scopes = [{ walkId: 'w1', schoolId: 'host', live: true }];

  it('allows capture on their own walk while it is live', () => {
    expect(
      visitingDecision(scopes, false, 'record.capture', { schoolId: 'host', walkId: 'w1' }),
    ).toBe('allow');
    expect(visitingDecision(scopes, false, 'walk.view', { schoolId: 'host', walkId: 'w1' })).toBe(
      'allow',
    );
  });

  it('is “not found” for anything else of the host school: another walk, rooms, records, dashboards', () => {
    expect(
      visitingDecision(scopes, false, 'record.capture', { schoolId: 'host', walkId: 'w2' }),
    ).toBe('not_found');
    expect(visitingDecision(scopes, false, 'school.view_rooms', { schoolId: 'host' })).toBe(
      'not_found',
    );
    expect(visitingDecision(scopes, false, 'record.read_school', { schoolId: 'host' })).toBe(
      'not_found',
    );
    expect(visitingDecision(scopes, false, 'insights.view_school', { schoolId: 'host' })).toBe(
      'not_found',
    );
  });

  it('ends with the scope: after hand-in the walk itself is not found', () => {
    const ended = [{ walkId: 'w1', schoolId: 'host', live: false }];
    expect(
      visitingDecision(ended, false, 'record.capture', { schoolId: 'host', walkId: 'w1' }),
    ).toBe('not_found');
  });

  it('has no say in schools the person belongs to, or where they do not visit', () => {
    expect(visitingDecision(scopes, true, 'school.view_rooms', { schoolId: 'host' })).toBeNull();
    expect(visitingDecision(scopes, false, 'school.view_rooms', { schoolId: 'other' })).toBeNull();
    expect(visitingDecision(scopes, false, 'trust.view_overview', { schoolId: null })).toBeNull();
  });

  it('is live only once the host agreed, until the visitor’s records are all handed in', () => {
    const f = { hostAgreed: true, walkCancelled: false, records: 0, handedIn: 0 };
    expect(visitingAccessLive(f)).toBe(true);
    expect(visitingAccessLive({ ...f, hostAgreed: false })).toBe(false);
    expect(visitingAccessLive({ ...f, walkCancelled: true })).toBe(false);
    expect(visitingAccessLive({ ...f, records: 3, handedIn: 2 })).toBe(true);
    expect(visitingAccessLive({ ...f, records: 3, handedIn: 3 })).toBe(false);
  });
});

describe('a visiting observer in the debrief of their walk', () => {
  const base = { participant: true, onlyTheirWalks: true, summaryPublished: false };
  it('takes part while invited, for their own walk only, until the debrief is done', () => {
    expect(visitorMayJoinDebrief(base)).toBe(true);
    expect(visitorMayJoinDebrief({ ...base, participant: false })).toBe(false);
    // A debrief that also brings in another walk of the host school is beyond their scope.
    expect(visitorMayJoinDebrief({ ...base, onlyTheirWalks: false })).toBe(false);
    expect(visitorMayJoinDebrief({ ...base, summaryPublished: true })).toBe(false);
  });
});
