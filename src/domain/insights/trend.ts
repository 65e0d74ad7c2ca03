import type { FrameworkContent } from '../frameworks/types.ts';
import { findLookFor, lineage } from '../frameworks/versioning.ts';
import type { CellFigures, HiddenCount } from './breakdowns.ts';
import { DEFAULT_K, teachersOf, type Visit } from './evidence.ts';
import { emptyTally, summariseTally, type Tally, tallyAnswer } from './prevalence.ts';
import {
  reasonFor,
  type SuppressionItem,
  type SuppressionRelation,
  suppress,
} from './suppression.ts';

/**
 * A look-for's trend across walks or terms. Evidence gathered under earlier framework versions
 * joins the series when the look-for continues through the versions' continuity mapping (a
 * renamed look-for in v2 that continues v1's is one series); a look-for that is new in a version
 * starts a new series. Points that rest on fewer than k teachers are hidden, with complementary
 * suppression against the term totals and the series total.
 */

export type FrameworkVersionRef = { id: string; versionNo: number; content: FrameworkContent };

export type Term = { key: string; label: string; from: string; to: string };

export type TrendOptions = {
  /** The framework's versions (records name them by id). */
  versions: readonly FrameworkVersionRef[];
  /** The version whose look-for names the series, usually the current one. */
  versionId: string;
  lookForKey: string;
  /** One point per walk, or per term. */
  by: 'walk' | 'term';
  /** Terms by date ('YYYY-MM-DD', inclusive). Needed for `by: 'term'`; with walks, they group them. */
  terms?: readonly Term[];
  k?: number;
};

export type TrendPoint = {
  key: string;
  label: string;
  /** First and last visit date in the point. */
  from: string;
  to: string;
  /** For walks inside terms: the term's key. */
  termKey: string | null;
} & CellFigures;

export type Trend = {
  lookForKey: string;
  prompt: string;
  /** The look-for through the versions, newest first: evidence under any of these is counted. */
  lineage: { versionNo: number; key: string; prompt: string }[];
  points: TrendPoint[];
  hidden: HiddenCount;
};

type Point = {
  key: string;
  label: string;
  from: string;
  to: string;
  termKey: string | null;
  tally: Tally | null;
  teachers: Set<string>;
  visits: number;
};

export function trend(visits: readonly Visit[], options: TrendOptions): Trend {
  const k = options.k ?? DEFAULT_K;
  const target = options.versions.find((v) => v.id === options.versionId);
  if (!target) throw new Error(`unknown framework version: ${options.versionId}`);
  const found = findLookFor(target.content, options.lookForKey);
  if (!found)
    throw new Error(`look-for ${options.lookForKey} is not in version ${target.versionNo}`);
  const chain = lineage(
    options.versions.map((v) => ({ versionNo: v.versionNo, content: v.content })),
    target.versionNo,
    options.lookForKey,
  );
  const keyAt = new Map(chain.map((c) => [c.versionNo, c.key]));
  const versionNoOf = new Map(options.versions.map((v) => [v.id, v.versionNo]));
  const terms = [...(options.terms ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  if (options.by === 'term' && terms.length === 0) throw new Error('a trend by term needs terms');
  const termOf = (date: string) => terms.find((t) => t.from <= date && date <= t.to) ?? null;

  const points = new Map<string, Point>();
  for (const visit of visits) {
    const versionNo = versionNoOf.get(visit.frameworkVersionId);
    const key = versionNo === undefined ? undefined : keyAt.get(versionNo);
    if (key === undefined) continue;
    const answer = visit.answers.find((a) => a.lookForId === key);
    if (!answer || answer.kind === 'note') continue;
    const term = termOf(visit.date);
    if (options.by === 'term' && !term) continue;
    const pointKey = options.by === 'term' ? term!.key : visit.walkId;
    let p = points.get(pointKey);
    if (!p) {
      p = {
        key: pointKey,
        label: options.by === 'term' ? term!.label : visit.date,
        from: visit.date,
        to: visit.date,
        termKey: options.by === 'walk' ? (term?.key ?? null) : null,
        tally: emptyTally(answer.kind),
        teachers: new Set(),
        visits: 0,
      };
      points.set(pointKey, p);
    }
    if (visit.date < p.from) p.from = visit.date;
    if (visit.date > p.to) p.to = visit.date;
    if (options.by === 'walk') p.label = p.from;
    p.visits += 1;
    for (const t of teachersOf(visit)) p.teachers.add(t);
    tallyAnswer(p.tally!, answer);
  }
  const ordered = [...points.values()].sort(
    (a, b) => a.from.localeCompare(b.from) || a.key.localeCompare(b.key),
  );

  // Suppression: points, term totals (walks within terms) and the series total.
  const items: SuppressionItem[] = [];
  const relations: SuppressionRelation[] = [];
  const pointId = (key: string) => `point:${key}`;
  for (const p of ordered) items.push({ id: pointId(p.key), teachers: p.teachers });
  const union = (ps: readonly Point[]) => new Set(ps.flatMap((p) => [...p.teachers]));
  const groups = new Map<string, Point[]>();
  if (options.by === 'walk' && terms.length > 0) {
    for (const p of ordered) {
      const key = p.termKey ?? 'outside';
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const [key, ps] of groups) {
      items.push({ id: `term:${key}`, teachers: union(ps) });
      relations.push({ parent: `term:${key}`, children: ps.map((p) => pointId(p.key)) });
    }
    items.push({ id: 'total', teachers: union(ordered) });
    relations.push({ parent: 'total', children: [...groups.keys()].map((g) => `term:${g}`) });
  } else {
    items.push({ id: 'total', teachers: union(ordered) });
    relations.push({ parent: 'total', children: ordered.map((p) => pointId(p.key)) });
  }
  const statuses = suppress(items, relations, { k });

  const hidden: HiddenCount = { belowK: 0, complementary: 0 };
  const out: TrendPoint[] = ordered.map((p) => {
    const s = statuses.get(pointId(p.key))!;
    const head = { key: p.key, label: p.label, from: p.from, to: p.to, termKey: p.termKey };
    if (s.status === 'suppressed') {
      if (s.cause === 'below_k') hidden.belowK += 1;
      else hidden.complementary += 1;
      return { ...head, status: 'suppressed', cause: s.cause, reason: reasonFor(s.cause, k) };
    }
    return {
      ...head,
      status: 'shown',
      visits: p.visits,
      summary: summariseTally(options.lookForKey, p.tally!),
    };
  });
  return {
    lookForKey: options.lookForKey,
    prompt: found.lookFor.prompt,
    lineage: chain,
    points: out,
    hidden,
  };
}
