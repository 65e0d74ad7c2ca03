import { describe, expect, it } from 'vitest';
import { openActionFor, statusChangeProblem } from './actions.ts';
import { escalationDue } from './escalation.ts';

describe('overdue escalation', () => {
  it('mails the owner, then the business manager, then the head, each once', () => {
    expect(escalationDue('2026-11-20', '2026-11-20', null)).toBeNull();
    expect(escalationDue('2026-11-20', '2026-11-21', null)).toBe('owner');
    expect(escalationDue('2026-11-20', '2026-11-22', 'owner')).toBeNull();
    expect(escalationDue('2026-11-20', '2026-11-28', 'owner')).toBe('business_manager');
    expect(escalationDue('2026-11-20', '2026-12-05', 'business_manager')).toBe('head');
    expect(escalationDue('2026-11-20', '2026-12-30', 'head')).toBeNull();
  });

  it('jumps to the step that is due when earlier ones were never sent', () => {
    expect(escalationDue('2026-11-01', '2026-12-01', null)).toBe('head');
  });
});

describe('site actions', () => {
  it('merges a finding into the open action for the same place and item only', () => {
    const actions = [
      { id: 'a', placeId: 'lab', itemKey: 'gas', status: 'closed' as const },
      { id: 'b', placeId: 'lab', itemKey: 'gas', status: 'in_progress' as const },
      { id: 'c', placeId: 'hall', itemKey: 'gas', status: 'open' as const },
    ];
    expect(openActionFor(actions, { placeId: 'lab', itemKey: 'gas' })?.id).toBe('b');
    expect(openActionFor(actions, { placeId: 'lab', itemKey: 'exits' })).toBeUndefined();
  });

  it('closes only with a photo and a note, and is verified only by a walk', () => {
    expect(statusChangeProblem('open', 'closed', { photo: false, note: 'Fixed the tap' })).toMatch(
      /photo/,
    );
    expect(
      statusChangeProblem('open', 'closed', { photo: true, note: 'Fixed the tap' }),
    ).toBeNull();
    expect(statusChangeProblem('closed', 'verified', { photo: true, note: 'x' })).toMatch(
      /next walk/,
    );
    expect(statusChangeProblem('verified', 'open', { photo: false, note: '' })).toMatch(/cannot/);
  });
});
