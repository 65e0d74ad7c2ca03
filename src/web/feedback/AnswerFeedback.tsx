import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import type { AnswerFeedbackInput, FeedbackConversation } from '../../contracts/feedback.ts';
import { formatInstant } from '../lib/format.ts';
import { noticeKeys } from '../notices/api.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { answerFeedback, feedbackKeys, useMyFeedback } from './api.ts';

/**
 * "Feedback on my visited lessons" (issue 16), on My visits, where the `feedback_offered` notice
 * leads: the teacher picks one of the times offered, or says written feedback is fine.
 */
export function MyFeedback() {
  const mine = useMyFeedback();
  const { hash } = useLocation();
  const ready = Boolean(mine.data);
  // The notice links to #feedback: once the answers are here, bring them into view.
  useEffect(() => {
    if (ready && hash === '#feedback') document.getElementById('feedback')?.scrollIntoView();
  }, [ready, hash]);
  if (mine.error) return <ErrorMessage error={mine.error} />;
  if (!mine.data || mine.data.conversations.length === 0) return null;
  return (
    <section aria-labelledby="feedback-heading" id="feedback">
      <h2 id="feedback-heading">Feedback conversations</h2>
      <ul className="cards">
        {mine.data.conversations.map((c) => (
          <li key={c.visitId} className="card">
            <AnswerFeedback c={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AnswerFeedback({ c }: { c: FeedbackConversation }) {
  const client = useQueryClient();
  const answer = useMutation({
    mutationFn: (body: AnswerFeedbackInput) => answerFeedback(c.visitId, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: feedbackKeys.mine });
      await client.invalidateQueries({ queryKey: noticeKeys.notices() });
    },
  });
  return (
    <>
      <h3>
        {c.classCode}, visited {formatInstant(c.visitStart)}
      </h3>
      {c.choice === null ? (
        <fieldset>
          <legend>Choose a feedback time: {c.classCode}</legend>
          <p>
            The observer offers a short conversation ({c.minutes} minutes) about the visit. Pick a
            time, or say written feedback is fine.
          </p>
          <div className="walk-actions">
            {c.offeredTimes.map((t) => (
              <button
                key={t}
                type="button"
                className="button"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ time: t })}
              >
                {formatInstant(t)}
              </button>
            ))}
            <button
              type="button"
              className="button secondary"
              disabled={answer.isPending}
              onClick={() => answer.mutate({ written: true })}
            >
              Written feedback is fine
            </button>
          </div>
          <div aria-live="polite">
            {answer.error ? <ErrorMessage error={answer.error} /> : null}
          </div>
        </fieldset>
      ) : c.choice === 'written' ? (
        <p>You said written feedback is fine.</p>
      ) : (
        <p>
          {c.heldAt ? 'Held' : 'Arranged'}: {c.chosenTime ? formatInstant(c.chosenTime) : ''},{' '}
          {c.minutes} minutes.
        </p>
      )}
    </>
  );
}
