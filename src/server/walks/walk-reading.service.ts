import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { authorisedWalk } from './walk-context.ts';
import { detail, walkList } from './walk-detail.ts';
import * as q from './walks.queries.ts';

// Reading walks: one walk, a school's walks, the walks I observe.

export function walkDetail(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedWalk(tx, auth, walkId, 'view', 'open this walk');
    return detail(tx, deps, auth, walkId);
  });
}

export function listSchoolWalks(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'walk.manage', "see this school's walks");
    const ids = (await q.listWalkIds(tx, { schoolId })).map((r) => r.walk_id);
    return { walks: await walkList(tx, ids), canEdit: true };
  });
}

/** The published walks this person observes, from today on. */
export function myWalks(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const ids = (
      await q.listWalkIds(tx, { observerId: auth.actor.personId, fromNow: deps.now() })
    ).map((r) => r.walk_id);
    return { walks: await walkList(tx, ids) };
  });
}
