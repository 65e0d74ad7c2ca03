import '../walks/walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { walkFeedbackSchema } from '../../contracts/feedback.ts';
import { ApiFailure } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { feedbackHeld, feedbackKeys, offerFeedback, useWalkFeedback } from './api.ts';

type WalkVisit = z.infer<typeof walkFeedbackSchema>['visits'][number];

/**
 * On a published walk whose plan says feedback is in person (issue 16): for each visited
 * teacher, the observer offers times for a short conversation, sees the teacher's answer and
 * records the conversation as held.
 */
export function WalkFeedback({ walkId }: { walkId: string }) {
  const feedback = useWalkFeedback(walkId, true);
  // Only the walk's observers and the school's leaders arrange feedback; others see nothing here.
  if (feedback.error instanceof ApiFailure && feedback.error.status === 403) return null;
  return (
    <section aria-labelledby="feedback-conversations">
      <h2 id="feedback-conversations">Feedback conversations</h2>
      <p className="muted">
        The plan says feedback is given in person. Offer each teacher one or more times after their
        lesson; they pick one or say written feedback is fine.
      </p>
      {feedback.isPending ? <Loading what="the feedback conversations" /> : null}
      {feedback.error ? <ErrorMessage error={feedback.error} /> : null}
      <ul className="cards">
        {feedback.data?.visits.map((v) => (
          <li key={v.visitId} className="card">
            <OfferFeedback walkId={walkId} visit={v} />
          </li>
        ))}
      </ul>
    </section>
  );
}

const MAX_TIMES = 5;

/** A time being typed; its key keeps the input's identity when others are added. */
type Slot = { key: string; value: string };
let slots = 0;
const newSlot = (): Slot => ({ key: `time-${++slots}`, value: '' });

/** One visit's feedback conversation: the offer form, the teacher's answer, "held". */
export function OfferFeedback({ walkId, visit }: { walkId: string; visit: WalkVisit }) {
  const client = useQueryClient();
  const c = visit.conversation;
  const [times, setTimes] = useState<Slot[]>([newSlot()]);
  const [minutes, setMinutes] = useState(15);
  const refresh = () => client.invalidateQueries({ queryKey: feedbackKeys.walk(walkId) });
  const offer = useMutation({
    mutationFn: () =>
      offerFeedback(visit.visitId, {
        times: times.filter((t) => t.value).map((t) => new Date(t.value).toISOString()),
        minutes,
      }),
    onSuccess: async () => {
      setTimes([newSlot()]);
      await refresh();
    },
  });
  const held = useMutation({ mutationFn: () => feedbackHeld(visit.visitId), onSuccess: refresh });
  const who = `${visit.teacherName}, ${visit.classCode}`;
  const id = (what: string) => `feedback-${visit.visitId}-${what}`;
  return (
    <>
      <h3>{who}</h3>
      {c ? <Answer c={c} /> : <p>No times offered yet.</p>}
      {c?.choice === 'time' && !c.heldAt ? (
        <div className="walk-actions" aria-live="polite">
          <button
            type="button"
            className="button"
            disabled={held.isPending}
            onClick={() => held.mutate()}
          >
            Record as held
          </button>
          {held.error ? <ErrorMessage error={held.error} /> : null}
        </div>
      ) : null}
      {c?.choice ? null : (
        <form
          className="plan-form"
          aria-label={`Offer feedback times: ${who}`}
          onSubmit={(e) => {
            e.preventDefault();
            offer.mutate();
          }}
        >
          {times.map((t, i) => (
            <div key={t.key}>
              <label htmlFor={id(t.key)}>Time {i + 1}</label>
              <input
                id={id(t.key)}
                type="datetime-local"
                required={i === 0}
                value={t.value}
                onChange={(e) =>
                  setTimes(
                    times.map((x) => (x.key === t.key ? { ...x, value: e.target.value } : x)),
                  )
                }
              />
            </div>
          ))}
          <div>
            <label htmlFor={id('minutes')}>Minutes</label>
            <input
              id={id('minutes')}
              type="number"
              min={5}
              max={60}
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
            />
          </div>
          <div className="walk-actions">
            {times.length < MAX_TIMES ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => setTimes([...times, newSlot()])}
              >
                Add another time
              </button>
            ) : null}
            <button type="submit" className="button" disabled={offer.isPending}>
              {c ? 'Offer these times instead' : 'Offer these times'}
            </button>
          </div>
          <div aria-live="polite">{offer.error ? <ErrorMessage error={offer.error} /> : null}</div>
        </form>
      )}
    </>
  );
}

function Answer({ c }: { c: NonNullable<WalkVisit['conversation']> }) {
  if (c.heldAt) {
    return <p>Held on {formatInstant(c.chosenTime ?? c.heldAt)}.</p>;
  }
  if (c.choice === 'written') return <p>The teacher says written feedback is fine.</p>;
  if (c.choice === 'time' && c.chosenTime) {
    return (
      <p>
        Arranged: {formatInstant(c.chosenTime)}, {c.minutes} minutes.
      </p>
    );
  }
  return (
    <p>
      Offered ({c.minutes} minutes): {c.offeredTimes.map((t) => formatInstant(t)).join('; ')}.
      Waiting for the teacher to answer.
    </p>
  );
}
