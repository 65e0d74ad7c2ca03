import type {
  MyReflection,
  MyReflections,
  Reflection,
  ReflectionInput,
} from '../../contracts/peer-walks.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import {
  coachProblem,
  type IdeasTakenAway,
  ideasTakenAway,
  reflectionNotYet,
  reflectionReader,
  sharedIdeaProblem,
} from '../../domain/observers/peer-walks.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { listStaffNames } from '../kernel/school-people.ts';
import { loadSettingsRow } from '../kernel/school-rules.ts';
import { decide } from '../policy/policy.ts';
import * as q from './reflections.queries.ts';

/**
 * A walk's observer's private reflection on their own practice (issue 15), with ideas to try.
 * Read by its author, and by the one coach they share it with while they share it; to anyone
 * else it does not exist (404). It never reaches a debrief, a dashboard or an export about
 * someone else; the only thing that leaves it is an idea its author ticked, without a name, in
 * the staff summary (`ideasTakenAwayOf`).
 */

const iso = (d: Date | string) => new Date(d).toISOString();

const audit = (tx: Tx, auth: SignedIn, action: string, reflectionId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType: 'reflection',
    subjectId: reflectionId,
  });

/** The walk, if the person observes it (as capture does: anyone else is refused, 403). */
async function observedWalk(tx: Tx, auth: SignedIn, walkId: string) {
  const walk = await q.findWalk(tx, walkId);
  if (!walk) throw notFound('The walk');
  const facts = await q.observerFacts(tx, walkId, auth.actor.personId);
  if (!facts.observer) {
    throw new AppError('not_an_observer', 'Only the walk’s observers write a reflection on it.');
  }
  return { walk, notYet: reflectionNotYet(facts) };
}

async function present(
  tx: Tx,
  row: q.ReflectionRow,
  readingAs: 'author' | 'coach',
): Promise<Reflection> {
  const ideas = await q.ideasOf(tx, row.reflection_id);
  return {
    id: row.reflection_id,
    walkId: row.walk_id,
    walkDate: row.walk_date,
    schoolName: row.school_name,
    focusTitle: row.focus_title,
    authorName: row.author_name,
    body: row.body,
    ideas: ideas.map((i) => ({
      text: i.text,
      lookForId: i.look_for_id,
      lookForPrompt: i.prompt,
      shareInSummary: i.share_in_summary,
    })),
    coach: row.coach_id ? { id: row.coach_id, fullName: row.coach_name ?? '' } : null,
    sharedAt: row.shared_at ? iso(row.shared_at) : null,
    updatedAt: iso(row.updated_at),
    readingAs,
  };
}

export function myReflection(deps: AppDeps, auth: SignedIn, walkId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx): Promise<MyReflection> => {
    const { walk, notYet } = await observedWalk(tx, auth, walkId);
    const [row, lookFors, colleagues] = await Promise.all([
      q.findMine(tx, walkId, auth.actor.personId),
      q.focusLookFors(tx, walk.focus_id),
      q.colleaguesOf(tx, auth.actor.personId),
    ]);
    return {
      walkId,
      notYet,
      reflection: row ? await present(tx, row, 'author') : null,
      lookFors: lookFors.map((f) => ({ id: f.look_for_id, prompt: f.prompt })),
      coachCandidates: colleagues.map((c) => ({ id: c.person_id, fullName: c.full_name })),
    };
  });
}

/**
 * Saves the observer's reflection and ideas (after they hand in). An idea ticked for the staff
 * summary goes through the neutral-language checker, as all staff will read it.
 */
export function saveReflection(
  deps: AppDeps,
  auth: SignedIn,
  walkId: string,
  input: ReflectionInput,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { walk, notYet } = await observedWalk(tx, auth, walkId);
    if (notYet) throw new AppError('reflection_not_yet', notYet);
    const lookFors = new Set((await q.focusLookFors(tx, walk.focus_id)).map((f) => f.look_for_id));
    input.ideas.forEach((idea, i) => {
      if (idea.lookForId && !lookFors.has(idea.lookForId)) {
        throw new AppError('validation_failed', 'That look-for is not part of this walk’s focus.', [
          { field: `body.ideas.${i}.lookForId`, message: 'is not a look-for of the walk’s focus' },
        ]);
      }
    });
    const shared = input.ideas.filter((i) => i.shareInSummary);
    if (shared.length) {
      const staff = await listStaffNames(tx, walk.school_id);
      const checker = createChecker({ staffNames: staff.map((s) => s.full_name) });
      for (const idea of shared) {
        const problem = sharedIdeaProblem(checker, idea.text);
        if (problem) {
          throw new AppError('idea_wording', problem.message, {
            text: problem.text,
            findings: problem.findings.map((f) => ({
              kind: f.kind,
              text: f.text,
              explanation: f.explanation,
              hint: f.hint,
            })),
          });
        }
      }
    }
    const reflectionId = await q.upsertReflection(tx, {
      trustId: auth.actor.trustId,
      walkId,
      authorId: auth.actor.personId,
      body: input.body,
      now: deps.now(),
    });
    await q.replaceIdeas(tx, auth.actor.trustId, reflectionId, input.ideas);
    await audit(tx, auth, 'reflection.save', reflectionId);
    return present(tx, (await q.findReflection(tx, reflectionId))!, 'author');
  });
}

/** The reflection, if this person is its author or the coach it is shared with; else 404. */
async function readable(tx: Tx, auth: SignedIn, reflectionId: string) {
  const row = await q.findReflection(tx, reflectionId);
  if (!row) throw notFound('The reflection');
  const reader = reflectionReader(auth.actor.personId, {
    authorId: row.author_id,
    coachId: row.coach_id,
  });
  const decision = decide(auth.actor, 'reflection.read', {
    trustId: auth.actor.trustId,
    schoolId: null,
    personId: reader === 'none' ? row.author_id : auth.actor.personId,
  });
  if (reader === 'none' || decision !== 'allow') throw notFound('The reflection');
  return { row, reader };
}

export function readReflection(deps: AppDeps, auth: SignedIn, reflectionId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { row, reader } = await readable(tx, auth, reflectionId);
    if (reader === 'coach') await audit(tx, auth, 'reflection.read_as_coach', reflectionId);
    return present(tx, row, reader);
  });
}

/** The author chooses one coach to share it with (another person of their schools), or stops. */
export function shareReflection(
  deps: AppDeps,
  auth: SignedIn,
  reflectionId: string,
  coachId: string | null,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const { row, reader } = await readable(tx, auth, reflectionId);
    if (reader !== 'author') throw notFound('The reflection');
    if (coachId) {
      const colleagues = await q.colleaguesOf(tx, auth.actor.personId);
      const problem = coachProblem(
        auth.actor.personId,
        coachId,
        colleagues.some((c) => c.person_id === coachId),
      );
      if (problem) throw new AppError('coach_refused', problem, { coachId });
    }
    await q.setCoach(tx, reflectionId, coachId, deps.now());
    await audit(tx, auth, coachId ? 'reflection.share' : 'reflection.unshare', reflectionId);
    return present(tx, (await q.findReflection(tx, row.reflection_id))!, 'author');
  });
}

export function myReflections(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx): Promise<MyReflections> => {
    const [mine, shared] = await Promise.all([
      q.listMine(tx, auth.actor.personId),
      q.listSharedWith(tx, auth.actor.personId),
    ]);
    const item = (r: q.ReflectionRow) => ({
      id: r.reflection_id,
      walkId: r.walk_id,
      walkDate: r.walk_date,
      focusTitle: r.focus_title,
      authorName: r.author_name,
      sharedAt: r.shared_at ? iso(r.shared_at) : null,
    });
    return { mine: mine.map(item), sharedWithMe: shared.map(item) };
  });
}

/**
 * The staff summary's "ideas colleagues took away" for these walks of a school, inside the
 * caller's transaction: the ideas their observers ticked, without names, shown only when at
 * least the school's minimum group size of observers shared (the domain's `ideasTakenAway`).
 */
export async function ideasTakenAwayOf(
  tx: Tx,
  schoolId: string,
  walkIds: readonly string[],
): Promise<IdeasTakenAway> {
  const [rows, settings] = await Promise.all([
    q.sharedIdeas(tx, walkIds),
    loadSettingsRow(tx, schoolId),
  ]);
  return ideasTakenAway(
    rows.map((r) => ({ authorId: r.author_id, text: r.text, lookForPrompt: r.prompt })),
    settings.minGroupSize,
  );
}
