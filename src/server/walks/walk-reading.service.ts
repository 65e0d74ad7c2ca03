import type { WalkListQuery } from '../../contracts/walks.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { authorisedWalk } from './walk-context.ts';
import { detail } from './walk-detail.ts';
import { countWalks, walkPage } from './walk-list.queries.ts';

// Reading walks: one walk, a school's walks, the walks I observe.

export function walkDetail(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedWalk(tx, auth, walkId, 'view', 'open this walk');
    return detail(tx, deps, auth, walkId);
  });
}

/** A page of the school's walks: one statement for the page, whatever the school's size. */
export function listSchoolWalks(
  deps: AppDeps,
  auth: SignedIn,
  schoolId: string,
  query: WalkListQuery,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', "see this school's walks");
    const { page, pageSize, from, to } = query;
    const filter = { schoolId, from, to };
    let { walks, total } = await walkPage(tx, filter, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    // Past the last page there is no row to carry the count: count on its own then.
    if (walks.length === 0 && page > 1) total = await countWalks(tx, filter);
    return { walks, canEdit: true, total, page, pageSize };
  });
}

/** The published walks this person observes, from today on. */
export function myWalks(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const filter = { observerId: auth.actor.personId, fromNow: deps.now() };
    return { walks: (await walkPage(tx, filter, null)).walks };
  });
}
