import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SessionDetail } from '../../contracts/moderation.ts';
import { prevalenceLabels, prevalenceLevels } from '../../domain/frameworks/types.ts';
import { answerText, percent, twoDp } from '../observers/answers.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { handInReading, moderationKeys } from './api.ts';

type Scene = SessionDetail['scenes'][number];
type LookFor = SessionDetail['lookFors'][number];

/**
 * One practice scene in a session: my reading (recorded as on a walk), then, once everyone has
 * handed in or the facilitator reveals, the spread of readings per look-for with no names.
 */
export function SceneReading({ session, scene }: { session: SessionDetail; scene: Scene }) {
  const client = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, boolean | string | null>>(scene.mine ?? {});
  const send = useMutation({
    mutationFn: () =>
      handInReading(session.id, scene.id, {
        answers: answers as Record<string, boolean | null>,
      }),
    onSuccess: (d) => client.setQueryData(moderationKeys.session(session.id), d),
  });
  const lookFors = session.lookFors.filter((f) => scene.lookForIds.includes(f.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <article className="card" aria-labelledby={`scene-${scene.id}`}>
      <h3 id={`scene-${scene.id}`}>{scene.title}</h3>
      <p>{scene.scene}</p>
      <p className="muted" role="status">
        {scene.handedIn} of {scene.participants} handed in
        {scene.mine ? ' · yours is in' : ''}
      </p>
      {session.isParticipant && !scene.spread ? (
        <form onSubmit={submit} aria-label={`Your reading of ${scene.title}`}>
          {lookFors.map((f) => (
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
                    name={`${scene.id}-${f.id}`}
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
          {send.error ? <ErrorMessage error={send.error} /> : null}
          <button type="submit" className="button">
            {scene.mine ? 'Change my reading' : 'Hand in my reading'}
          </button>
        </form>
      ) : null}
      {scene.spread ? <Spread scene={scene} lookFors={lookFors} k={session.k} /> : null}
    </article>
  );
}

function Spread({ scene, lookFors, k }: { scene: Scene; lookFors: LookFor[]; k: number }) {
  const spread = scene.spread!;
  return (
    <section aria-label={`How the session read ${scene.title}`}>
      {spread.suppressed ? (
        <p>
          Fewer than {k} readings are in, so the spread is hidden: a small group’s counts would show
          who read what. Your own reading is below.
        </p>
      ) : null}
      {spread.lookFors.map((s) => {
        const f = lookFors.find((l) => l.id === s.lookForId);
        return (
          <div key={s.lookForId}>
            <h4>{f?.prompt}</h4>
            <p>Your reading: {answerText(s.yours)}</p>
            {s.counts ? (
              <ul>
                {s.counts.map((c) => (
                  <li key={String(c.answer)}>
                    {answerText(c.answer)}: {c.count}
                  </li>
                ))}
              </ul>
            ) : null}
            {s.figure.n > 0 && !spread.suppressed ? (
              <p className="muted">
                Agreement between every two readers: {percent(s.figure.percentAgreement)} (n ={' '}
                {s.figure.n}); kappa {twoDp((s.figure.weighted ?? s.figure.seen)?.kappa)}
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
