import {
  BinaryOperationNode,
  ColumnNode,
  type DeleteQueryNode,
  JoinNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  QueryNode,
  type QueryResult,
  ReferenceNode,
  type SelectQueryNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueNode,
} from 'kysely';
import { comparesTrustId, type Node, tableUses } from './tenant-scope-check.ts';

/**
 * Adds `<table>.trust_id = <the tenant>` to every statement made inside a tenant's transaction,
 * for every row-level-secured table it reads, updates or deletes from, unless the statement
 * already compares that table's trust_id. Row-level security already hides other tenants' rows,
 * so the results are the same; the point is that each statement names its tenant, which a
 * distributed PostgreSQL (Citus) needs to send it to one node (docs/scale.md). One rule, in one
 * place, rather than a `where trust_id` remembered in hundreds of queries.
 *
 * A joined table gets the condition in its ON, so a LEFT JOIN stays a left join.
 */
export class TenantScopePlugin implements KyselyPlugin {
  readonly #transformer: TenantScopeTransformer;

  constructor(trustId: string, securedTables: ReadonlySet<string>) {
    this.#transformer = new TenantScopeTransformer(trustId, securedTables);
  }

  transformQuery(args: PluginTransformQueryArgs) {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class TenantScopeTransformer extends OperationNodeTransformer {
  constructor(
    private readonly trustId: string,
    private readonly securedTables: ReadonlySet<string>,
  ) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId) {
    return this.scope(super.transformSelectQuery(node, queryId));
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: QueryId) {
    return this.scope(super.transformUpdateQuery(node, queryId));
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: QueryId) {
    return this.scope(super.transformDeleteQuery(node, queryId));
  }

  private scope<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    const all = tableUses(node as unknown as Node);
    const uses = all.filter((use) => this.securedTables.has(use.table));
    if (uses.length === 0) return node;
    let scoped = node;
    // A bare trust_id can only mean the one table the statement reads.
    const single = all.length === 1;
    const joins = new Map<Node, Node>();
    for (const use of uses) {
      const condition = this.trustIdIs(use.name);
      if (use.join && use.on) {
        if (!comparesTrustId(use.on, use.name, false)) {
          joins.set(
            use.join,
            JoinNode.cloneWithOn(use.join as unknown as JoinNode, condition) as unknown as Node,
          );
        }
      } else if (
        !(scoped.where && comparesTrustId(scoped.where as unknown as Node, use.name, single))
      ) {
        scoped = QueryNode.cloneWithWhere(scoped, condition) as T;
      }
    }
    if (joins.size > 0 && scoped.joins) {
      scoped = {
        ...scoped,
        joins: scoped.joins.map(
          (join) => (joins.get(join as unknown as Node) as unknown as JoinNode | undefined) ?? join,
        ),
      };
    }
    return scoped;
  }

  private trustIdIs(name: string) {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create('trust_id'), TableNode.create(name)),
      OperatorNode.create('='),
      ValueNode.create(this.trustId),
    );
  }
}
