import { sql } from 'kysely';
import { withTenant } from '../src/server/db/with-tenant.ts';
import { rebuildRollups } from '../src/server/insights/rollups.ts';
import { createTestTrust, TEST_PASSWORD } from '../src/server/testing/factories.ts';
import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { type Comparison, compare } from './measure.ts';

/**
 * Insights dashboards read rollups maintained on write (issue 8). A seeded trust of 50 schools:
 * three years of nine terms, 60 teachers a school, walks of ~28 visits, one handed-in record a
 * visit answering 16 look-fors (12 prevalence, 3 seen, 1 count). Written with set-based INSERT …
 * SELECT generate_series (COPY-like), then the rollups built by rebuildRollups from the raw records.
 *
 * Reported, from one run: GET /api/insights/trust (the real endpoint over HTTP: session, policy,
 * rollup read, suppression, JSON) against the raw aggregate SQL that computes the same figures
 * (answers by level and distinct teachers per school and look-for) from the records; and the same
 * endpoint against a bare query over the rollup (the API's own overhead); and the endpoint against
 * GET /api/me, whose cost does not depend on the data, so that ratio at ≈1M and at ≈10M shows how
 * the endpoint grows with the data, each measured against a baseline of its own run.
 *
 * Sizes (BENCH_INSIGHTS): quick (the default, ≈200k answers, about two minutes on PGlite, so
 * `npm run bench` stays short); small (≈1M answers, the first size: about eight minutes
 * on PGlite, mostly building the rollups); large (≈10M answers: PostgreSQL only, from
 * BENCH_DATABASE_URL or TEST_DATABASE_URL); off. PGlite unless one of those URLs is set.
 */
const SCHOOLS = 50;
const TEACHERS = 60;
const TERMS = 9;
const LOOK_FORS = 16;

export async function insightsBench(): Promise<Comparison[]> {
  const size = process.env.BENCH_INSIGHTS ?? 'quick';
  if (size === 'off') return [];
  if (process.env.BENCH_DATABASE_URL)
    process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL;
  if (size === 'large' && !process.env.TEST_DATABASE_URL) {
    console.log(
      'insights: BENCH_INSIGHTS=large needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL); skipped.',
    );
    return [];
  }
  // Walks per term per school: ≈200k answers at 'quick', ≈1M at 'small', ≈10M at 'large'.
  const walksPerTerm = size === 'large' ? 50 : size === 'small' ? 5 : 1;
  const visitsPerWalk = 28;
  const t = await startTestApp();
  try {
    const trust = await createTestTrust(t.db, 'bench-insights');
    const started = performance.now();
    const answers = await generate(t, trust.trustId, walksPerTerm, visitsPerWalk);
    const generated = performance.now();
    const schoolIds = await withTenant(t.db, trust.trustId, async (tx) =>
      (await tx.selectFrom('schools').select('school_id').execute()).map((s) => s.school_id),
    );
    for (const [n, schoolId] of schoolIds.entries()) {
      await withTenant(t.db, trust.trustId, (tx) => rebuildRollups(tx, schoolId));
      if (process.env.BENCH_VERBOSE && (n + 1) % 10 === 0) {
        console.log(
          `  rollups of ${n + 1} schools rebuilt in ${((performance.now() - generated) / 1000).toFixed(0)} s`,
        );
      }
    }
    const built = performance.now();
    const cells = await withTenant(t.db, trust.trustId, async (tx) =>
      Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM insights_cells`.execute(tx)).rows[0]!.n,
      ),
    );
    console.log(
      `insights (${size}, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${answers.toLocaleString('en-GB')} answers in ${SCHOOLS} schools, generated in ${((generated - started) / 1000).toFixed(0)} s; rollups (${cells.toLocaleString('en-GB')} cells) rebuilt in ${((built - generated) / 1000).toFixed(0)} s`,
    );

    const leader = new Client(t.baseUrl);
    await leader.signIn(trust.email('trust_leader'), TEST_PASSWORD);
    const endpoint = async () => {
      const res = await leader.get('/api/insights/trust');
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    };
    const rawAggregate = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        sql`
          SELECT r.school_id, a->>'lookForId' AS look_for, count(*) AS n,
            count(*) FILTER (WHERE a->>'value' IN ('most', 'all')) AS most_or_all,
            count(*) FILTER (WHERE a->>'value' = 'true') AS seen,
            count(DISTINCT v.teacher_id) AS teachers
          FROM records r
          JOIN visits v ON v.trust_id = r.trust_id AND v.visit_id = r.visit_id
          CROSS JOIN LATERAL jsonb_array_elements(r.body->'answers') AS a
          WHERE r.handed_in_at IS NOT NULL AND a->>'kind' <> 'note'
          GROUP BY r.school_id, a->>'lookForId'`.execute(tx),
      );
    const bareRollup = () =>
      withTenant(t.db, trust.trustId, (tx) =>
        sql`
          SELECT c.school_id, c.item, sum(c.n) AS n, sum(c.most + c.all_count) AS most_or_all,
            sum(c.seen) AS seen, count(DISTINCT t.teacher_id) AS teachers
          FROM insights_cells c
          JOIN insights_cell_teachers t ON t.trust_id = c.trust_id AND t.cell_id = c.cell_id
          WHERE c.grain = 'lf' AND c.term_key = '*'
          GROUP BY c.school_id, c.item`.execute(tx),
      );
    // A request whose cost does not depend on the data: the yardstick for how the endpoint grows
    // from one size to the next (compare this ratio between the small and large runs).
    const signedInOnly = async () => {
      const res = await leader.get('/api/me');
      if (res.status !== 200) throw new Error(`/api/me answered ${res.status}`);
    };
    const opts = { rounds: 5, repeat: 1, warmup: 1 };
    return [
      await compare(
        `GET /api/insights/trust, ${answers.toLocaleString('en-GB')} answers`,
        endpoint,
        'the raw aggregate SQL over the records (same figures)',
        rawAggregate,
        opts,
      ),
      await compare(
        'GET /api/insights/trust (API overhead)',
        endpoint,
        'a bare query over the rollup',
        bareRollup,
        opts,
      ),
      await compare(
        `GET /api/insights/trust (growth yardstick), ${answers.toLocaleString('en-GB')} answers`,
        endpoint,
        'GET /api/me (signed in, no data)',
        signedInOnly,
        { rounds: 7, repeat: 3, warmup: 3 },
      ),
    ];
  } finally {
    await t.close();
  }
}

/** The seeded trust, written set-based. Returns the number of evidence answers. */
async function generate(
  t: Awaited<ReturnType<typeof startTestApp>>,
  trustId: string,
  walksPerTerm: number,
  visitsPerWalk: number,
): Promise<number> {
  return withTenant(t.db, trustId, async (tx) => {
    const run = async (q: string) => {
      const at = performance.now();
      await sql.raw(q).execute(tx);
      if (process.env.BENCH_VERBOSE) {
        console.log(
          `  ${((performance.now() - at) / 1000).toFixed(1)} s: ${q.trim().slice(0, 50)}`,
        );
      }
    };
    await run(`SELECT setseed(0.2026)`);
    await run(
      `DELETE FROM schools WHERE trust_id = lw_current_trust() AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.school_id = schools.school_id)`,
    );
    await run(`
      INSERT INTO schools (trust_id, name, phase)
      SELECT lw_current_trust(), 'Bench school ' || lpad(g::text, 2, '0'),
        (ARRAY['primary', 'secondary', 'all_through'])[1 + g % 3]
      FROM generate_series(1, ${SCHOOLS}) g`);
    await run(`CREATE TEMP TABLE bench_schools ON COMMIT DROP AS
      SELECT school_id, row_number() OVER (ORDER BY name) AS s FROM schools WHERE name LIKE 'Bench school %'`);
    await run(`
      INSERT INTO people (trust_id, full_name, title, email)
      SELECT lw_current_trust(), 'Bench Teacher ' || s.s || '-' || g, 'Mx', 'bt' || s.s || '-' || g || '@bench.test'
      FROM bench_schools s, generate_series(1, ${TEACHERS}) g`);
    await run(`CREATE TEMP TABLE bench_teachers ON COMMIT DROP AS
      SELECT p.person_id, s.school_id, s.s, split_part(split_part(p.email, '@', 1), '-', 2)::int AS n
      FROM people p JOIN bench_schools s ON p.email LIKE 'bt' || s.s || '-%'`);
    await run(`INSERT INTO memberships (trust_id, person_id, school_id, role)
      SELECT lw_current_trust(), person_id, school_id, 'teacher' FROM bench_teachers`);
    await run(`
      INSERT INTO school_terms (trust_id, school_id, name, starts_on, ends_on)
      SELECT lw_current_trust(), s.school_id, 'Term ' || g,
        date '2023-09-04' + (g - 1) * 122, date '2023-09-04' + (g - 1) * 122 + 111
      FROM bench_schools s, generate_series(1, ${TERMS}) g`);
    // One framework: four lenses of four look-fors.
    await run(
      `INSERT INTO frameworks (trust_id, name, kind) VALUES (lw_current_trust(), 'Bench framework', 'learning')`,
    );
    await run(`
      INSERT INTO framework_versions (trust_id, framework_id, version_no, status, name)
      SELECT lw_current_trust(), framework_id, 1, 'draft', 'Bench framework' FROM frameworks WHERE name = 'Bench framework'`);
    await run(`
      INSERT INTO framework_lenses (trust_id, version_id, key, name, position)
      SELECT lw_current_trust(), v.version_id, 'lens-' || g, 'Lens ' || g, g
      FROM framework_versions v JOIN frameworks f USING (trust_id, framework_id), generate_series(1, 4) g
      WHERE f.name = 'Bench framework'`);
    await run(`
      INSERT INTO framework_look_fors (trust_id, version_id, lens_id, key, prompt, answer_kind, audience, position)
      SELECT lw_current_trust(), l.version_id, l.lens_id, 'lf-' || l.position || '-' || g,
        'Pupils do thing ' || l.position || '.' || g,
        CASE WHEN l.position = 4 AND g = 4 THEN 'count' WHEN g = 4 THEN 'seen' ELSE 'prevalence' END,
        'observer', g
      FROM framework_lenses l JOIN framework_versions v USING (trust_id, version_id)
        JOIN frameworks f USING (trust_id, framework_id), generate_series(1, ${LOOK_FORS / 4}) g
      WHERE f.name = 'Bench framework'`);
    await run(`
      UPDATE framework_versions SET status = 'published', published_at = now()
      WHERE framework_id = (SELECT framework_id FROM frameworks WHERE name = 'Bench framework')`);
    await run(`
      INSERT INTO walks (trust_id, school_id, walk_id, off_programme_reason, walk_date, window_start, window_end, status, published_at)
      SELECT lw_current_trust(), s.school_id, gen_random_uuid(), 'Benchmark data', 
        date '2023-09-11' + (term - 1) * 122 + w * 2, '09:00', '15:00', 'published', now()
      FROM bench_schools s, generate_series(1, ${TERMS}) term, generate_series(1, ${walksPerTerm}) w`);
    await run(`
      INSERT INTO visits (trust_id, school_id, walk_id, teacher_id, room_name, class_code, department, year_group,
        visit_date, planned_start, planned_end, route_order, notice_sent_at)
      SELECT lw_current_trust(), w.school_id, w.walk_id, t.person_id, 'Room ' || t.n, 'C' || t.n,
        (ARRAY['Maths', 'English', 'Science', 'History', 'Geography', 'Art', 'Music', 'Computing'])[1 + t.n % 8],
        'Year ' || (7 + t.n % 5), w.walk_date, w.walk_date + time '09:00' + (v * interval '10 minutes'),
        w.walk_date + time '09:10' + (v * interval '10 minutes'), v, w.walk_date - 3
      FROM walks w
      CROSS JOIN generate_series(1, ${visitsPerWalk}) v
      JOIN bench_teachers t ON t.school_id = w.school_id
        AND t.n = 1 + ((v * 7 + extract(doy FROM w.walk_date)::int) % ${TEACHERS})
      ON CONFLICT DO NOTHING`);
    await run(`CREATE TEMP TABLE bench_lfs ON COMMIT DROP AS
      SELECT f.look_for_id, f.answer_kind, f.version_id FROM framework_look_fors f
      JOIN framework_versions v USING (trust_id, version_id) JOIN frameworks fw USING (trust_id, framework_id)
      WHERE fw.name = 'Bench framework'`);
    const observer = await tx
      .selectFrom('memberships')
      .select('person_id')
      .where('role', '=', 'observer')
      .executeTakeFirstOrThrow();
    await run(`
      INSERT INTO records (trust_id, record_id, school_id, walk_id, visit_id, observer_id, framework_version_id,
        body, body_hash, captured_at, handed_in_at)
      SELECT lw_current_trust(), gen_random_uuid(), v.school_id, v.walk_id, v.visit_id, '${observer.person_id}',
        (SELECT version_id FROM bench_lfs LIMIT 1),
        jsonb_build_object('answers', (
          SELECT jsonb_agg(jsonb_build_object('lookForId', f.look_for_id, 'kind', f.answer_kind, 'value',
            CASE f.answer_kind
              WHEN 'prevalence' THEN to_jsonb((ARRAY['not_seen', 'some', 'most', 'all'])[1 + floor(random() * 4)::int])
              WHEN 'seen' THEN to_jsonb(random() < 0.6)
              ELSE to_jsonb(floor(random() * 8)::int) END) ORDER BY f.look_for_id)
          FROM bench_lfs f WHERE v.visit_id IS NOT NULL), 'notes', '', 'studentVoice', '[]'::jsonb),
        repeat(md5(v.visit_id::text), 2), v.planned_start, v.planned_start
      FROM visits v JOIN bench_schools s ON s.school_id = v.school_id`);
    const n = await sql<{ n: string }>`
      SELECT sum(jsonb_array_length(body->'answers')) AS n FROM records`.execute(tx);
    return Number(n.rows[0]!.n);
  });
}
