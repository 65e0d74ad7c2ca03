import type { OperationNode } from 'kysely';

/**
 * Does a statement keep to one trust? A tenant table (one with a trust_id column) is "scoped"
 * in a statement when the statement filters or joins on that table's trust_id: the condition a
 * distributed PostgreSQL (Citus) needs to route the statement to the one node holding the
 * trust's rows (docs/scale.md). Row-level security already keeps tenants apart; this check is
 * about the tables staying distributable.
 *
 * Built queries are checked on their operation tree, after every plugin has run: each tenant
 * table in a FROM, JOIN, UPDATE, DELETE or USING needs `<table or alias>.trust_id` compared in
 * the WHERE or in its join's ON; an INSERT needs a trust_id column. Raw SQL cannot be read as a
 * tree, so a raw statement that names a tenant table must at least mention trust_id.
 */
export interface UnscopedTable {
  table: string;
  statement: string;
}

export type Node = OperationNode & Record<string, unknown>;

export function unscopedTenantTables(
  root: OperationNode,
  sqlText: string,
  tenantTables: ReadonlySet<string>,
): string[] {
  if (root.kind === 'RawNode') return unscopedInRawSql(sqlText, tenantTables);
  const found: string[] = [];
  visit(root as Node, (node) => {
    for (const table of unscopedIn(node, tenantTables)) found.push(table);
  });
  return [...new Set(found)];
}

function visit(node: Node, onNode: (node: Node) => void) {
  onNode(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, onNode);
    } else if (isNode(value)) {
      visit(value, onNode);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).kind === 'string';
}

export interface TableUse {
  table: string;
  /** How the statement refers to it: the alias, else the table's name. */
  name: string;
  /** The join's ON, where the table is joined. */
  on?: Node;
  /** The join itself, where the table is joined. */
  join?: Node;
}

function unscopedIn(node: Node, tenantTables: ReadonlySet<string>): string[] {
  switch (node.kind) {
    case 'SelectQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode': {
      const uses = tableUses(node).filter((use) => tenantTables.has(use.table));
      const where = node.where as Node | undefined;
      const single = tableUses(node).length === 1;
      return uses
        .filter(
          (use) =>
            !(where && comparesTrustId(where, use.name, single)) &&
            !(use.on && comparesTrustId(use.on, use.name, false)),
        )
        .map((use) => use.table);
    }
    case 'InsertQueryNode': {
      const table = tableName(node.into as Node | undefined);
      if (!table || !tenantTables.has(table.table)) return [];
      const columns = (node.columns as Node[] | undefined) ?? [];
      const hasTrustId = columns.some((c) => identifier(c.column as Node) === 'trust_id');
      return hasTrustId ? [] : [table.table];
    }
    default:
      return [];
  }
}

export function tableUses(node: Node): TableUse[] {
  const items: Node[] = [];
  const from = node.from as Node | undefined;
  if (from) items.push(...((from.froms as Node[]) ?? []));
  if (node.kind === 'UpdateQueryNode' && node.table) items.push(node.table as Node);
  const using = node.using as Node | undefined;
  if (using) items.push(...((using.tables as Node[]) ?? []));
  const uses: TableUse[] = [];
  for (const item of items) {
    const use = tableName(item);
    if (use) uses.push(use);
  }
  for (const join of (node.joins as Node[] | undefined) ?? []) {
    const use = tableName(join.table as Node);
    if (use) uses.push({ ...use, on: join.on as Node | undefined, join });
  }
  return uses;
}

function tableName(item: Node | undefined): TableUse | undefined {
  if (!item) return undefined;
  if (item.kind === 'TableNode') {
    const table = identifier((item.table as Node).identifier as Node);
    return table ? { table, name: table } : undefined;
  }
  if (item.kind === 'AliasNode' && (item.node as Node).kind === 'TableNode') {
    const inner = tableName(item.node as Node);
    const alias = identifier(item.alias as Node);
    return inner && alias ? { table: inner.table, name: alias } : inner;
  }
  return undefined;
}

function identifier(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'IdentifierNode') return node.name as string;
  if (node.kind === 'ColumnNode') return identifier(node.column as Node);
  return undefined;
}

/** Is `<name>.trust_id` (or a bare trust_id, when the table stands alone) compared with '=' or 'in'? */
export function comparesTrustId(condition: Node, name: string, bareCounts: boolean): boolean {
  let found = false;
  visit(condition, (node) => {
    if (found || node.kind !== 'BinaryOperationNode') return;
    const operator = (node.operator as Node).operator;
    if (operator !== '=' && operator !== 'in') return;
    found =
      isTrustIdOf(node.leftOperand as Node, name, bareCounts) ||
      isTrustIdOf(node.rightOperand as Node, name, bareCounts);
  });
  return found;
}

function isTrustIdOf(operand: Node, name: string, bareCounts: boolean): boolean {
  if (operand.kind === 'ColumnNode') return bareCounts && identifier(operand) === 'trust_id';
  if (operand.kind !== 'ReferenceNode') return false;
  if (identifier(operand.column as Node) !== 'trust_id') return false;
  const table = operand.table as Node | undefined;
  if (!table) return bareCounts;
  return identifier((table.table as Node).identifier as Node) === name;
}

const TABLE_AFTER =
  /\b(from|join|update|into|using)\s+"?([a-z_][a-z0-9_]*)"?(?:\s+(?:as\s+)?"?([a-z_][a-z0-9_]*)"?)?/gi;
const NOT_AN_ALIAS = new Set(
  'where on set join left right inner outer full cross natural group order limit offset returning with select values union as using lateral default for having window'.split(
    ' ',
  ),
);

/**
 * Raw SQL, read as text: each tenant table after FROM, JOIN, UPDATE or USING needs
 * `<alias or table>.trust_id` somewhere in the statement (or a bare trust_id when it is the
 * statement's only tenant table); an INSERT INTO one needs trust_id among its columns.
 */
function unscopedInRawSql(sqlText: string, tenantTables: ReadonlySet<string>): string[] {
  const uses = [...sqlText.matchAll(TABLE_AFTER)]
    .map((m) => {
      const table = (m[2] ?? '').toLowerCase();
      const alias = m[3]?.toLowerCase();
      return {
        keyword: (m[1] ?? '').toLowerCase(),
        table,
        name: alias && !NOT_AN_ALIAS.has(alias) ? alias : table,
      };
    })
    .filter((use) => tenantTables.has(use.table));
  const bare = /(?<![."\w])"?trust_id\b/i.test(sqlText);
  const onlyOne = new Set(uses.map((use) => use.table)).size === 1;
  const unscoped = uses.filter((use) => {
    if (use.keyword === 'into' || (bare && onlyOne)) return !/\btrust_id\b/i.test(sqlText);
    const qualified = new RegExp(`\\b"?${use.name}"?\\."?trust_id\\b`, 'i');
    return !qualified.test(sqlText);
  });
  return [...new Set(unscoped.map((use) => use.table))];
}
