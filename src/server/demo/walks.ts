import type { Kysely } from 'kysely';
import { DEFAULT_PROTOCOL_SETTINGS } from '../../domain/protocol/types.ts';
import { readConfig } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import { createFocus } from '../frameworks/frameworks.service.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { addPlannedWalks } from '../programmes/planned-walks.service.ts';
import { createProgramme, transitionProgramme } from '../programmes/programmes.service.ts';
import { proposeVisits } from '../walks/planning.service.ts';
import { addVisits } from '../walks/visits.service.ts';
import { createWalk, publishWalk } from '../walks/walk-editing.service.ts';
import type { DemoTrust } from './demo-trust.ts';

/**
 * The demo trust's Autumn 2026 programme in each school, planned as a leader would have done
 * it in September: agreed with staff, published, and four walks planned by the planner (two
 * already past on 23 November 2026, two to come). Deterministic: fixed clock, fixed seeds.
 */
const walkDates = [
  { date: '2026-10-06', windowStart: '09:00', windowEnd: '10:30' },
  { date: '2026-11-10', windowStart: '10:45', windowEnd: '12:15' },
  { date: '2026-11-26', windowStart: '09:00', windowEnd: '10:30' },
  { date: '2026-12-02', windowStart: '13:15', windowEnd: '14:45' },
];

/**
 * A focus that fits ten minutes (issue 21): look-fors taken in turn from each of the focus's
 * lenses, no more than the school recommends.
 */
function tightFocus<T extends { lens_key: string; look_for_id: string }>(
  lookFors: readonly T[],
  lenses: readonly string[],
) {
  const byLens = lenses.map((lens) => lookFors.filter((f) => f.lens_key === lens));
  const chosen: string[] = [];
  for (let i = 0; chosen.length < DEFAULT_PROTOCOL_SETTINGS.recommendedLookFors; i++) {
    if (byLens.every((l) => i >= l.length)) break;
    for (const l of byLens) {
      const f = l[i];
      if (f && chosen.length < DEFAULT_PROTOCOL_SETTINGS.recommendedLookFors) {
        chosen.push(f.look_for_id);
      }
    }
  }
  return chosen;
}

/** Each focus is a subset of the trust's published "Teaching and learning" framework (by lens). */
const foci = [
  {
    lenses: ['thinking', 'engagement', 'student-voice'],
    focusTitle: 'Questioning that draws every pupil in',
    purpose:
      'To see how questions, wait time and follow-up help all pupils think and talk about their learning, so we can share what works in our next training day.',
  },
  {
    lenses: ['curriculum-alignment', 'clarity-of-purpose', 'student-voice'],
    focusTitle: 'Reading across the curriculum',
    purpose:
      'To see how pupils read and talk about texts in every subject, so that the reading strategy is built on what happens in classrooms.',
  },
];

export async function seedDemoWalks(
  db: Kysely<DB>,
  trust: DemoTrust,
  written: { trustId: string; schoolIds: Map<string, string>; personIds: Map<string, string> },
) {
  let clock = new Date('2026-09-07T08:00:00Z');
  const config = { ...readConfig({}), mail: { smtpUrl: null, from: 'demo@learningwalks.invalid' } };
  const deps = {
    db,
    config,
    transport: null,
    now: () => clock,
  } as unknown as AppDeps;
  const admin = trust.trustStaff.find((p) => p.roles.includes('trust_admin'))!;
  const auth: SignedIn = {
    actor: {
      trustId: written.trustId,
      personId: written.personIds.get(admin.email)!,
      memberships: [{ role: 'trust_admin', schoolId: null }],
    },
    sessionId: 'demo-seed',
    csrfToken: '',
  };

  const lookFors = await withTenant(db, written.trustId, (tx) =>
    publishedLookFors(tx, 'Teaching and learning'),
  );
  const versionId = lookFors[0]!.version_id;

  for (const school of trust.schools) {
    const schoolId = written.schoolIds.get(school.name)!;
    clock = new Date('2026-09-07T08:00:00Z');
    // The school's foci: what each walk looks for, from the published framework.
    const focusIds: string[] = [];
    for (const focus of foci) {
      const created = await createFocus(deps, auth, schoolId, {
        versionId,
        title: focus.focusTitle,
        purpose: focus.purpose,
        // A focus that fits ten minutes: no more look-fors than the school recommends (issue 21).
        lookForIds: tightFocus(lookFors, focus.lenses),
        schoolLookForIds: [],
      });
      focusIds.push(created.id);
    }
    const programme = await createProgramme(deps, auth, schoolId, {
      title: 'Autumn 2026 learning walks',
      description:
        'Four short walks this term on questioning and reading, agreed with staff. Ten minutes a room, at most two observers, never a judgement of a teacher.',
      termId: null,
      startsOn: '2026-09-02',
      endsOn: '2026-12-18',
    });
    const programmeId = programme.programme.id;
    const head = school.staff[0]!;
    const observer =
      school.staff.find((s) => s !== head && s.roles.includes('observer')) ?? school.staff[1]!;
    const observerIds = [
      written.personIds.get(head.email)!,
      written.personIds.get(observer.email)!,
    ];
    // Staff are consulted on the walks themselves: date, time, focus and observers (rule 1).
    await addPlannedWalks(deps, auth, programmeId, {
      amendmentId: null,
      walks: walkDates.map((when, i) => ({
        ...when,
        weekOf: null,
        kind: 'learning' as const,
        focusTitle: foci[i % foci.length]!.focusTitle,
        observerIds,
      })),
    });
    await transitionProgramme(deps, auth, programmeId, { to: 'consultation' });
    clock = new Date('2026-09-16T16:00:00Z');
    await transitionProgramme(deps, auth, programmeId, {
      to: 'agreed',
      agreedOn: '2026-09-16',
      agreementHow: 'Staff meeting 16 September; union representative consulted',
    });
    clock = new Date('2026-09-21T08:00:00Z');
    await transitionProgramme(deps, auth, programmeId, { to: 'published' });

    for (const [i, when] of walkDates.entries()) {
      const walk = await createWalk(deps, auth, schoolId, {
        programmeId,
        offProgrammeReason: null,
        focusSizeReason: null,
        kind: 'learning',
        ...when,
        focusId: focusIds[i % foci.length]!,
        focusTitle: foci[i % foci.length]!.focusTitle,
        purpose: foci[i % foci.length]!.purpose,
        observerIds,
        departmentIds: [],
        yearGroupIds: [],
      });
      const walkId = walk.walk.id;
      const proposed = await proposeVisits(deps, auth, walkId, { count: 4, seed: 2026 + i });
      if (proposed.proposals.length === 0) continue;
      await addVisits(deps, auth, walkId, {
        replace: true,
        visits: proposed.proposals.map((p) => ({
          lessonId: p.lessonId,
          startsAt: p.visitStartsAt,
          reasons: p.reasons,
        })),
      });
      await publishWalk(deps, auth, walkId);
    }
  }
}

/** The look-fors of the published version of the trust framework with this name, by lens. */
function publishedLookFors(tx: Tx, frameworkName: string) {
  return tx
    .selectFrom('framework_versions as v')
    .innerJoin('frameworks as f', (j) =>
      j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
    )
    .innerJoin('framework_lenses as l', (j) =>
      j.onRef('l.trust_id', '=', 'v.trust_id').onRef('l.version_id', '=', 'v.version_id'),
    )
    .innerJoin('framework_look_fors as lf', (j) =>
      j.onRef('lf.trust_id', '=', 'l.trust_id').onRef('lf.lens_id', '=', 'l.lens_id'),
    )
    .select(['v.version_id', 'l.key as lens_key', 'lf.look_for_id'])
    .where('f.name', '=', frameworkName)
    .where('v.status', '=', 'published')
    .orderBy('lf.position')
    .execute();
}
