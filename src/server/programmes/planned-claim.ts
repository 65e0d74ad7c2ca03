import { matchPlannedWalk } from '../../domain/protocol/planned.ts';
import type { Tx } from '../db/with-tenant.ts';
import { listAmendments, listPlannedWalks } from './consultation.queries.ts';

type WalkSlotRow = {
  walk_id: string;
  programme_id: string | null;
  planned_walk_id?: string | null;
  walk_date: string;
  window_start: string;
  window_end: string;
  kind: string;
  programme_status?: string | null;
};

/**
 * Links a walk to the agreed planned walk of its programme it carries out (the domain's
 * `matchPlannedWalk`), and says whether it is in the agreed programme: undefined when the walk
 * has no programme or the programme is not yet agreed (rule 1 then reports that instead).
 */
export async function claimPlannedWalk(tx: Tx, walk: WalkSlotRow): Promise<boolean | undefined> {
  if (!walk.programme_id) return undefined;
  const programme = await tx
    .selectFrom('programmes')
    .select('status')
    .where('programme_id', '=', walk.programme_id)
    .executeTakeFirstOrThrow();
  const agreedProgramme = programme.status === 'agreed' || programme.status === 'published';
  if (!agreedProgramme) return undefined;
  const [entries, amendments, current] = await Promise.all([
    listPlannedWalks(tx, walk.programme_id),
    listAmendments(tx, walk.programme_id),
    tx
      .selectFrom('walks')
      .select('planned_walk_id')
      .where('walk_id', '=', walk.walk_id)
      .executeTakeFirstOrThrow(),
  ]);
  const agreedAmendments = new Set(
    amendments.filter((a) => a.status === 'agreed').map((a) => a.amendment_id),
  );
  const facts = entries.map((e) => ({
    id: e.planned_walk_id,
    date: e.walk_date,
    weekOf: e.week_of,
    windowStart: e.window_start,
    windowEnd: e.window_end,
    kind: e.kind,
    agreed: e.amendment_id ? agreedAmendments.has(e.amendment_id) : true,
    taken: !!e.walk_id && e.walk_id !== walk.walk_id,
  }));
  const linked = facts.find((f) => f.id === current.planned_walk_id);
  if (linked?.agreed) return true;
  const match = matchPlannedWalk(
    {
      date: walk.walk_date,
      windowStart: walk.window_start,
      windowEnd: walk.window_end,
      kind: walk.kind,
    },
    facts,
  );
  if (!match) return false;
  await tx
    .updateTable('walks')
    .set({ planned_walk_id: match })
    .where('walk_id', '=', walk.walk_id)
    .execute();
  return true;
}
