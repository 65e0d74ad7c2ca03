import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from './schema.ts';
import { TenantScopePlugin } from './tenant-scope.ts';
import { unscopedTenantTables } from './tenant-scope-check.ts';

const TRUST = '00000000-0000-4000-8000-000000000001';
const secured = new Set(['walks', 'visits', 'records', 'people', 'memberships', 'schools']);

/** Compiles without a database: the plugin and the check work on the statement alone. */
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const scoped = db.withPlugin(new TenantScopePlugin(TRUST, secured));

const unscoped = (query: { compile(db: Kysely<DB>): { query: unknown; sql: string } }) => {
  const compiled = query.compile(db);
  return unscopedTenantTables(compiled.query as never, compiled.sql, secured);
};

describe('the tenant-scope check', () => {
  it('finds a tenant table read without its trust_id', () => {
    expect(unscoped(db.selectFrom('walks').selectAll().where('walk_id', '=', 'w'))).toEqual([
      'walks',
    ]);
  });

  it('accepts a filter on the table, or on its alias', () => {
    expect(unscoped(db.selectFrom('walks').selectAll().where('trust_id', '=', TRUST))).toEqual([]);
    expect(
      unscoped(db.selectFrom('walks as w').selectAll().where('w.trust_id', '=', TRUST)),
    ).toEqual([]);
  });

  it('accepts a join on trust_id, and finds a join that has none', () => {
    const joinedOnTrust = db
      .selectFrom('visits as v')
      .innerJoin('walks as w', (j) =>
        j.onRef('w.trust_id', '=', 'v.trust_id').onRef('w.walk_id', '=', 'v.walk_id'),
      )
      .select('v.visit_id')
      .where('v.trust_id', '=', TRUST);
    expect(unscoped(joinedOnTrust)).toEqual([]);
    const joinedOnIdOnly = db
      .selectFrom('visits as v')
      .innerJoin('walks as w', 'w.walk_id', 'v.walk_id')
      .select('v.visit_id')
      .where('v.trust_id', '=', TRUST);
    expect(unscoped(joinedOnIdOnly)).toEqual(['walks']);
  });

  it('looks inside subqueries, updates, deletes and inserts', () => {
    const sub = db
      .selectFrom('walks')
      .select('walk_id')
      .where('trust_id', '=', TRUST)
      .where('walk_id', 'in', db.selectFrom('visits').select('walk_id'));
    expect(unscoped(sub)).toEqual(['visits']);
    expect(
      unscoped(db.updateTable('walks').set({ purpose: 'x' }).where('walk_id', '=', 'w')),
    ).toEqual(['walks']);
    expect(unscoped(db.deleteFrom('records').where('record_id', '=', 'r'))).toEqual(['records']);
    expect(
      unscoped(db.insertInto('schools').values({ school_id: 's', name: 'North' } as never)),
    ).toEqual(['schools']);
  });

  it('reads raw SQL as text: a tenant table named with no trust_id at all is unscoped', () => {
    expect(unscoped(sql`DELETE FROM records WHERE record_id = ${'r'}`)).toEqual(['records']);
    expect(
      unscoped(sql`DELETE FROM records WHERE trust_id = lw_current_trust() AND record_id = ${'r'}`),
    ).toEqual([]);
  });

  it('reads raw SQL per table: each one named needs its own (or its alias’s) trust_id', () => {
    const oneFiltered = sql`SELECT v.visit_id FROM visits v JOIN records r ON r.visit_id = v.visit_id
      WHERE v.trust_id = lw_current_trust()`;
    expect(unscoped(oneFiltered)).toEqual(['records']);
    const joined = sql`SELECT v.visit_id FROM visits AS v JOIN records r
      ON r.trust_id = v.trust_id AND r.visit_id = v.visit_id WHERE v.trust_id = lw_current_trust()`;
    expect(unscoped(joined)).toEqual([]);
    expect(unscoped(sql`INSERT INTO records (record_id) SELECT 'x'`)).toEqual(['records']);
  });

  it('ignores tables that are not tenant tables', () => {
    expect(unscoped(db.selectFrom('trusts').selectAll())).toEqual([]);
  });
});

describe('the tenant-scope plugin', () => {
  it('names the tenant in a plain read, as a parameter', () => {
    const compiled = scoped
      .selectFrom('walks')
      .select('walk_id')
      .where('walk_id', '=', 'w')
      .compile();
    expect(compiled.sql).toBe(
      'select "walk_id" from "walks" where "walk_id" = $1 and "walks"."trust_id" = $2',
    );
    expect(compiled.parameters).toEqual(['w', TRUST]);
  });

  it('puts a joined table’s condition in its ON, so a left join stays a left join', () => {
    const compiled = scoped
      .selectFrom('visits as v')
      .leftJoin('records as r', 'r.visit_id', 'v.visit_id')
      .select(['v.visit_id', 'r.record_id'])
      .compile();
    expect(compiled.sql).toBe(
      'select "v"."visit_id", "r"."record_id" from "visits" as "v" ' +
        'left join "records" as "r" on "r"."visit_id" = "v"."visit_id" and "r"."trust_id" = $1 ' +
        'where "v"."trust_id" = $2',
    );
  });

  it('scopes subqueries, updates and deletes, and leaves a statement already scoped alone', () => {
    const sub = scoped
      .selectFrom('walks')
      .select('walk_id')
      .where('walk_id', 'in', scoped.selectFrom('visits').select('walk_id'))
      .compile();
    expect(sub.sql).toBe(
      'select "walk_id" from "walks" where "walk_id" in ' +
        '(select "walk_id" from "visits" where "visits"."trust_id" = $1) and "walks"."trust_id" = $2',
    );
    const update = scoped.updateTable('walks').set({ purpose: 'x' }).where('walk_id', '=', 'w');
    expect(update.compile().sql).toBe(
      'update "walks" set "purpose" = $1 where "walk_id" = $2 and "walks"."trust_id" = $3',
    );
    expect(scoped.deleteFrom('records as r').where('r.record_id', '=', 'x').compile().sql).toBe(
      'delete from "records" as "r" where "r"."record_id" = $1 and "r"."trust_id" = $2',
    );
    const already = scoped
      .selectFrom('walks as w')
      .select('w.walk_id')
      .where('w.trust_id', '=', TRUST)
      .compile();
    expect(already.sql).toBe('select "w"."walk_id" from "walks" as "w" where "w"."trust_id" = $1');
  });

  it('leaves tables that row-level security does not confine alone', () => {
    expect(scoped.selectFrom('trusts').select('name').compile().sql).toBe(
      'select "name" from "trusts"',
    );
  });

  it('leaves every statement it makes passing the check', () => {
    const statements = [
      scoped
        .selectFrom('visits as v')
        .innerJoin('walks as w', 'w.walk_id', 'v.walk_id')
        .selectAll(),
      scoped
        .updateTable('visits')
        .set({ status: 'done' } as never)
        .where('visit_id', '=', 'v'),
      scoped
        .selectFrom('people')
        .select('person_id')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('memberships')
              .select('role')
              .whereRef('memberships.person_id', '=', 'people.person_id'),
          ),
        ),
    ];
    for (const statement of statements) expect(unscoped(statement)).toEqual([]);
  });
});
