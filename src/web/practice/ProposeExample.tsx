import { useMutation, useQueries } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { DebriefDetail } from '../../contracts/debriefs.ts';
import type { PracticeExample } from '../../contracts/practice.ts';
import type { DebriefPack } from '../../domain/debrief/pack.ts';
import { api } from '../lib/api.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { walkKeys } from '../walks/api.ts';
import { proposeExample } from './api.ts';

/**
 * On a debrief, for its leaders (issue 16): propose a bright spot, seen in one of the debrief's
 * visits, as a short example for the school's or the trust's practice library. The visited
 * teacher is asked to agree; nothing is published, and no name shown, unless they do.
 */
export function ProposeExample({ detail }: { detail: DebriefDetail }) {
  const pack = detail.pack as unknown as DebriefPack;
  const spots = pack.brightSpots.map((b) => b.prompt);
  const lookFors =
    spots.length > 0 ? spots : pack.focus.lenses.flatMap((l) => l.lookFors.map((x) => x.prompt));
  const walks = useQueries({
    queries: detail.walks.map((w) => ({
      queryKey: walkKeys.detail(w.id),
      queryFn: () =>
        api(`/api/walks/${w.id}`, {
          schema: () => import('../../contracts/walks.ts').then((c) => c.walkDetailSchema),
        }),
    })),
  });
  const visits = walks.flatMap((q) => (q.data?.visits ?? []).filter((v) => v.status === 'planned'));
  const [lookFor, setLookFor] = useState('');
  const [visitId, setVisitId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [scope, setScope] = useState<'school' | 'trust'>('school');
  const [proposed, setProposed] = useState<PracticeExample | null>(null);
  const propose = useMutation({
    mutationFn: () => proposeExample(detail.debrief.id, { lookFor, visitId, title, body, scope }),
    onSuccess: (example) => {
      setProposed(example);
      setTitle('');
      setBody('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate();
  };
  return (
    <section aria-labelledby="propose-example">
      <h2 id="propose-example">Share a bright spot in the practice library</h2>
      <p className="muted">
        Describe what was seen in one lesson as a short example. The teacher is asked to agree
        first; it is published only if they do, and carries their name only if they choose.
      </p>
      <form className="after-form" onSubmit={submit} aria-label="Propose an example">
        <label htmlFor="example-look-for">Bright spot (look-for)</label>
        <select
          id="example-look-for"
          required
          value={lookFor}
          onChange={(e) => setLookFor(e.target.value)}
        >
          <option value="">Choose a look-for</option>
          {lookFors.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <label htmlFor="example-visit">Lesson where it was seen</label>
        <select
          id="example-visit"
          required
          value={visitId}
          onChange={(e) => setVisitId(e.target.value)}
        >
          <option value="">Choose a lesson</option>
          {visits.map((v) => (
            <option key={v.id} value={v.id}>
              {v.classCode}, {v.startsAt}, {v.teacherName}
            </option>
          ))}
        </select>
        <label htmlFor="example-title">Title</label>
        <input
          id="example-title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor="example-body">What was seen</label>
        <textarea
          id="example-body"
          required
          maxLength={2000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <fieldset>
          <legend>Library</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="example-scope"
              checked={scope === 'school'}
              onChange={() => setScope('school')}
            />
            This school’s library
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="example-scope"
              checked={scope === 'trust'}
              onChange={() => setScope('trust')}
            />
            Shared with the trust
          </label>
        </fieldset>
        <div className="walk-actions">
          <button type="submit" className="button" disabled={propose.isPending}>
            Propose the example
          </button>
        </div>
        <div aria-live="polite">
          {propose.error ? <ErrorMessage error={propose.error} /> : null}
          {proposed && !propose.error ? (
            <p role="status">
              Proposed “{proposed.title}”. The teacher is asked to agree before it is published.
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
