import type { Tx } from '../db/with-tenant.ts';

// Private reflections on a walk and their ideas to try (issue 15).

export function findWalk(tx: Tx, walkId: string) {
  return tx
    .selectFrom('walks as w')
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .select(['w.walk_id', 'w.school_id', 'w.focus_id', 'w.walk_date', 'w.focus_title', 's.name'])
    .where('w.walk_id', '=', walkId)
    .executeTakeFirst();
}

/** Whether the person observes the walk, and whether any of their records of it is handed in. */
export async function observerFacts(tx: Tx, walkId: string, personId: string) {
  const [observer, handedIn] = await Promise.all([
    tx
      .selectFrom('walk_observers')
      .select('person_id')
      .where('walk_id', '=', walkId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    tx
      .selectFrom('records')
      .select('record_id')
      .where('walk_id', '=', walkId)
      .where('observer_id', '=', personId)
      .where('handed_in_at', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { observer: observer !== undefined, handedIn: handedIn !== undefined };
}

/** The framework look-fors of the walk's focus an idea may be tied to. */
export function focusLookFors(tx: Tx, focusId: string | null) {
  if (!focusId) return Promise.resolve([]);
  return tx
    .selectFrom('focus_look_fors as fl')
    .innerJoin('framework_look_fors as f', (j) =>
      j.onRef('f.trust_id', '=', 'fl.trust_id').onRef('f.look_for_id', '=', 'fl.look_for_id'),
    )
    .select(['f.look_for_id', 'f.prompt'])
    .where('fl.focus_id', '=', focusId)
    .orderBy('f.position')
    .execute();
}

/** People sharing a school with the author (their possible coaches), disabled accounts left out. */
export function colleaguesOf(tx: Tx, personId: string) {
  return tx
    .selectFrom('people as p')
    .select(['p.person_id', 'p.full_name'])
    .where('p.disabled_at', 'is', null)
    .where('p.person_id', '<>', personId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as theirs')
          .innerJoin('memberships as mine', (j) =>
            j
              .onRef('mine.trust_id', '=', 'theirs.trust_id')
              .onRef('mine.school_id', '=', 'theirs.school_id'),
          )
          .select('theirs.person_id')
          .whereRef('theirs.person_id', '=', 'p.person_id')
          .where('mine.person_id', '=', personId),
      ),
    )
    .orderBy('p.full_name')
    .execute();
}

const reflectionColumns = [
  'r.reflection_id',
  'r.walk_id',
  'r.author_id',
  'r.body',
  'r.coach_id',
  'r.shared_at',
  'r.updated_at',
  'w.walk_date',
  'w.focus_title',
  's.name as school_name',
  'a.full_name as author_name',
  'c.full_name as coach_name',
] as const;

function reflections(tx: Tx) {
  return tx
    .selectFrom('walk_reflections as r')
    .innerJoin('walks as w', (j) =>
      j.onRef('w.trust_id', '=', 'r.trust_id').onRef('w.walk_id', '=', 'r.walk_id'),
    )
    .innerJoin('schools as s', (j) =>
      j.onRef('s.trust_id', '=', 'w.trust_id').onRef('s.school_id', '=', 'w.school_id'),
    )
    .innerJoin('people as a', (j) =>
      j.onRef('a.trust_id', '=', 'r.trust_id').onRef('a.person_id', '=', 'r.author_id'),
    )
    .leftJoin('people as c', (j) =>
      j.onRef('c.trust_id', '=', 'r.trust_id').onRef('c.person_id', '=', 'r.coach_id'),
    )
    .select(reflectionColumns);
}

export type ReflectionRow = NonNullable<Awaited<ReturnType<typeof findReflection>>>;

export const findReflection = (tx: Tx, reflectionId: string) =>
  reflections(tx).where('r.reflection_id', '=', reflectionId).executeTakeFirst();

export const findMine = (tx: Tx, walkId: string, authorId: string) =>
  reflections(tx)
    .where('r.walk_id', '=', walkId)
    .where('r.author_id', '=', authorId)
    .executeTakeFirst();

export const listMine = (tx: Tx, authorId: string) =>
  reflections(tx).where('r.author_id', '=', authorId).orderBy('w.walk_date', 'desc').execute();

export const listSharedWith = (tx: Tx, coachId: string) =>
  reflections(tx).where('r.coach_id', '=', coachId).orderBy('r.shared_at', 'desc').execute();

export function ideasOf(tx: Tx, reflectionId: string) {
  return tx
    .selectFrom('reflection_ideas as i')
    .leftJoin('framework_look_fors as f', (j) =>
      j.onRef('f.trust_id', '=', 'i.trust_id').onRef('f.look_for_id', '=', 'i.look_for_id'),
    )
    .select(['i.text', 'i.look_for_id', 'i.share_in_summary', 'f.prompt'])
    .where('i.reflection_id', '=', reflectionId)
    .orderBy('i.position')
    .execute();
}

export async function upsertReflection(
  tx: Tx,
  row: { trustId: string; walkId: string; authorId: string; body: string; now: Date },
) {
  const saved = await tx
    .insertInto('walk_reflections')
    .values({
      trust_id: row.trustId,
      walk_id: row.walkId,
      author_id: row.authorId,
      body: row.body,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['trust_id', 'walk_id', 'author_id'])
        .doUpdateSet({ body: row.body, updated_at: row.now }),
    )
    .returning('reflection_id')
    .executeTakeFirstOrThrow();
  return saved.reflection_id;
}

export async function replaceIdeas(
  tx: Tx,
  trustId: string,
  reflectionId: string,
  ideas: readonly { text: string; lookForId: string | null; shareInSummary: boolean }[],
) {
  await tx.deleteFrom('reflection_ideas').where('reflection_id', '=', reflectionId).execute();
  if (ideas.length === 0) return;
  await tx
    .insertInto('reflection_ideas')
    .values(
      ideas.map((i, position) => ({
        trust_id: trustId,
        reflection_id: reflectionId,
        position,
        text: i.text,
        look_for_id: i.lookForId,
        share_in_summary: i.shareInSummary,
      })),
    )
    .execute();
}

export function setCoach(tx: Tx, reflectionId: string, coachId: string | null, now: Date) {
  return tx
    .updateTable('walk_reflections')
    .set({ coach_id: coachId, shared_at: coachId ? now : null })
    .where('reflection_id', '=', reflectionId)
    .execute();
}

/**
 * Ideas the walks' observers ticked to share in the staff summary, with their author (kept
 * on the server, only to count contributors) and the look-for's prompt.
 */
export function sharedIdeas(tx: Tx, walkIds: readonly string[]) {
  if (walkIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('reflection_ideas as i')
    .innerJoin('walk_reflections as r', (j) =>
      j.onRef('r.trust_id', '=', 'i.trust_id').onRef('r.reflection_id', '=', 'i.reflection_id'),
    )
    .innerJoin('walk_observers as o', (j) =>
      j
        .onRef('o.trust_id', '=', 'r.trust_id')
        .onRef('o.walk_id', '=', 'r.walk_id')
        .onRef('o.person_id', '=', 'r.author_id'),
    )
    .leftJoin('framework_look_fors as f', (j) =>
      j.onRef('f.trust_id', '=', 'i.trust_id').onRef('f.look_for_id', '=', 'i.look_for_id'),
    )
    .select(['r.author_id', 'i.text', 'f.prompt'])
    .where('r.walk_id', 'in', [...walkIds])
    .where('i.share_in_summary', '=', true)
    .execute();
}
