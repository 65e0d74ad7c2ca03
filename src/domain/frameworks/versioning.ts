import type { FrameworkContent, Lens, LookFor, VersionStatus } from './types.ts';

/** A published version is frozen: only a draft may change. */
export function isEditable(status: VersionStatus): boolean {
  return status === 'draft';
}

/**
 * The starting point of a new version: a copy of the published one in which every
 * look-for continues itself, so trends carry on unless the editor says otherwise.
 */
export function draftFromPublished(published: FrameworkContent): FrameworkContent {
  return {
    ...published,
    lenses: published.lenses.map((lens) => ({
      ...lens,
      lookFors: lens.lookFors.map((f) => ({ ...f, guidance: { ...f.guidance }, continues: f.key })),
    })),
  };
}

/** new look-for key → the previous version's key it continues (null for a new look-for). */
export function continuityMap(content: FrameworkContent): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const lens of content.lenses) for (const f of lens.lookFors) map[f.key] = f.continues;
  return map;
}

export function findLookFor(
  content: FrameworkContent,
  key: string,
): { lens: Lens; lookFor: LookFor } | null {
  for (const lens of content.lenses) {
    const lookFor = lens.lookFors.find((f) => f.key === key);
    if (lookFor) return { lens, lookFor };
  }
  return null;
}

export type VersionedContent = { versionNo: number; content: FrameworkContent };

/**
 * Follows a look-for back through earlier versions: [{ versionNo, key, prompt }], newest first.
 * Evidence gathered under any of these belongs to one trend.
 */
export function lineage(
  versions: readonly VersionedContent[],
  versionNo: number,
  key: string,
): { versionNo: number; key: string; prompt: string }[] {
  const byNo = new Map(versions.map((v) => [v.versionNo, v.content]));
  const chain: { versionNo: number; key: string; prompt: string }[] = [];
  let no = versionNo;
  let current: string | null = key;
  while (current !== null) {
    const content = byNo.get(no);
    const found: ReturnType<typeof findLookFor> = content ? findLookFor(content, current) : null;
    if (!found) break;
    chain.push({ versionNo: no, key: current, prompt: found.lookFor.prompt });
    current = found.lookFor.continues;
    no -= 1;
  }
  return chain;
}

/**
 * Where a look-for of an older version lives in the newest one (following continuity forward),
 * or null when a later version dropped it. Lets a trend put old and new evidence side by side.
 */
export function successorKey(
  versions: readonly VersionedContent[],
  fromVersionNo: number,
  key: string,
): { versionNo: number; key: string } | null {
  const sorted = [...versions].sort((a, b) => a.versionNo - b.versionNo);
  let current = key;
  let at = fromVersionNo;
  for (const v of sorted) {
    if (v.versionNo <= fromVersionNo) continue;
    if (v.versionNo !== at + 1) return null;
    const next = Object.entries(continuityMap(v.content)).find(([, old]) => old === current);
    if (!next) return null;
    current = next[0];
    at = v.versionNo;
  }
  return { versionNo: at, key: current };
}
