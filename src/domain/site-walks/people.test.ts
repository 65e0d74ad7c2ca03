import { describe, expect, it } from 'vitest';
import { checkSiteWalkPeople, peopleInPlace } from './people.ts';

const places = (specialistFor: Record<string, string[]> = {}) =>
  ['lab', 'corridor', 'playground'].map((id) => ({
    id,
    name: id,
    specialistIds: specialistFor[id] ?? [],
  }));

describe('at most two people in a place', () => {
  it('lets the business manager walk with the site manager', () => {
    expect(checkSiteWalkPeople({ walkers: ['sbm', 'site'], guests: [], places: places() })).toEqual(
      [],
    );
  });

  it('lets the lead take a specialist into the lab only', () => {
    const plan = { walkers: ['sbm'], guests: [], places: places({ lab: ['science'] }) };
    expect(checkSiteWalkPeople(plan)).toEqual([]);
    expect(peopleInPlace(plan, 'lab')).toBe(2);
    expect(peopleInPlace(plan, 'corridor')).toBe(1);
  });

  it('refuses a specialist where two already walk, naming the place', () => {
    const problems = checkSiteWalkPeople({
      walkers: ['sbm', 'site'],
      guests: [],
      places: places({ lab: ['science'] }),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'too_many_in_place', placeId: 'lab', count: 3 });
    expect(problems[0]!.message).toContain('lab would have 3 people');
  });

  it('counts a named guest: the lead and a fire officer may walk, a specialist may not join them', () => {
    const guests = [{ name: 'A. Officer, fire service' }];
    expect(checkSiteWalkPeople({ walkers: ['sbm'], guests, places: places() })).toEqual([]);
    const withSpecialist = checkSiteWalkPeople({
      walkers: ['sbm'],
      guests,
      places: places({ lab: ['science'] }),
    });
    expect(withSpecialist.map((p) => p.placeId)).toEqual(['lab']);
  });

  it('refuses two walkers and a guest everywhere, once for the whole walk', () => {
    const problems = checkSiteWalkPeople({
      walkers: ['sbm', 'site'],
      guests: [{ name: 'Insurer' }],
      places: places(),
    });
    expect(problems).toEqual([expect.objectContaining({ code: 'too_many_in_place', count: 3 })]);
    expect(problems[0]!.placeId).toBeUndefined();
  });

  it('needs a lead, and counts a specialist who already walks only once', () => {
    expect(checkSiteWalkPeople({ walkers: [], guests: [], places: places() })[0]!.code).toBe(
      'no_lead',
    );
    const twice = checkSiteWalkPeople({
      walkers: ['sbm'],
      guests: [],
      places: places({ lab: ['sbm'] }),
    });
    expect(twice.map((p) => p.code)).toEqual(['specialist_is_walker']);
  });

  it('honours a school that allows only one person', () => {
    expect(
      checkSiteWalkPeople({ walkers: ['sbm'], guests: [], places: places({ lab: ['x'] }) }, 1),
    ).toHaveLength(1);
  });
});
