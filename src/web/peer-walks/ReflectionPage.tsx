import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Idea, MyReflection } from '../../contracts/peer-walks.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { peerKeys, saveReflection, shareReflection, useMyReflection } from './api.ts';

/**
 * /walks/:walkId/reflection — after handing in, an observer reflects on their own practice and
 * notes ideas to try (issue 15). Private: only they read it, and the coach they choose while
 * they share it. An idea ticked for the staff summary is shown there without a name.
 */
export function ReflectionPage() {
  const { walkId = '' } = useParams();
  const mine = useMyReflection(walkId);
  if (mine.isPending) return <Loading what="your reflection" />;
  if (mine.error) return <ErrorMessage error={mine.error} />;
  return (
    <>
      <h1>Your reflection</h1>
      <p className="lede">
        What did you see that you might try in your own lessons? This is about your practice, not
        the teachers you visited. Only you can read it, unless you share it with a coach.
      </p>
      {mine.data.notYet ? <p className="warning">{mine.data.notYet}</p> : <Form data={mine.data} />}
      <p>
        <Link to="/reflections">All your reflections</Link>
      </p>
    </>
  );
}

const blankIdea = (): Idea => ({ text: '', lookForId: null, shareInSummary: false });

function Form({ data }: { data: MyReflection }) {
  const queryClient = useQueryClient();
  const r = data.reflection;
  const [body, setBody] = useState(r?.body ?? '');
  const [ideas, setIdeas] = useState<Idea[]>(r?.ideas.length ? r.ideas : [blankIdea()]);
  const [coachId, setCoachId] = useState(r?.coach?.id ?? '');
  useEffect(() => setCoachId(r?.coach?.id ?? ''), [r?.coach?.id]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: peerKeys.mine(data.walkId) });
  const save = useMutation({
    mutationFn: () =>
      saveReflection(data.walkId, {
        body,
        ideas: ideas.filter((i) => i.text.trim()),
      }),
    onSuccess: refresh,
  });
  const share = useMutation({
    mutationFn: (id: string | null) => shareReflection(r!.id, id),
    onSuccess: refresh,
  });
  const change = (n: number, patch: Partial<Idea>) =>
    setIdeas(ideas.map((i, k) => (k === n ? { ...i, ...patch } : i)));
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label htmlFor="reflection-body">Reflection on your own practice</label>
        <textarea
          id="reflection-body"
          rows={6}
          value={body}
          maxLength={5000}
          onChange={(e) => setBody(e.target.value)}
        />
        <fieldset>
          <legend>Ideas to try</legend>
          {ideas.map((idea, n) => (
            // Ideas are edited in place and have no id until saved: the position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are only added at the end.
            <div key={n} className="card">
              <label htmlFor={`idea-${n}`}>Idea {n + 1}</label>
              <input
                id={`idea-${n}`}
                value={idea.text}
                maxLength={300}
                onChange={(e) => change(n, { text: e.target.value })}
              />
              {data.lookFors.length > 0 ? (
                <>
                  <label htmlFor={`idea-${n}-look-for`}>Look-for it relates to (optional)</label>
                  <select
                    id={`idea-${n}-look-for`}
                    value={idea.lookForId ?? ''}
                    onChange={(e) => change(n, { lookForId: e.target.value || null })}
                  >
                    <option value="">None</option>
                    {data.lookFors.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.prompt}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              <label>
                <input
                  type="checkbox"
                  checked={idea.shareInSummary}
                  onChange={(e) => change(n, { shareInSummary: e.target.checked })}
                />{' '}
                Share anonymously in the staff summary
              </label>
            </div>
          ))}
          <button
            type="button"
            className="button secondary"
            onClick={() => setIdeas([...ideas, blankIdea()])}
            disabled={ideas.length >= 20}
          >
            Add another idea
          </button>
        </fieldset>
        <p className="muted">
          A shared idea is read by all staff without your name, once enough colleagues have shared,
          so it must not name or judge anyone.
        </p>
        <button type="submit" className="button" disabled={save.isPending}>
          Save reflection
        </button>
        {save.isSuccess ? <p role="status">Saved.</p> : null}
        {save.error ? <ErrorMessage error={save.error} /> : null}
      </form>
      {r ? (
        <section aria-labelledby="coach">
          <h2 id="coach">Share with a coach</h2>
          <p>
            {r.coach
              ? `Shared with ${r.coach.fullName}${r.sharedAt ? ` since ${formatDay(r.sharedAt.slice(0, 10))}` : ''}. They can read it and nothing else.`
              : 'Not shared: only you can read it.'}
          </p>
          <label htmlFor="coach-choice">Coach</label>
          <select id="coach-choice" value={coachId} onChange={(e) => setCoachId(e.target.value)}>
            <option value="">Choose a colleague</option>
            {data.coachCandidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.fullName}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!coachId || share.isPending}
            onClick={() => share.mutate(coachId)}
          >
            Share with this coach
          </button>
          {r.coach ? (
            <button
              type="button"
              className="button secondary"
              disabled={share.isPending}
              onClick={() => share.mutate(null)}
            >
              Stop sharing
            </button>
          ) : null}
          {share.error ? <ErrorMessage error={share.error} /> : null}
        </section>
      ) : null}
    </>
  );
}
