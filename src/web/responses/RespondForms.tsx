import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Flag, VisitRecords } from '../../contracts/responses.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { addResponse, flagRecord, resolveFlag } from './api.ts';
import { prevalenceLabels } from './RecordBody.tsx';

export function useRefresh(queryKey: readonly unknown[]) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey });
}

export function RespondForms({
  visit,
  queryKey,
}: {
  visit: VisitRecords;
  queryKey: readonly unknown[];
}) {
  const refresh = useRefresh(queryKey);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('');
  const respond = useMutation({
    mutationFn: () => addResponse(visit.visit.id, { body }),
    onSuccess: () => {
      setBody('');
      setStatus('Your response was added. The observers have been told.');
      return refresh();
    },
  });
  const items = visit.records.flatMap((r) => [
    { value: `${r.id}|notes`, label: `${r.observerName}: notes` },
    ...r.body.answers.map((a) => ({
      value: `${r.id}|answer:${a.lookForId}`,
      label: `${r.observerName}: ${visit.lookFors.find((f) => f.id === a.lookForId)?.prompt ?? 'answer'}`,
    })),
    ...r.body.studentVoice.map((s) => ({
      value: `${r.id}|voice:${s.promptId}`,
      label: `${r.observerName}: pupils’ answer to “${visit.lookFors.find((f) => f.id === s.promptId)?.prompt ?? 'a prompt'}”`,
    })),
  ]);
  const [item, setItem] = useState(items[0]?.value ?? '');
  const [explanation, setExplanation] = useState('');
  const flag = useMutation({
    mutationFn: () => {
      const [recordId, which] = item.split('|');
      return flagRecord(visit.visit.id, { recordId, item: which, explanation });
    },
    onSuccess: () => {
      setExplanation('');
      setStatus(
        'The factual error was flagged. The observer and the school’s leaders have been told.',
      );
      return refresh();
    },
  });
  const submit = (e: FormEvent, run: () => void) => {
    e.preventDefault();
    run();
  };
  return (
    <>
      <p role="status" aria-live="polite">
        {status}
      </p>
      <form className="after-form" onSubmit={(e) => submit(e, () => respond.mutate())}>
        <label htmlFor="response">Your response: context the observers could not see</label>
        <textarea
          id="response"
          rows={3}
          required
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <div>
          <button type="submit" className="button" disabled={respond.isPending}>
            Add my response
          </button>
        </div>
        {respond.error ? <ErrorMessage error={respond.error} /> : null}
      </form>
      <form className="after-form" onSubmit={(e) => submit(e, () => flag.mutate())}>
        <h3>Flag a factual error</h3>
        <label htmlFor="flag-item">Which item is wrong</label>
        <select id="flag-item" value={item} onChange={(e) => setItem(e.target.value)}>
          {items.map((i) => (
            <option key={i.value} value={i.value}>
              {i.label}
            </option>
          ))}
        </select>
        <label htmlFor="flag-explanation">What is wrong, and what happened</label>
        <textarea
          id="flag-explanation"
          rows={2}
          required
          value={explanation}
          onChange={(e) => setExplanation(e.target.value)}
        />
        <div>
          <button type="submit" className="button secondary" disabled={flag.isPending}>
            Flag the error
          </button>
        </div>
        {flag.error ? <ErrorMessage error={flag.error} /> : null}
      </form>
    </>
  );
}

export function FlagItem({
  flag,
  visit,
  queryKey,
}: {
  flag: Flag;
  visit: VisitRecords;
  queryKey: readonly unknown[];
}) {
  const refresh = useRefresh(queryKey);
  const [outcome, setOutcome] = useState<'corrected' | 'not_changed'>('corrected');
  const [correction, setCorrection] = useState('');
  const [note, setNote] = useState('');
  const [kind, id] = flag.item.split(':');
  const answerKind =
    kind === 'answer' ? visit.lookFors.find((f) => f.id === id)?.answerKind : 'note';
  const resolve = useMutation({
    mutationFn: () => {
      const value =
        answerKind === 'seen'
          ? correction === 'true'
          : answerKind === 'count'
            ? Number(correction)
            : correction;
      return resolveFlag(
        flag.id,
        outcome === 'corrected' ? { outcome, correction: value, note } : { outcome, note },
      );
    },
    onSuccess: refresh,
  });
  const fieldId = `correction-${flag.id}`;
  return (
    <div className={`flag ${flag.status === 'open' ? '' : 'settled'}`}>
      <p>
        <strong>{flag.itemLabel}</strong> (version {flag.againstVersion}): {flag.explanation}
      </p>
      <p className="muted">
        {flag.status === 'open'
          ? 'Waiting for the observer’s answer.'
          : flag.status === 'corrected'
            ? `Corrected as version ${flag.correctedVersion}.${flag.resolutionNote ? ` ${flag.resolutionNote}` : ''}`
            : `Not changed: ${flag.resolutionNote}`}
      </p>
      {flag.canResolve ? (
        <form
          className="after-form"
          onSubmit={(e) => {
            e.preventDefault();
            resolve.mutate();
          }}
        >
          <fieldset>
            <legend>Answer the flag</legend>
            <label className="checkbox">
              <input
                type="radio"
                name={`outcome-${flag.id}`}
                checked={outcome === 'corrected'}
                onChange={() => setOutcome('corrected')}
              />
              Correct it (the original stays in the history)
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name={`outcome-${flag.id}`}
                checked={outcome === 'not_changed'}
                onChange={() => setOutcome('not_changed')}
              />
              Leave it as written, and say why
            </label>
          </fieldset>
          {outcome === 'corrected' ? (
            <>
              <label htmlFor={fieldId}>Corrected value</label>
              {answerKind === 'prevalence' ? (
                <select
                  id={fieldId}
                  value={correction}
                  onChange={(e) => setCorrection(e.target.value)}
                >
                  <option value="">Choose</option>
                  {Object.entries(prevalenceLabels).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
              ) : answerKind === 'seen' ? (
                <select
                  id={fieldId}
                  value={correction}
                  onChange={(e) => setCorrection(e.target.value)}
                >
                  <option value="">Choose</option>
                  <option value="true">Seen</option>
                  <option value="false">Not seen</option>
                </select>
              ) : answerKind === 'count' ? (
                <input
                  id={fieldId}
                  type="number"
                  min={0}
                  value={correction}
                  onChange={(e) => setCorrection(e.target.value)}
                />
              ) : (
                <textarea
                  id={fieldId}
                  rows={3}
                  value={correction}
                  onChange={(e) => setCorrection(e.target.value)}
                />
              )}
            </>
          ) : null}
          <label htmlFor={`note-${flag.id}`}>Note to the teacher</label>
          <textarea
            id={`note-${flag.id}`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div>
            <button type="submit" className="button" disabled={resolve.isPending}>
              Send my answer
            </button>
          </div>
          {resolve.error ? <ErrorMessage error={resolve.error} /> : null}
        </form>
      ) : null}
    </div>
  );
}
