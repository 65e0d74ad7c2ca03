import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';

/**
 * `schema.ts` carries the schema into every query's types, so it must say what the migrations
 * made: the same tables, the same columns, and null allowed exactly where the database allows
 * it. Read from the source with the TypeScript compiler, compared with the live catalogue.
 */
type Column = { name: string; nullable: boolean };

function declaredTables(): Map<string, Column[]> {
  // The DB interface in schema.ts, and the table interfaces in schema/ that it names.
  const files = [
    new URL('./schema.ts', import.meta.url),
    ...readdirSync(new URL('./schema/', import.meta.url)).map(
      (name) => new URL(`./schema/${name}`, import.meta.url),
    ),
  ];
  const interfaces = new Map<string, { node: ts.InterfaceDeclaration; source: ts.SourceFile }>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file.pathname,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
    );
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, { node, source });
    });
  }
  const found = interfaces.get('DB');
  if (!found) throw new Error('schema.ts has no DB interface');
  const { node: db, source } = found;
  const tables = new Map<string, Column[]>();
  for (const member of db.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const table = member.name.getText(source);
    const declared = interfaces.get(member.type.getText(source));
    if (!declared) throw new Error(`DB.${table} names no interface in schema.ts or schema/`);
    const { node: shape, source: shapeSource } = declared;
    tables.set(
      table,
      shape.members.filter(ts.isPropertySignature).map((p) => {
        const type = p.type?.getText(shapeSource) ?? '';
        // ColumnType<Select, Insert, Update>: what a select returns is the first argument.
        const select = /^ColumnType<([^,]+),/.exec(type)?.[1] ?? type;
        return { name: p.name.getText(shapeSource), nullable: /\bnull\b/.test(select) };
      }),
    );
  }
  return tables;
}

describe('schema.ts says what the database holds', () => {
  let database: TestDatabase;
  let actual: Map<string, Column[]>;
  const declared = declaredTables();

  beforeAll(async () => {
    database = await openTestDatabase();
    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      SELECT c.table_name, c.column_name, c.is_nullable
      FROM information_schema.columns c
      JOIN information_schema.tables t
        ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.table_name NOT LIKE 'lw_migrations%'
      ORDER BY c.table_name, c.ordinal_position`.execute(database.db);
    actual = new Map();
    for (const r of rows) {
      actual.set(r.table_name, [
        ...(actual.get(r.table_name) ?? []),
        { name: r.column_name, nullable: r.is_nullable === 'YES' },
      ]);
    }
  });
  afterAll(() => database?.close());

  it('declares every table, and no table the database lacks', () => {
    expect(declared.size).toBeGreaterThan(40);
    expect([...actual.keys()].filter((t) => !declared.has(t))).toEqual([]);
    expect([...declared.keys()].filter((t) => !actual.has(t))).toEqual([]);
  });

  it('declares every column, with null exactly where the database allows it', () => {
    const wrong: string[] = [];
    for (const [table, columns] of actual) {
      const mine = new Map((declared.get(table) ?? []).map((c) => [c.name, c]));
      for (const c of columns) {
        const d = mine.get(c.name);
        if (!d) wrong.push(`${table}.${c.name}: missing from schema.ts`);
        else if (d.nullable !== c.nullable) {
          wrong.push(`${table}.${c.name}: ${c.nullable ? 'nullable' : 'NOT NULL'} in the database`);
        }
        mine.delete(c.name);
      }
      for (const extra of mine.keys()) wrong.push(`${table}.${extra}: not in the database`);
    }
    expect(wrong).toEqual([]);
  });
});
