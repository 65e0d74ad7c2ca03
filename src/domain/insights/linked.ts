import { statusAcrossFilters } from './differencing.ts';
import type { SuppressionCause } from './suppression.ts';
import {
  type Agg,
  emptyAgg,
  type Group,
  primary,
  type TableStatuses,
  tableStatuses,
} from './tables.ts';

/**
 * A school's table of groups (its departments or year groups) for one figure, as every view
 * shows it: for all terms, or for one term linked to the all-terms table. The school dashboard
 * and the trust dashboard both call this, so a figure has one status wherever it appears and a
 * reader cannot play one view against another.
 *
 * For a term:
 * - each group, and the total, is compared with the same figure for all terms
 *   (statusAcrossFilters): hidden when the visits outside the term rest on 1 … k−1 teachers, or
 *   when they rest on none and the all-terms figure is hidden;
 * - a group whose visits all lie in the term and is shown for all terms is locked: it is shown
 *   there, so hiding it here would protect nothing, and the table hides something else instead;
 * - the total is locked too (the school's own figure is shown on its own), unless hidden above.
 * Pure: no I/O.
 */
export type LinkedInput = {
  k: number;
  allTerms: { total: Agg; groups: readonly Group[] };
  /** The chosen term's cells, or null when no term is chosen. */
  term: { total: Agg; groups: readonly Group[] } | null;
};

export function linkedTable(input: LinkedInput): TableStatuses {
  const { k } = input;
  const all = tableStatuses(input.allTerms.groups, input.allTerms.total, k, {
    locked: new Set(['total']),
  });
  if (!input.term) return all;
  const term = input.term;
  const allAgg = new Map<string, Agg>([['total', input.allTerms.total]]);
  for (const g of input.allTerms.groups) allAgg.set(`g:${g.key}`, g.agg);
  const termAgg = new Map<string, Agg>([['total', term.total]]);
  for (const g of term.groups) termAgg.set(`g:${g.key}`, g.agg);

  const hidden = new Map<string, SuppressionCause>();
  const locked = new Set<string>();
  for (const [id, agg] of termAgg) {
    const wide = allAgg.get(id) ?? emptyAgg();
    const wideStatus = all.get(id) ?? primary(wide, k);
    const { status } = statusAcrossFilters(
      ['term'],
      (filters) =>
        filters.length === 0
          ? { visitsByTeacher: wide.teachers, status: wideStatus }
          : { visitsByTeacher: agg.teachers, status: primary(agg, k) },
      { k },
    );
    if (status.status === 'suppressed') {
      hidden.set(id, status.cause);
      continue;
    }
    const sameGroup = agg.counts.visits === wide.counts.visits;
    if (id === 'total' || (sameGroup && wideStatus.status === 'shown')) locked.add(id);
  }
  return tableStatuses(term.groups, term.total, k, { hidden, locked });
}
