import type { WalkPlanningDto } from '../../contracts/walks.ts';
import type { WalkPlanning } from '../../domain/walk-planning/planning-questions.ts';
import type { Tx } from '../db/with-tenant.ts';

/**
 * The questions settled before a walk (issue 16): saved with the walk's plan, shown on its page,
 * and read by the notices (how feedback is given, who else receives the data) and the feedback
 * conversations (whether feedback is in person). Any feature may read them through here.
 */
export async function savePlanning(
  tx: Tx,
  walk: { trustId: string; walkId: string },
  p: WalkPlanningDto,
  now: Date,
) {
  const row = {
    who_takes_part: p.whoTakesPart,
    rooms_chosen: p.roomsChosen,
    teachers_told: p.teachersTold,
    focus_why: p.focusWhy,
    feedback_how: p.feedbackHow,
    feedback_in_person: p.feedbackInPerson,
    data_shared_with: p.dataSharedWith,
    updated_at: now,
  };
  await tx
    .insertInto('walk_planning')
    .values({ trust_id: walk.trustId, walk_id: walk.walkId, ...row })
    .onConflict((oc) => oc.columns(['trust_id', 'walk_id']).doUpdateSet(row))
    .execute();
}

export async function loadPlanning(tx: Tx, walkId: string): Promise<WalkPlanning | null> {
  const r = await tx
    .selectFrom('walk_planning')
    .selectAll()
    .where('walk_id', '=', walkId)
    .executeTakeFirst();
  return r
    ? {
        whoTakesPart: r.who_takes_part,
        roomsChosen: r.rooms_chosen,
        teachersTold: r.teachers_told,
        focusWhy: r.focus_why,
        feedbackHow: r.feedback_how,
        feedbackInPerson: r.feedback_in_person,
        dataSharedWith: r.data_shared_with,
      }
    : null;
}
