import '../responses/after.css';
import './concerns.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ConcernDetail } from '../../contracts/concerns.ts';
import {
  type ConcernOutcome,
  concernKindLabels,
  concernOutcomeLabels,
  concernOutcomes,
} from '../../domain/concerns/concerns.ts';
import { formatDay } from '../lib/format.ts';
import { Field } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { concernKeys, concernStep, useConcern } from './api.ts';

type Step = Parameters<typeof concernStep>[1];
type Body = Parameters<typeof concernStep>[2];

/**
 * /concerns/:concernId — one concern, for the people with a part in it (rule 12): what it says,
 * where it has got to, and the next step that is yours (support it, acknowledge it, answer it,
 * accept or escalate the answer, answer the escalation).
 */
export function ConcernPage() {
  const { concernId = '' } = useParams();
  const concern = useConcern(concernId);
  const client = useQueryClient();
  const step = useMutation({
    mutationFn: ({ path, body }: { path: Step; body?: Body }) => concernStep(concernId, path, body),
    onSuccess: (c) => {
      client.setQueryData(concernKeys.detail(concernId), c);
      return client.invalidateQueries({ queryKey: concernKeys.school(c.schoolId) });
    },
  });
  if (concern.isPending) return <Loading what="the concern" />;
  if (concern.error) return <ErrorMessage error={concern.error} />;
  const c = concern.data;
  const run = (path: Step, body?: Body) => step.mutate({ path, body });
  return (
    <>
      <p>
        <Link to={`/schools/${c.schoolId}/concerns`}>All your concerns</Link>
      </p>
      <h1>{c.summary}</h1>
      <p className="lede">
        {c.stageLabel}
        {c.overdue ? ' — the acknowledgement is overdue' : ''}.
      </p>
      <dl className="record-answers">
        <dt>About</dt>
        <dd>{concernKindLabels[c.kind]}</dd>
        <dt>Raised by</dt>
        <dd>
          {c.raisedBy.name} on {formatDay(c.raisedOn)}
        </dd>
        <dt>Sent to</dt>
        <dd>
          {c.handler ? `${c.handler.name} (${c.handlerRole.toLowerCase()})` : 'Nobody at present'}
        </dd>
        {c.supporter ? (
          <>
            <dt>Supported by</dt>
            <dd>
              {c.supporter.name} (
              {c.supporter.status === 'asked'
                ? 'asked to confirm'
                : c.supporter.status === 'confirmed'
                  ? 'confirmed'
                  : 'did not confirm'}
              )
            </dd>
          </>
        ) : null}
        {c.link ? (
          <>
            <dt>Linked to</dt>
            <dd>{c.link.label}</dd>
          </>
        ) : null}
        <dt>To be acknowledged by</dt>
        <dd>
          {formatDay(c.acknowledgeBy)}
          {c.acknowledgedOn ? ` (acknowledged ${formatDay(c.acknowledgedOn)})` : ''}
        </dd>
      </dl>
      <h2>The concern</h2>
      <p className="prewrap">{c.details}</p>
      {c.answer ? <Answer title="The answer" answer={c.answer} /> : null}
      {c.decision ? (
        <p>
          {c.decision.decision === 'accepted'
            ? 'The answer was accepted.'
            : `Escalated to ${c.escalatedTo?.name ?? 'the trust’s named person'}.`}
          {c.decision.reason ? ` Reason: ${c.decision.reason}` : ''}
        </p>
      ) : null}
      {c.escalationAnswer ? (
        <Answer title="The trust’s answer" answer={c.escalationAnswer} />
      ) : null}
      {step.error ? <ErrorMessage error={step.error} /> : null}
      <NextStep c={c} run={run} pending={step.isPending} error={step.error} />
    </>
  );
}

function Answer({
  title,
  answer,
}: {
  title: string;
  answer: { response: string; outcome: ConcernOutcome; answeredAt: string };
}) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <p>
        <strong>Outcome:</strong> {concernOutcomeLabels[answer.outcome]}
      </p>
      <p className="prewrap">{answer.response}</p>
    </section>
  );
}

function NextStep({
  c,
  run,
  pending,
  error,
}: {
  c: ConcernDetail;
  run: (path: Step, body?: Body) => void;
  pending: boolean;
  error: unknown;
}) {
  if (c.can.support) {
    return (
      <section aria-labelledby="support">
        <h2 id="support">Do you support this concern?</h2>
        <p>You were named as supporting it. If you confirm, the head is told.</p>
        <div className="row">
          <button
            type="button"
            disabled={pending}
            onClick={() => run('support', { confirm: true })}
          >
            Yes, I support it
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => run('support', { confirm: false })}
          >
            No, I do not
          </button>
        </div>
      </section>
    );
  }
  if (c.can.acknowledge) {
    return (
      <section aria-labelledby="ack">
        <h2 id="ack">Acknowledge</h2>
        <p>Let {c.raisedBy.name} know you have received the concern; an answer follows.</p>
        <button type="button" disabled={pending} onClick={() => run('acknowledge')}>
          Acknowledge the concern
        </button>
      </section>
    );
  }
  if (c.can.answer || c.can.answerEscalation) {
    return (
      <AnswerForm
        path={c.can.answer ? 'answer' : 'escalation-answer'}
        run={run}
        pending={pending}
        error={error}
      />
    );
  }
  if (c.can.decide) return <DecideForm run={run} pending={pending} />;
  return null;
}

function AnswerForm({
  path,
  run,
  pending,
  error,
}: {
  path: Step;
  run: (path: Step, body?: Body) => void;
  pending: boolean;
  error: unknown;
}) {
  const [response, setResponse] = useState('');
  const [outcome, setOutcome] = useState<ConcernOutcome>('explained');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(path, { response, outcome });
  };
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="answer">
      <h2 id="answer">{path === 'answer' ? 'Answer the concern' : 'Answer the escalation'}</h2>
      <Field label="Your answer" name="response" error={error}>
        {(p) => (
          <textarea
            {...p}
            value={response}
            required
            maxLength={4000}
            rows={5}
            onChange={(e) => setResponse(e.target.value)}
          />
        )}
      </Field>
      <Field label="Outcome" name="outcome" error={error}>
        {(p) => (
          <select
            {...p}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as ConcernOutcome)}
          >
            {concernOutcomes.map((o) => (
              <option key={o} value={o}>
                {concernOutcomeLabels[o]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <button type="submit" disabled={pending}>
          Send the answer
        </button>
      </div>
    </form>
  );
}

function DecideForm({
  run,
  pending,
}: {
  run: (path: Step, body?: Body) => void;
  pending: boolean;
}) {
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="decide">
      <h2 id="decide">Accept the answer, or escalate</h2>
      <p>
        If you are not satisfied, you can escalate the concern to the trust’s named person, who will
        answer it.
      </p>
      <button
        type="button"
        disabled={pending}
        onClick={() => run('decision', { decision: 'accept', reason: null })}
      >
        Accept the answer
      </button>
      <div className="after-form">
        <label htmlFor="escalate-reason">Why you are escalating (optional)</label>
        <textarea
          id="escalate-reason"
          value={reason}
          maxLength={2000}
          rows={3}
          onChange={(e) => setReason(e.target.value)}
        />
        <div>
          <button
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => run('decision', { decision: 'escalate', reason: reason || null })}
          >
            Escalate to the trust
          </button>
        </div>
      </div>
    </section>
  );
}
