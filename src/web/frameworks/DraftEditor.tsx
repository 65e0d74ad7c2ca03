import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FrameworkBody, VersionDetail } from '../../contracts/frameworks.ts';
import {
  type AnswerKind,
  type Audience,
  answerKindLabels,
  answerKinds,
  keyFromName,
} from '../../domain/frameworks/types.ts';
import { frameworkKeys, publishDraft, saveDraft } from './api.ts';
import { Refusal } from './Problems.tsx';

export type Draft = FrameworkBody;

export type DraftLens = Draft['lenses'][number];

export type DraftLookFor = DraftLens['lookFors'][number];

export function toDraft(detail: VersionDetail): Draft {
  return {
    name: detail.body.name,
    description: detail.body.description,
    lenses: detail.body.lenses.map((l) => ({
      key: l.key,
      name: l.name,
      description: l.description,
      lookFors: l.lookFors.map((f) => ({
        key: f.key,
        prompt: f.prompt,
        answerKind: f.answerKind,
        audience: f.audience,
        guidance: { ...f.guidance },
        continues: f.continues,
      })),
    })),
  };
}

export const allKeys = (draft: Draft) =>
  new Set(draft.lenses.flatMap((l) => [l.key, ...l.lookFors.map((f) => f.key)]));

export const audienceLabels: Record<Audience, string> = {
  observer: 'The observer notices it',
  pupils: 'The observer asks pupils (student voice)',
};

export function DraftEditor({
  detail,
  previous,
}: {
  detail: VersionDetail;
  previous: VersionDetail | null;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => toDraft(detail));
  const [newLens, setNewLens] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setDraft(toDraft(detail)), [detail]);

  const save = useMutation({
    mutationFn: () => saveDraft(detail.framework.id, draft),
    onSuccess: (d) => {
      queryClient.setQueryData(
        frameworkKeys.version(d.framework.id, String(d.version.versionNo)),
        d,
      );
      setSaved('Draft saved.');
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      await saveDraft(detail.framework.id, draft);
      return publishDraft(detail.framework.id);
    },
    onSuccess: (d) => {
      queryClient.invalidateQueries({ queryKey: frameworkKeys.list() });
      queryClient.setQueryData(
        frameworkKeys.version(d.framework.id, String(d.version.versionNo)),
        d,
      );
      navigate(`/frameworks/${d.framework.id}/versions/${d.version.versionNo}`);
    },
  });

  const update = (fn: (d: Draft) => void) => {
    setSaved(null);
    setDraft((d) => {
      const copy = structuredClone(d);
      fn(copy);
      return copy;
    });
  };
  const updateLens = (i: number, fn: (l: DraftLens) => void) =>
    update((d) => {
      fn(d.lenses[i]!);
    });
  const updateLookFor = (i: number, j: number, fn: (f: DraftLookFor) => void) =>
    update((d) => {
      fn(d.lenses[i]!.lookFors[j]!);
    });

  const previousLookFors =
    previous?.body.lenses.flatMap((l) => l.lookFors.map((f) => ({ ...f, lensName: l.name }))) ?? [];

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor="draft-name">Framework name</label>
      <input
        id="draft-name"
        value={draft.name}
        onChange={(e) =>
          update((d) => {
            d.name = e.target.value;
          })
        }
      />
      <label htmlFor="draft-description">Description</label>
      <textarea
        id="draft-description"
        rows={2}
        value={draft.description}
        onChange={(e) =>
          update((d) => {
            d.description = e.target.value;
          })
        }
      />

      {draft.lenses.map((lens, i) => (
        <fieldset key={lens.key} className="lens">
          <legend>
            Lens {i + 1}: {lens.name || 'unnamed'}
          </legend>
          <label htmlFor={`lens-${lens.key}-name`}>Lens name</label>
          <input
            id={`lens-${lens.key}-name`}
            value={lens.name}
            onChange={(e) =>
              updateLens(i, (l) => {
                l.name = e.target.value;
              })
            }
          />
          {lens.lookFors.map((f, j) => (
            <fieldset key={f.key} className="look-for">
              <legend>
                Look-for {j + 1} in {lens.name || `lens ${i + 1}`}
              </legend>
              <label htmlFor={`lf-${f.key}-prompt`}>Prompt</label>
              <input
                id={`lf-${f.key}-prompt`}
                value={f.prompt}
                onChange={(e) =>
                  updateLookFor(i, j, (x) => {
                    x.prompt = e.target.value;
                  })
                }
              />
              <label htmlFor={`lf-${f.key}-kind`}>Answer</label>
              <select
                id={`lf-${f.key}-kind`}
                value={f.answerKind}
                onChange={(e) =>
                  updateLookFor(i, j, (x) => {
                    x.answerKind = e.target.value as AnswerKind;
                  })
                }
              >
                {answerKinds.map((k) => (
                  <option key={k} value={k}>
                    {answerKindLabels[k]}
                  </option>
                ))}
              </select>
              <label htmlFor={`lf-${f.key}-audience`}>Who answers</label>
              <select
                id={`lf-${f.key}-audience`}
                value={f.audience}
                onChange={(e) =>
                  updateLookFor(i, j, (x) => {
                    x.audience = e.target.value as Audience;
                  })
                }
              >
                {(['observer', 'pupils'] as const).map((a) => (
                  <option key={a} value={a}>
                    {audienceLabels[a]}
                  </option>
                ))}
              </select>
              <label htmlFor={`lf-${f.key}-looks`}>What this looks like (guidance)</label>
              <textarea
                id={`lf-${f.key}-looks`}
                rows={2}
                value={f.guidance.looksLike ?? ''}
                onChange={(e) =>
                  updateLookFor(i, j, (x) => {
                    x.guidance.looksLike = e.target.value;
                  })
                }
              />
              <label htmlFor={`lf-${f.key}-not`}>What it does not mean (guidance)</label>
              <textarea
                id={`lf-${f.key}-not`}
                rows={2}
                value={f.guidance.doesNotMean ?? ''}
                onChange={(e) =>
                  updateLookFor(i, j, (x) => {
                    x.guidance.doesNotMean = e.target.value;
                  })
                }
              />
              {previous ? (
                <>
                  <label htmlFor={`lf-${f.key}-continues`}>
                    Continues (from version {previous.version.versionNo})
                  </label>
                  <select
                    id={`lf-${f.key}-continues`}
                    value={f.continues ?? ''}
                    onChange={(e) =>
                      updateLookFor(i, j, (x) => {
                        x.continues = e.target.value || null;
                      })
                    }
                  >
                    <option value="">Nothing: a new look-for</option>
                    {previousLookFors.map((p) => (
                      <option key={p.key} value={p.key}>
                        {p.lensName}: {p.prompt}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              <button
                type="button"
                className="button secondary"
                onClick={() => updateLens(i, (l) => void l.lookFors.splice(j, 1))}
              >
                Remove look-for {j + 1}
              </button>
            </fieldset>
          ))}
          <p className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                update((d) => {
                  const taken = allKeys(d);
                  d.lenses[i]!.lookFors.push({
                    key: keyFromName(`${lens.key}-${d.lenses[i]!.lookFors.length + 1}`, taken),
                    prompt: '',
                    answerKind: 'prevalence',
                    audience: 'observer',
                    guidance: {},
                    continues: null,
                  });
                })
              }
            >
              Add a look-for to {lens.name || `lens ${i + 1}`}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => update((d) => void d.lenses.splice(i, 1))}
            >
              Remove lens {i + 1}
            </button>
          </p>
        </fieldset>
      ))}

      <fieldset className="add-lens">
        <legend>Add a lens</legend>
        <label htmlFor="new-lens">New lens name</label>
        <input id="new-lens" value={newLens} onChange={(e) => setNewLens(e.target.value)} />
        <button
          type="button"
          className="button secondary"
          disabled={!newLens.trim()}
          onClick={() => {
            update((d) => {
              d.lenses.push({
                key: keyFromName(newLens, allKeys(d)),
                name: newLens.trim(),
                description: '',
                lookFors: [],
              });
            });
            setNewLens('');
          }}
        >
          Add lens
        </button>
      </fieldset>

      <Refusal error={save.error ?? publish.error} />
      {saved ? (
        <p role="status" className="status">
          {saved}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="button secondary" disabled={save.isPending}>
          Save draft
        </button>
        <button
          type="button"
          className="button"
          disabled={publish.isPending}
          onClick={() => {
            save.reset();
            publish.mutate();
          }}
        >
          Publish version {detail.version.versionNo}
        </button>
      </p>
    </form>
  );
}
