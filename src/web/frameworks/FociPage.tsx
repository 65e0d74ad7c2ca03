import './frameworks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { SchoolLookFor } from '../../contracts/frameworks.ts';
import { type AnswerKind, answerKindLabels, answerKinds } from '../../domain/frameworks/types.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  createFocus,
  createSchoolLookFor,
  frameworkKeys,
  removeFocus,
  useFoci,
  useFrameworks,
  useVersion,
} from './api.ts';
import { Refusal } from './Problems.tsx';

export function FociPage() {
  const { schoolId = '' } = useParams();
  const foci = useFoci(schoolId);
  if (foci.isPending) return <Loading what="the school’s foci" />;
  if (foci.error) return <ErrorMessage error={foci.error} />;
  const { canEdit } = foci.data;
  return (
    <>
      <h1>Foci and the school’s own look-fors</h1>
      <p className="lede">
        A focus is what a walk looks for and why: some lenses and look-fors from the trust’s
        framework, and a purpose staff can read beforehand.
      </p>
      <section aria-labelledby="foci">
        <h2 id="foci">Foci</h2>
        {foci.data.foci.length === 0 ? <p>No foci yet.</p> : null}
        <ul className="cards">
          {foci.data.foci.map((f) => (
            <li key={f.id} className="card">
              <h3>{f.title}</h3>
              <p>{f.purpose}</p>
              <p className="muted">
                {f.frameworkName}, version {f.versionNo}
              </p>
              <ul>
                {f.lookFors.map((l) => (
                  <li key={l.id}>
                    {l.lensName}: {l.prompt}
                  </li>
                ))}
                {f.schoolLookFors.map((l) => (
                  <li key={l.id}>School’s own: {l.prompt}</li>
                ))}
              </ul>
              {canEdit ? <RemoveFocus schoolId={schoolId} focusId={f.id} title={f.title} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {canEdit ? <NewFocus schoolId={schoolId} own={foci.data.schoolLookFors} /> : null}
      <section aria-labelledby="own">
        <h2 id="own">The school’s own look-fors</h2>
        <p className="muted">
          Kept apart from trust-wide comparison: they appear in this school’s walks only.
        </p>
        <ul>
          {foci.data.schoolLookFors.map((l) => (
            <li key={l.id}>
              {l.lensName ? `${l.lensName}: ` : ''}
              {l.prompt} <span className="muted">· {answerKindLabels[l.answerKind]}</span>
            </li>
          ))}
        </ul>
        {canEdit ? <NewSchoolLookFor schoolId={schoolId} /> : null}
      </section>
    </>
  );
}

function RemoveFocus({
  schoolId,
  focusId,
  title,
}: {
  schoolId: string;
  focusId: string;
  title: string;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeFocus(schoolId, focusId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: frameworkKeys.foci(schoolId) }),
  });
  return (
    <>
      <button type="button" className="button secondary" onClick={() => remove.mutate()}>
        Remove “{title}”
      </button>
      <Refusal error={remove.error} />
    </>
  );
}

function NewFocus({ schoolId, own }: { schoolId: string; own: SchoolLookFor[] }) {
  const queryClient = useQueryClient();
  const frameworks = useFrameworks();
  const published = (frameworks.data?.frameworks ?? []).flatMap((f) => {
    const v = f.versions.filter((x) => x.status === 'published').at(-1);
    return v ? [{ framework: f, version: v }] : [];
  });
  const [choice, setChoice] = useState('');
  const chosen = published.find((p) => p.version.id === choice) ?? published[0];
  const version = useVersion(
    chosen?.framework.id,
    String(chosen?.version.versionNo),
    Boolean(chosen),
  );
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [pickedOwn, setPickedOwn] = useState<Set<string>>(new Set());
  const create = useMutation({
    mutationFn: () =>
      createFocus(schoolId, {
        title,
        purpose,
        versionId: chosen?.version.id,
        lookForIds: [...picked],
        schoolLookForIds: [...pickedOwn],
      }),
    onSuccess: () => {
      setTitle('');
      setPurpose('');
      setPicked(new Set());
      setPickedOwn(new Set());
      queryClient.invalidateQueries({ queryKey: frameworkKeys.foci(schoolId) });
    },
  });
  const toggle = (set: Set<string>, ids: string[], on: boolean) => {
    const next = new Set(set);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    return next;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (frameworks.isPending) return <Loading what="frameworks" />;
  if (published.length === 0) {
    return <p>The trust has not published a framework yet, so no focus can be set.</p>;
  }
  return (
    <section aria-labelledby="new-focus">
      <h2 id="new-focus">New focus</h2>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="focus-framework">Framework</label>
        <select
          id="focus-framework"
          value={chosen?.version.id ?? ''}
          onChange={(e) => {
            setChoice(e.target.value);
            setPicked(new Set());
          }}
        >
          {published.map((p) => (
            <option key={p.version.id} value={p.version.id}>
              {p.framework.name}, version {p.version.versionNo}
            </option>
          ))}
        </select>
        <label htmlFor="focus-title">Title</label>
        <input id="focus-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="focus-purpose">Purpose: what we are looking for and why</label>
        <textarea
          id="focus-purpose"
          rows={3}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
        />
        {version.data?.body.lenses.map((lens) => {
          const ids = lens.lookFors.map((f) => f.id);
          const all = ids.every((id) => picked.has(id));
          return (
            <fieldset key={lens.id}>
              <legend>{lens.name}</legend>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(e) => setPicked(toggle(picked, ids, e.target.checked))}
                />
                The whole lens
              </label>
              {lens.lookFors.map((f) => (
                <label key={f.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={picked.has(f.id)}
                    onChange={(e) => setPicked(toggle(picked, [f.id], e.target.checked))}
                  />
                  {f.prompt}
                </label>
              ))}
            </fieldset>
          );
        })}
        {own.length > 0 ? (
          <fieldset>
            <legend>The school’s own look-fors</legend>
            {own.map((f) => (
              <label key={f.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={pickedOwn.has(f.id)}
                  onChange={(e) => setPickedOwn(toggle(pickedOwn, [f.id], e.target.checked))}
                />
                {f.prompt}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Refusal error={create.error} />
        <button type="submit" className="button" disabled={create.isPending}>
          Save focus
        </button>
      </form>
    </section>
  );
}

function NewSchoolLookFor({ schoolId }: { schoolId: string }) {
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState('');
  const [lensName, setLensName] = useState('');
  const [answerKind, setAnswerKind] = useState<AnswerKind>('prevalence');
  const [pupils, setPupils] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      createSchoolLookFor(schoolId, {
        prompt,
        lensName,
        answerKind,
        audience: pupils ? 'pupils' : 'observer',
      }),
    onSuccess: () => {
      setPrompt('');
      queryClient.invalidateQueries({ queryKey: frameworkKeys.foci(schoolId) });
    },
  });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3>Add a look-for for this school</h3>
      <label htmlFor="own-prompt">Prompt</label>
      <input id="own-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
      <label htmlFor="own-lens">Lens (optional)</label>
      <input id="own-lens" value={lensName} onChange={(e) => setLensName(e.target.value)} />
      <label htmlFor="own-kind">Answer</label>
      <select
        id="own-kind"
        value={answerKind}
        onChange={(e) => setAnswerKind(e.target.value as AnswerKind)}
      >
        {answerKinds.map((k) => (
          <option key={k} value={k}>
            {answerKindLabels[k]}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={pupils} onChange={(e) => setPupils(e.target.checked)} />
        Asked of pupils (student voice)
      </label>
      <Refusal error={create.error} />
      <button type="submit" className="button" disabled={create.isPending || !prompt.trim()}>
        Add look-for
      </button>
    </form>
  );
}
