import '../walks/walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type { programmeListSchema } from '../../contracts/programmes.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { InvitationsPanel } from '../walks/InvitationsPanel.tsx';
import { SchoolWalksList } from '../walks/SchoolWalksList.tsx';
import { createProgramme, programmeKeys, programmeStatusLabels, useProgrammes } from './api.ts';

type ProgrammeList = z.infer<typeof programmeListSchema>;

/** /schools/:schoolId/programmes — the school's programmes of walks, and a new one (leaders). */
export function ProgrammesPage() {
  const { schoolId = '' } = useParams();
  const list = useProgrammes(schoolId);
  if (list.isPending) return <Loading what="programmes" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  return (
    <>
      <h1>Programmes of learning walks</h1>
      <p className="lede">
        A programme is the term’s plan of walks. Staff read it and comment in consultation, agree
        it, and only then is it published.
      </p>
      {list.data.programmes.length === 0 ? <p>No programmes yet.</p> : null}
      <ul className="cards">
        {list.data.programmes.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/programmes/${p.id}`}>{p.title}</Link>
            </h2>
            <p>
              <span className={`status-pill ${p.status}`}>{programmeStatusLabels[p.status]}</span>{' '}
              {p.termName ?? `${formatDay(p.startsOn)} to ${formatDay(p.endsOn)}`}
            </p>
            <p className="muted">
              {p.walkCount} walk{p.walkCount === 1 ? '' : 's'}
            </p>
          </li>
        ))}
      </ul>
      {list.data.canEdit ? <InvitationsPanel schoolId={schoolId} /> : null}
      {list.data.canEdit ? <SchoolWalksList schoolId={schoolId} /> : null}
      {list.data.canEdit ? <NewProgramme schoolId={schoolId} terms={list.data.terms} /> : null}
    </>
  );
}

function NewProgramme({ schoolId, terms }: { schoolId: string; terms: ProgrammeList['terms'] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [termId, setTermId] = useState(terms[0]?.id ?? '');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createProgramme(
        schoolId,
        termId
          ? { title, description, termId }
          : { title, description, termId: null, startsOn, endsOn },
      ),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: programmeKeys.school(schoolId) });
      navigate(`/programmes/${created.programme.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-programme">
      <h2 id="new-programme">New programme</h2>
      <form className="plan-form" onSubmit={submit}>
        <label htmlFor="programme-title">Title</label>
        <input
          id="programme-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Autumn 2026 learning walks"
        />
        <label htmlFor="programme-description">What the programme is for</label>
        <textarea
          id="programme-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <label htmlFor="programme-term">Term</label>
        <select id="programme-term" value={termId} onChange={(e) => setTermId(e.target.value)}>
          {terms.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({formatDay(t.startsOn)} to {formatDay(t.endsOn)})
            </option>
          ))}
          <option value="">Other dates…</option>
        </select>
        {termId ? null : (
          <div className="row">
            <div>
              <label htmlFor="programme-starts">Starts on</label>
              <input
                id="programme-starts"
                type="date"
                value={startsOn}
                onChange={(e) => setStartsOn(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor="programme-ends">Ends on</label>
              <input
                id="programme-ends"
                type="date"
                value={endsOn}
                onChange={(e) => setEndsOn(e.target.value)}
              />
            </div>
          </div>
        )}
        <div className="walk-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Draft the programme
          </button>
        </div>
        {create.error ? <ErrorMessage error={create.error} /> : null}
      </form>
    </section>
  );
}
