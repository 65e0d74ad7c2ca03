import { useId, useState } from 'react';
import type { Focus } from '../../contracts/frameworks.ts';
import { useFoci, useFrameworks, useVersion } from '../frameworks/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';

/** What the leader chose: one of the school's foci, or a few look-fors to make one from. */
export type FocusChoice = {
  focusId: string;
  lookForIds: readonly string[];
  schoolLookForIds: readonly string[];
};

export const noFocusChoice: FocusChoice = { focusId: '', lookForIds: [], schoolLookForIds: [] };

type Item = { id: string; prompt: string; own: boolean };
type Group = { key: string; name: string; items: Item[] };

/** Every typed word appears in the text (any case): "quest pupil" finds "Questioning … pupil". */
export function matchesSearch(text: string, search: string): boolean {
  const hay = text.toLocaleLowerCase('en-GB');
  return search
    .toLocaleLowerCase('en-GB')
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/**
 * The look-fors a walk may choose from: the published framework version the school's foci use
 * (else the trust's first published one), by lens, and the school's own look-fors.
 */
export function useLookForSource(schoolId: string) {
  const foci = useFoci(schoolId);
  const frameworks = useFrameworks();
  const published = (frameworks.data?.frameworks ?? []).flatMap((f) => {
    const v = f.versions.filter((x) => x.status === 'published').at(-1);
    return v ? [{ frameworkId: f.id, version: v }] : [];
  });
  const used = foci.data?.foci[0]?.versionId;
  const chosen = published.find((p) => p.version.id === used) ?? published[0];
  const version = useVersion(
    chosen?.frameworkId,
    String(chosen?.version.versionNo),
    Boolean(chosen),
  );
  const groups: Group[] = [
    ...(version.data?.body.lenses ?? []).map((lens) => ({
      key: lens.id,
      name: lens.name,
      items: lens.lookFors.map((f) => ({ id: f.id, prompt: f.prompt, own: false })),
    })),
  ];
  const own = foci.data?.schoolLookFors ?? [];
  if (own.length > 0) {
    groups.push({
      key: 'school-own',
      name: 'The school’s own look-fors',
      items: own.map((f) => ({ id: f.id, prompt: f.prompt, own: true })),
    });
  }
  return {
    foci: foci.data?.foci ?? [],
    canMakeFocus: foci.data?.canEdit ?? false,
    versionId: chosen?.version.id ?? null,
    groups,
    pending: foci.isPending,
    error: foci.error ?? frameworks.error ?? version.error,
  };
}

/** How many look-fors a choice asks, or null before anything is chosen. */
export function choiceSize(choice: FocusChoice, foci: readonly Focus[]): number | null {
  if (choice.focusId) {
    const f = foci.find((x) => x.id === choice.focusId);
    return f ? f.lookFors.length + f.schoolLookFors.length : null;
  }
  const n = choice.lookForIds.length + choice.schoolLookForIds.length;
  return n > 0 ? n : null;
}

/**
 * Choose a walk's focus (issue 21): a search box over the school's foci and the framework's
 * look-fors, the foci as one radio group, the look-fors as tick boxes grouped by lens and folded
 * away until searched or opened. Native controls only, so the keyboard and screen readers work
 * as everywhere else; the count of matches is announced politely.
 */
export function FocusPicker({
  schoolId,
  choice,
  onChange,
  recommended,
}: {
  schoolId: string;
  choice: FocusChoice;
  onChange: (next: FocusChoice, focus: Focus | null) => void;
  recommended: number;
}) {
  const id = useId();
  const source = useLookForSource(schoolId);
  const [search, setSearch] = useState('');
  const searching = search.trim() !== '';
  const foci = source.foci.filter((f) =>
    matchesSearch(
      [f.title, f.purpose, ...f.lookFors.map((l) => `${l.lensName} ${l.prompt}`)].join(' '),
      search,
    ),
  );
  const groups = source.groups
    .map((g) => ({
      ...g,
      items: g.items.filter((i) => matchesSearch(`${g.name} ${i.prompt}`, search)),
    }))
    .filter((g) => g.items.length > 0);
  const matchedLookFors = groups.reduce((n, g) => n + g.items.length, 0);
  const picked = new Set([...choice.lookForIds, ...choice.schoolLookForIds]);
  const toggle = (item: Item, on: boolean) => {
    const list = new Set(item.own ? choice.schoolLookForIds : choice.lookForIds);
    if (on) list.add(item.id);
    else list.delete(item.id);
    const next: FocusChoice = item.own
      ? { focusId: '', lookForIds: choice.lookForIds, schoolLookForIds: [...list] }
      : { focusId: '', lookForIds: [...list], schoolLookForIds: choice.schoolLookForIds };
    onChange(next, null);
  };
  return (
    <fieldset className="focus-picker">
      <legend>Focus</legend>
      <p className="hint" id={`${id}-hint`}>
        Every walk records against the trust framework: choose one of the school’s foci, or a few
        look-fors (the school recommends at most {recommended}). You may reword what it looks for
        and why below, about pupils and learning, never a member of staff.
      </p>
      <label htmlFor={`${id}-search`}>Search foci and look-fors</label>
      <input
        id={`${id}-search`}
        type="search"
        value={search}
        aria-describedby={`${id}-hint ${id}-matches`}
        onChange={(e) => setSearch(e.target.value)}
      />
      <p className="muted" id={`${id}-matches`} aria-live="polite">
        {searching
          ? `${foci.length} ${foci.length === 1 ? 'focus' : 'foci'} and ${matchedLookFors} ${matchedLookFors === 1 ? 'look-for' : 'look-fors'} match “${search.trim()}”.`
          : `${source.foci.length} ${source.foci.length === 1 ? 'focus' : 'foci'}; look-fors by lens below.`}
      </p>
      {source.pending ? <Loading what="the school’s foci" /> : null}
      {source.error ? <ErrorMessage error={source.error} /> : null}
      <fieldset>
        <legend>The school’s foci</legend>
        {foci.length === 0 && !source.pending ? <p>No focus matches.</p> : null}
        {foci.map((f) => (
          <label key={f.id} className="checkbox">
            <input
              type="radio"
              name={`${id}-focus`}
              value={f.id}
              checked={choice.focusId === f.id}
              required={picked.size === 0}
              onChange={() => onChange({ focusId: f.id, lookForIds: [], schoolLookForIds: [] }, f)}
            />
            <span>
              {f.title}{' '}
              <span className="muted">
                ({f.lookFors.length + f.schoolLookFors.length} look-fors)
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {source.canMakeFocus ? (
        <fieldset>
          <legend>Or a few look-fors, by lens</legend>
          {picked.size > 0 ? (
            <p className={picked.size > recommended ? 'warning' : 'muted'}>
              {picked.size} chosen. Say below what the walk looks for and why: a focus is made from
              them for this walk.
            </p>
          ) : null}
          {groups.length === 0 && !source.pending ? <p>No look-for matches.</p> : null}
          {groups.map((g) => {
            const chosenHere = g.items.filter((i) => picked.has(i.id)).length;
            return (
              <details key={g.key} open={searching || chosenHere > 0 ? true : undefined}>
                <summary>
                  {g.name} ({g.items.length}
                  {chosenHere > 0 ? `, ${chosenHere} chosen` : ''})
                </summary>
                {g.items.map((item) => (
                  <label key={item.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={picked.has(item.id)}
                      onChange={(e) => toggle(item, e.target.checked)}
                    />
                    {item.prompt}
                  </label>
                ))}
              </details>
            );
          })}
        </fieldset>
      ) : null}
    </fieldset>
  );
}
