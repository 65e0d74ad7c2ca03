/**
 * Who walks a site walk (seed 001): a business or site manager leads; at most two people are in
 * any place at any time, counting a named external guest (a local-authority or fire officer, an
 * insurer) who walks the whole route, and a specialist (the head of science for the labs) who
 * joins only for the places chosen for them. A plan that would put three people in a place is
 * refused.
 */

export const MAX_PEOPLE_PER_PLACE = 2;

export type SiteWalkPeople = {
  /** Staff walking the whole route (the lead first). */
  walkers: readonly string[];
  /** Named external guests, who walk the whole route. */
  guests: readonly { name: string }[];
  places: readonly { id: string; name: string; specialistIds: readonly string[] }[];
};

export type PeopleProblem = {
  code: 'no_lead' | 'too_many_in_place' | 'specialist_is_walker' | 'duplicate_walker';
  message: string;
  placeId?: string;
  count?: number;
  limit?: number;
};

/** Everyone in a place: the walkers, the guests and that place's specialists (each once). */
export function peopleInPlace(plan: SiteWalkPeople, placeId: string): number {
  const place = plan.places.find((p) => p.id === placeId);
  const staff = new Set([...plan.walkers, ...(place?.specialistIds ?? [])]);
  return staff.size + plan.guests.length;
}

export function checkSiteWalkPeople(
  plan: SiteWalkPeople,
  limit = MAX_PEOPLE_PER_PLACE,
): PeopleProblem[] {
  const problems: PeopleProblem[] = [];
  if (plan.walkers.length === 0)
    problems.push({
      code: 'no_lead',
      message: 'Name who leads the walk: the business manager or the site manager.',
    });
  if (new Set(plan.walkers).size !== plan.walkers.length)
    problems.push({
      code: 'duplicate_walker',
      message: 'The same person is named twice as a walker. Name each person once.',
    });
  const whole = plan.walkers.length + plan.guests.length;
  if (whole > limit)
    problems.push({
      code: 'too_many_in_place',
      message: `${whole} people would walk every place (${describeWhole(plan)}); at most ${limit} may be in a place at any time. Walk with one other person.`,
      count: whole,
      limit,
    });
  for (const place of plan.places) {
    for (const s of place.specialistIds)
      if (plan.walkers.includes(s))
        problems.push({
          code: 'specialist_is_walker',
          message: `The specialist for ${place.name} already walks the whole route. Leave them out of the place, or choose someone else.`,
          placeId: place.id,
        });
    const count = peopleInPlace(plan, place.id);
    if (whole <= limit && count > limit)
      problems.push({
        code: 'too_many_in_place',
        message: `${place.name} would have ${count} people in it (${describeWhole(plan)} and ${plural(new Set(place.specialistIds).size, 'specialist')}); at most ${limit} may be in a place at any time. Let the specialist take a walker's place there, or walk that place without a guest.`,
        placeId: place.id,
        count,
        limit,
      });
  }
  return problems;
}

function describeWhole(plan: SiteWalkPeople): string {
  const parts = [plural(plan.walkers.length, 'member of staff', 'members of staff')];
  if (plan.guests.length) parts.push(plural(plan.guests.length, 'guest'));
  return parts.join(' and ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
