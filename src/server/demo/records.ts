import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_PROTOCOL_SETTINGS } from '../../domain/protocol/types.ts';
import { canonicalBody, canonicalJson, type RecordBodyInput } from '../../domain/records/body.ts';
import type { DB } from '../db/schema.ts';
import { withTenant } from '../db/with-tenant.ts';
import { rebuildRollups } from '../insights/rollups.ts';

/**
 * Handed-in records for the demo trust's past walks (before 23 November 2026), so its dashboards
 * have something to show. Deterministic (a seeded generator per school) and small: two records
 * (the two observers) per past visit. The past walks get a focus on the trust's "Teaching and
 * learning" framework, as a leader would have set it, and the rollups are rebuilt from the records.
 * Notes are neutral and name no one; pupils' answers are generic.
 */

const PAST_BEFORE = '2026-11-23';

const NOTES = [
  'Pupils used mini whiteboards to show their working before sharing answers.',
  'Pairs explained their reasoning to each other using sentence starters.',
  'Most pupils read the extract aloud in small groups and discussed new vocabulary.',
  'Pupils used the word wall to check spellings of key vocabulary.',
  'Pupils had thinking time before answering and several built on each other’s answers.',
  'Worked examples on the board were used by pupils to check their own steps.',
  'Pupils used mini whiteboards and then explained their reasoning to a partner.',
  'Pupils discussed the key vocabulary in pairs before writing.',
  'Groups compared answers and explained their reasoning to the class.',
  'Pupils acted on written feedback to improve the opening paragraph.',
];

const VOICES = [
  'We are learning how to explain our reasoning.',
  'I look at the word wall or ask my partner.',
  'We are learning new vocabulary for the topic.',
  'I try the worked example again, then ask my partner.',
  'We are practising reading aloud with expression.',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A tight focus from a whole framework: one look-for from each lens in turn (at most one asked of
 * pupils, no free-text notes), until `size` are chosen. Exported for its test.
 */
export function tightSelection<
  T extends { lens_id: string; answer_kind: string; audience: string },
>(lookFors: readonly T[], size: number): T[] {
  const lenses = [...new Set(lookFors.map((f) => f.lens_id))].map((lens) =>
    lookFors.filter((f) => f.lens_id === lens && f.answer_kind !== 'note'),
  );
  const chosen: T[] = [];
  let pupils = 0;
  for (let i = 0; chosen.length < size && lenses.some((l) => i < l.length); i++) {
    for (const lens of lenses) {
      const f = lens[i];
      if (!f || chosen.length >= size) continue;
      if (f.audience === 'pupils') {
        if (pupils > 0) continue;
        pupils++;
      }
      chosen.push(f);
    }
  }
  return chosen;
}

export async function seedDemoRecords(db: Kysely<DB>, trustId: string): Promise<number> {
  return withTenant(db, trustId, async (tx) => {
    const version = await tx
      .selectFrom('framework_versions as v')
      .innerJoin('frameworks as f', (j) =>
        j.onRef('f.trust_id', '=', 'v.trust_id').onRef('f.framework_id', '=', 'v.framework_id'),
      )
      .select(['v.version_id'])
      .where('f.kind', '=', 'learning')
      .where('v.status', '=', 'published')
      .orderBy('f.name', 'desc')
      .orderBy('v.version_no', 'desc')
      .executeTakeFirst();
    if (!version) return 0;
    const allLookFors = await tx
      .selectFrom('framework_look_fors as lf')
      .innerJoin('framework_lenses as l', (j) =>
        j.onRef('l.trust_id', '=', 'lf.trust_id').onRef('l.lens_id', '=', 'lf.lens_id'),
      )
      .select(['lf.look_for_id', 'lf.answer_kind', 'lf.audience', 'l.lens_id'])
      .where('lf.version_id', '=', version.version_id)
      .orderBy('l.position')
      .orderBy('lf.position')
      .execute();
    // A focus that fits ten minutes (issue 21): no more look-fors than the school recommends.
    const lookFors = tightSelection(allLookFors, DEFAULT_PROTOCOL_SETTINGS.recommendedLookFors);
    const schools = await tx.selectFrom('schools').select('school_id').orderBy('name').execute();
    let written = 0;
    for (const [s, school] of schools.entries()) {
      const rand = mulberry32(2026 + s * 7919);
      // Schools differ a little, as real ones do: a higher or lower chance of "most pupils".
      const lean = [0.15, 0, -0.15][s % 3]!;
      const walks = await tx
        .selectFrom('walks')
        .select(['walk_id', 'walk_date'])
        .where('school_id', '=', school.school_id)
        .where('status', '=', 'published')
        .where('kind', '=', 'learning')
        .where('walk_date', '<', PAST_BEFORE)
        .orderBy('walk_date')
        .execute();
      if (walks.length === 0) continue;
      const focus = await tx
        .insertInto('foci')
        .values({
          trust_id: trustId,
          school_id: school.school_id,
          version_id: version.version_id,
          title: 'Teaching and learning across the school',
          purpose:
            'To see how pupils think, talk and read in lessons across the school, so that training builds on what already works.',
        })
        .returning('focus_id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('focus_look_fors')
        .values(
          lookFors.map((f) => ({
            trust_id: trustId,
            focus_id: focus.focus_id,
            look_for_id: f.look_for_id,
          })),
        )
        .execute();
      for (const [w, walk] of walks.entries()) {
        await tx
          .updateTable('walks')
          .set({ focus_id: focus.focus_id })
          .where('walk_id', '=', walk.walk_id)
          .execute();
        const observers = await tx
          .selectFrom('walk_observers')
          .select('person_id')
          .where('walk_id', '=', walk.walk_id)
          .orderBy('person_id')
          .execute();
        const visits = await tx
          .selectFrom('visits')
          .select('visit_id')
          .where('walk_id', '=', walk.walk_id)
          .where('status', '=', 'planned')
          .orderBy('route_order')
          .execute();
        const at = new Date(`${walk.walk_date}T15:30:00Z`);
        for (const visit of visits) {
          for (const observer of observers) {
            const growth = w * 0.1; // a little more seen on the later walk
            const body: RecordBodyInput = {
              answers: lookFors.flatMap((f): RecordBodyInput['answers'] => {
                if (f.audience === 'pupils' || f.answer_kind === 'note') return [];
                const r = rand();
                const p = Math.min(0.95, Math.max(0.05, 0.55 + lean + growth));
                if (f.answer_kind === 'prevalence') {
                  const value =
                    r < p * 0.35
                      ? 'all'
                      : r < p
                        ? 'most'
                        : r < p + (1 - p) * 0.6
                          ? 'some'
                          : 'not_seen';
                  return [{ lookForId: f.look_for_id, kind: 'prevalence', value }];
                }
                if (f.answer_kind === 'seen') {
                  return [{ lookForId: f.look_for_id, kind: 'seen', value: r < p + 0.1 }];
                }
                return [{ lookForId: f.look_for_id, kind: 'count', value: Math.floor(r * 6) }];
              }),
              notes: NOTES[Math.floor(rand() * NOTES.length)]!,
              studentVoice: lookFors
                .filter((f) => f.audience === 'pupils')
                .slice(0, 1)
                .map((f) => ({
                  promptId: f.look_for_id,
                  text: VOICES[Math.floor(rand() * VOICES.length)]!,
                })),
            };
            const canonical = canonicalBody(body);
            const hash = createHash('sha256').update(canonicalJson(canonical)).digest('hex');
            const recordId = crypto.randomUUID();
            await tx
              .insertInto('records')
              .values({
                trust_id: trustId,
                record_id: recordId,
                school_id: school.school_id,
                walk_id: walk.walk_id,
                visit_id: visit.visit_id,
                observer_id: observer.person_id,
                framework_version_id: version.version_id,
                version_no: 1,
                body: JSON.stringify(canonical),
                body_hash: hash,
                captured_at: at,
                handed_in_at: at,
                updated_at: at,
              })
              .execute();
            await tx
              .insertInto('record_versions')
              .values({
                trust_id: trustId,
                record_id: recordId,
                version_no: 1,
                body: JSON.stringify(canonical),
                body_hash: hash,
                created_at: at,
                created_by: observer.person_id,
              })
              .execute();
            written += 1;
          }
        }
      }
      await rebuildRollups(tx, school.school_id);
    }
    return written;
  });
}
