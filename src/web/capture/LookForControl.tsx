import { useState } from 'react';
import type { CaptureLookForDto } from '../../contracts/records.ts';
import { prevalenceLabels, prevalenceLevels } from '../../domain/frameworks/types.ts';
import type { RecordBody } from '../../domain/records/body.ts';
import { answerOf, setAnswer } from './answers.ts';

export function LookForControl({
  lookFor,
  body,
  onChange,
}: {
  lookFor: CaptureLookForDto;
  body: RecordBody;
  onChange: (change: (body: RecordBody) => RecordBody) => void;
}) {
  const answer = answerOf(body, lookFor.id);
  const name = `lf-${lookFor.id}`;
  const guidance = lookFor.looksLike ? (
    <details className="lf-guidance">
      <summary>Guidance</summary>
      <p>Looks like: {lookFor.looksLike}</p>
      {lookFor.doesNotMean ? <p>Does not mean: {lookFor.doesNotMean}</p> : null}
    </details>
  ) : null;

  if (lookFor.answerKind === 'prevalence' || lookFor.answerKind === 'seen') {
    const options =
      lookFor.answerKind === 'prevalence'
        ? prevalenceLevels.map((p) => ({ value: p, label: prevalenceLabels[p] }))
        : [
            { value: 'seen', label: 'Seen' },
            { value: 'not_seen', label: 'Not seen' },
          ];
    const current =
      answer?.kind === 'prevalence'
        ? answer.value
        : answer?.kind === 'seen'
          ? answer.value
            ? 'seen'
            : 'not_seen'
          : null;
    return (
      <fieldset className="look-for">
        <legend>{lookFor.prompt}</legend>
        <div className="chips">
          {options.map((o) => (
            <label key={o.value} className="chip">
              <input
                type="radio"
                name={name}
                value={o.value}
                checked={current === o.value}
                onChange={() =>
                  onChange((b) =>
                    setAnswer(
                      b,
                      lookFor.answerKind === 'prevalence'
                        ? {
                            lookForId: lookFor.id,
                            kind: 'prevalence',
                            value: o.value as (typeof prevalenceLevels)[number],
                          }
                        : { lookForId: lookFor.id, kind: 'seen', value: o.value === 'seen' },
                    ),
                  )
                }
              />
              <span>{o.label}</span>
            </label>
          ))}
          {current !== null ? (
            <button
              type="button"
              className="chip-clear"
              onClick={() => onChange((b) => setAnswer(b, { lookForId: lookFor.id, value: null }))}
            >
              Clear<span className="visually-hidden"> the answer to {lookFor.prompt}</span>
            </button>
          ) : null}
        </div>
        {guidance}
      </fieldset>
    );
  }

  if (lookFor.answerKind === 'count') {
    const value = answer?.kind === 'count' ? answer.value : 0;
    const set = (n: number) =>
      onChange((b) =>
        setAnswer(b, {
          lookForId: lookFor.id,
          kind: 'count',
          value: Math.max(0, Math.min(9999, n)),
        }),
      );
    return (
      <fieldset className="look-for">
        <legend>{lookFor.prompt}</legend>
        <div className="counter">
          <button
            type="button"
            className="count-button"
            onClick={() => set(value - 1)}
            disabled={value === 0}
          >
            −<span className="visually-hidden"> one fewer: {lookFor.prompt}</span>
          </button>
          <output aria-live="polite" className="count-value">
            {value}
          </output>
          <button type="button" className="count-button" onClick={() => set(value + 1)}>
            +<span className="visually-hidden"> one more: {lookFor.prompt}</span>
          </button>
        </div>
        {guidance}
      </fieldset>
    );
  }

  return (
    <NoteAnswer
      lookFor={lookFor}
      initial={answer?.kind === 'note' ? answer.value : ''}
      onChange={(text) =>
        onChange((b) =>
          setAnswer(
            b,
            text
              ? { lookForId: lookFor.id, kind: 'note', value: text }
              : { lookForId: lookFor.id, value: null },
          ),
        )
      }
    />
  );
}

export function NoteAnswer({
  lookFor,
  initial,
  onChange,
}: {
  lookFor: CaptureLookForDto;
  initial: string;
  onChange: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const id = `note-${lookFor.id}`;
  return (
    <div className="look-for">
      <label htmlFor={id}>{lookFor.prompt}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
    </div>
  );
}
