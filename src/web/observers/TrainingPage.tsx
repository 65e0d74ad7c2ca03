import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AttemptResult, TrainingVersion } from '../../contracts/observers.ts';
import { prevalenceLabels, prevalenceLevels } from '../../domain/frameworks/types.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { answerText } from './answers.ts';
import {
  attemptScene,
  observerKeys,
  readGuidance,
  tryExercise,
  useScene,
  useTraining,
  useTrainingVersion,
} from './api.ts';
import { TrainingProgress } from './TrainingProgress.tsx';

const moduleLabels = {
  guidance: 'Look-for guidance',
  neutral_language: 'Neutral-language exercise',
  practice_scenes: 'Practice scenes',
} as const;

/** /training — my observer training, per framework version. Results are mine alone. */
export function TrainingPage() {
  const training = useTraining();
  return (
    <>
      <h1>Observer training</h1>
      <p className="lede">
        Learn to observe fairly and record neutrally, for each version of the trust’s framework:
        read what each look-for looks like (and does not mean), practise neutral notes, and record
        practice scenes to compare with the reading the trust agreed. Your results are yours: they
        describe how you record, never anyone’s teaching.
      </p>
      {training.isPending ? <Loading what="your training" /> : null}
      {training.error ? <ErrorMessage error={training.error} /> : null}
      {training.data?.rules.length ? (
        <p>
          <strong>Training is required:</strong>{' '}
          {training.data.rules.map((r) => r.label).join('; ')}.
        </p>
      ) : null}
      <ul className="cards">
        {training.data?.versions.map((v) => (
          <li key={v.versionId} className="card">
            <h2>
              <Link to={`/training/${v.versionId}`}>
                {v.frameworkName}, version {v.versionNo}
              </Link>
            </h2>
            <p className="muted">
              {v.completed.length} of 3 parts done
              {v.completed.length === 3 ? ' · complete' : ''} · {v.sceneCount} practice scene
              {v.sceneCount === 1 ? '' : 's'}
            </p>
          </li>
        ))}
      </ul>
      <TrainingProgress />
    </>
  );
}

/** /training/:versionId — guidance, the exercise and the practice scenes of one version. */
export function TrainingVersionPage() {
  const { versionId = '' } = useParams();
  const version = useTrainingVersion(versionId);
  if (version.isPending) return <Loading what="the training" />;
  if (version.error) return <ErrorMessage error={version.error} />;
  const v = version.data;
  return (
    <>
      <p>
        <Link to="/training">Observer training</Link>
      </p>
      <h1>
        {v.frameworkName}, version {v.versionNo}
      </h1>
      <ul aria-label="Your progress" className="checklist">
        {(Object.keys(moduleLabels) as (keyof typeof moduleLabels)[]).map((m) => (
          <li key={m}>
            {moduleLabels[m]}: {v.completed.includes(m) ? 'done' : 'to do'}
          </li>
        ))}
      </ul>
      <Guidance v={v} />
      <Exercise v={v} />
      <section aria-labelledby="scenes-heading">
        <h2 id="scenes-heading">Practice scenes</h2>
        {v.scenes.length === 0 ? (
          <p>The trust has not written practice scenes for this version yet.</p>
        ) : null}
        {v.scenes.map((s) => (
          <SceneRecorder key={s.id} sceneId={s.id} passed={s.passed} versionId={v.versionId} />
        ))}
      </section>
    </>
  );
}

function Guidance({ v }: { v: TrainingVersion }) {
  const client = useQueryClient();
  const read = useMutation({
    mutationFn: () => readGuidance(v.versionId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['training'] }),
  });
  return (
    <section aria-labelledby="guidance-heading">
      <h2 id="guidance-heading">Look-for guidance</h2>
      <dl>
        {v.lookFors.map((f) => (
          <div key={f.id}>
            <dt>
              <strong>{f.prompt}</strong> <span className="muted">({f.lensName})</span>
            </dt>
            <dd>
              What it looks like: {f.looksLike ?? 'no guidance written yet'}
              <br />
              What it does not mean: {f.doesNotMean ?? 'no guidance written yet'}
            </dd>
          </div>
        ))}
      </dl>
      {read.error ? <ErrorMessage error={read.error} /> : null}
      <button
        type="button"
        className="button"
        disabled={v.completed.includes('guidance')}
        onClick={() => read.mutate()}
      >
        {v.completed.includes('guidance') ? 'Guidance read' : 'I have read the guidance'}
      </button>
    </section>
  );
}

function Exercise({ v }: { v: TrainingVersion }) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const check = useMutation({
    mutationFn: () => tryExercise(v.versionId, text),
    onSuccess: () => client.invalidateQueries({ queryKey: ['training'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.mutate();
  };
  return (
    <section aria-labelledby="exercise-heading">
      <h2 id="exercise-heading">Neutral-language exercise</h2>
      <p>{v.exerciseScene}</p>
      <form onSubmit={submit}>
        <label htmlFor="exercise-notes">Your notes</label>
        <textarea
          id="exercise-notes"
          rows={4}
          value={text}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button">
          Check my notes
        </button>
      </form>
      {check.error ? <ErrorMessage error={check.error} /> : null}
      <div aria-live="polite">
        {check.data?.passed ? <p role="status">Neutral: nothing flagged. Exercise done.</p> : null}
        {check.data && !check.data.passed ? (
          <>
            <p role="status">
              {check.data.findings.length
                ? 'Some words need another look. Rewrite them and check again:'
                : 'Write a little more about what pupils were doing, then check again.'}
            </p>
            <ul>
              {check.data.findings.map((f) => (
                <li key={`${f.start}-${f.end}`}>
                  “{f.text}”: {f.explanation} {f.hint}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}

function SceneRecorder({
  sceneId,
  passed,
  versionId,
}: {
  sceneId: string;
  passed: boolean;
  versionId: string;
}) {
  const scene = useScene(sceneId);
  const client = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, boolean | string | null>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const send = useMutation({
    mutationFn: () => attemptScene(sceneId, { answers: answers as Record<string, boolean | null> }),
    onSuccess: async (r) => {
      setResult(r);
      await client.invalidateQueries({ queryKey: observerKeys.version(versionId) });
      await client.invalidateQueries({ queryKey: observerKeys.training });
    },
  });
  if (scene.isPending) return <Loading what="the scene" />;
  if (scene.error) return <ErrorMessage error={scene.error} />;
  const s = scene.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <article className="card" aria-labelledby={`scene-${s.id}`}>
      <h3 id={`scene-${s.id}`}>
        {s.title} {passed ? <span className="muted">(done)</span> : null}
      </h3>
      <p>{s.scene}</p>
      <form onSubmit={submit} aria-label={`Record ${s.title}`}>
        {s.lookFors.map((f) => (
          <fieldset key={f.id}>
            <legend>{f.prompt}</legend>
            {(f.answerKind === 'seen'
              ? [
                  ['true', 'Seen'],
                  ['false', 'Not seen'],
                ]
              : prevalenceLevels.map((p) => [p, prevalenceLabels[p]])
            ).map(([value, label]) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name={`${s.id}-${f.id}`}
                  value={value}
                  checked={String(answers[f.id]) === value}
                  onChange={() =>
                    setAnswers({
                      ...answers,
                      [f.id]: f.answerKind === 'seen' ? value === 'true' : (value ?? null),
                    })
                  }
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit" className="button">
          Compare with the reference
        </button>
      </form>
      {send.error ? <ErrorMessage error={send.error} /> : null}
      {result ? (
        <section aria-live="polite" aria-label="Differences from the reference">
          <p role="status">
            {result.passed
              ? 'Your record matches the agreed reading (or is one step from it).'
              : 'Your record differs from the agreed reading here:'}
          </p>
          <table>
            <caption className="visually-hidden">Your record beside the reference</caption>
            <thead>
              <tr>
                <th scope="col">Look-for</th>
                <th scope="col">You</th>
                <th scope="col">Reference</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.differences.map((d) => (
                <tr key={d.lookForId} data-outcome={d.outcome}>
                  <th scope="row">{d.prompt}</th>
                  <td>
                    {answerText(d.yours)}
                    {d.outcome === 'same'
                      ? ' ✓'
                      : d.outcome === 'near'
                        ? ' (one step away)'
                        : ' (differs)'}
                  </td>
                  <td>{answerText(d.reference)}</td>
                  <td>{d.why ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </article>
  );
}
