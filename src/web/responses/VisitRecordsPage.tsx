import './after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { RecordBodyDto } from '../../contracts/records.ts';
import type { Flag, KeptMark, VisitRecords } from '../../contracts/responses.ts';
import { api } from '../lib/api.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { responseKeys, useVisitRecords } from './api.ts';
import { KeptText } from './KeptText.tsx';

type LookFor = VisitRecords['lookFors'][number];

const prevalenceLabels: Record<string, string> = {
  not_seen: 'Not seen',
  some: 'Some pupils',
  most: 'Most pupils',
  all: 'All pupils',
};

function answerText(value: string | number | boolean, kind: string) {
  if (kind === 'seen') return value ? 'Seen' : 'Not seen';
  if (kind === 'prevalence') return prevalenceLabels[String(value)] ?? String(value);
  return String(value);
}

const viewerLines: Record<VisitRecords['viewer'], string> = {
  teacher: 'These are the records of a visit to your class. Nobody is graded.',
  coach: 'Your colleague chose to share this visit with you as their coach.',
  leader: 'You are reading as a school leader. The teacher’s reflection is private to them.',
  observer: 'Your own record of this visit, with the teacher’s responses.',
};

/** /visits/:visitId/records — a visit's records, responses, flags, reflection and coach sharing. */
export function VisitRecordsPage() {
  const { visitId = '' } = useParams();
  const key = responseKeys.visit(visitId);
  const data = useVisitRecords(visitId);
  if (data.isPending) return <Loading what="the records" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  const v = data.data;
  const prompt = (id: string) => v.lookFors.find((f) => f.id === id);
  return (
    <>
      <h1>
        {v.visit.classCode}, {formatDay(v.visit.date)}
      </h1>
      <p className="lede">
        <strong>{v.visit.focusTitle}</strong>: {v.visit.purpose}
      </p>
      <p className="muted">{viewerLines[v.viewer]}</p>
      {v.viewer === 'teacher' ? (
        <p>
          {v.window.open && v.window.closesOn
            ? `You can respond or flag a factual error until ${formatDay(v.window.closesOn)} (${v.window.schoolDays} school days after hand-in).`
            : v.window.closesOn
              ? `The response window closed on ${formatDay(v.window.closesOn)}.`
              : 'No record has been handed in yet.'}
        </p>
      ) : null}

      <section aria-labelledby="records">
        <h2 id="records">What the observers wrote</h2>
        {v.records.length === 0 ? <p>No record has been handed in yet.</p> : null}
        {v.records.map((r) => (
          <article key={r.id} className="card">
            <h3>
              Record by {r.observerName}
              {r.versionNo > 1 ? ` (version ${r.versionNo})` : ''}
            </h3>
            <RecordBody body={r.body} prompt={prompt} kept={r.kept} />
            {r.removed > 0 ? (
              <p className="muted">
                {r.removed === 1 ? 'One phrase was' : `${r.removed} phrases were`} taken out of this
                record as shown here: it was handed in before names and flagged wording were checked
                at hand-in.
              </p>
            ) : null}
            {r.photoIds.length > 0 ? (
              <div className="record-photos">
                {r.photoIds.map((p, i) => (
                  <img
                    key={p}
                    src={`/api/visits/${visitId}/records/${r.id}/photos/${p}`}
                    alt={`Taken with ${r.observerName}'s record (${i + 1} of ${r.photoIds.length})`}
                  />
                ))}
              </div>
            ) : null}
            {r.versions.length > 1 ? (
              <details>
                <summary>History: {r.versions.length} versions</summary>
                {r.versions.map((ver) => (
                  <div key={ver.versionNo}>
                    <h4>
                      Version {ver.versionNo}
                      {ver.versionNo === 1 ? ' (as handed in)' : ''},{' '}
                      {new Date(ver.createdAt).toLocaleString('en-GB')}
                    </h4>
                    <RecordBody body={ver.body} prompt={prompt} />
                  </div>
                ))}
              </details>
            ) : null}
          </article>
        ))}
      </section>

      {v.flags.length > 0 ? (
        <section aria-labelledby="flags">
          <h2 id="flags">Factual errors flagged</h2>
          {v.flags.map((f) => (
            <FlagItem key={f.id} flag={f} visit={v} queryKey={key} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="responses">
        <h2 id="responses">Responses</h2>
        {v.responses.length === 0 ? <p className="muted">No response yet.</p> : null}
        <ul>
          {v.responses.map((r) => (
            <li key={r.id}>
              <p>{r.body}</p>
              <p className="muted">
                {r.authorName}, {new Date(r.createdAt).toLocaleString('en-GB')}
              </p>
            </li>
          ))}
        </ul>
        {v.can.respond ? <RespondForms visit={v} queryKey={key} /> : null}
      </section>

      {v.viewer === 'teacher' || v.reflection ? <Reflection visit={v} queryKey={key} /> : null}
      {v.viewer === 'teacher' ? <CoachShare visit={v} queryKey={key} /> : null}
    </>
  );
}

function RecordBody({
  body,
  prompt,
  kept = [],
}: {
  body: RecordBodyDto;
  prompt: (id: string) => LookFor | undefined;
  kept?: readonly KeptMark[];
}) {
  const marked = (field: string, text: string) => (
    <KeptText text={text} marks={kept.filter((k) => k.field === field)} />
  );
  return (
    <>
      {body.answers.length > 0 ? (
        <dl className="record-answers">
          {body.answers.map((a) => (
            <div key={a.lookForId} style={{ display: 'contents' }}>
              <dt>{prompt(a.lookForId)?.prompt ?? 'A look-for no longer in the focus'}</dt>
              <dd>
                {typeof a.value === 'string' && a.kind === 'note'
                  ? marked(`answer:${a.lookForId}`, a.value)
                  : answerText(a.value, a.kind)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p>
        <strong>Notes:</strong>{' '}
        {body.notes ? marked('notes', body.notes) : <span className="muted">none</span>}
      </p>
      {body.studentVoice.map((s) => (
        <p key={s.promptId}>
          <strong>Pupils, asked “{prompt(s.promptId)?.prompt ?? 'a prompt'}”:</strong>{' '}
          {marked(`voice:${s.promptId}`, s.text)}
        </p>
      ))}
    </>
  );
}

function useRefresh(queryKey: readonly unknown[]) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey });
}

function RespondForms({ visit, queryKey }: { visit: VisitRecords; queryKey: readonly unknown[] }) {
  const refresh = useRefresh(queryKey);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('');
  const respond = useMutation({
    mutationFn: () =>
      api(`/api/visits/${visit.visit.id}/responses`, { method: 'POST', body: { body } }),
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
      return api(`/api/visits/${visit.visit.id}/flags`, {
        method: 'POST',
        body: { recordId, item: which, explanation },
      });
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

function FlagItem({
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
      return api(`/api/record-flags/${flag.id}/resolve`, {
        method: 'POST',
        body: outcome === 'corrected' ? { outcome, correction: value, note } : { outcome, note },
      });
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

function Reflection({ visit, queryKey }: { visit: VisitRecords; queryKey: readonly unknown[] }) {
  const refresh = useRefresh(queryKey);
  const [body, setBody] = useState(visit.reflection?.body ?? '');
  const save = useMutation({
    mutationFn: () =>
      api(`/api/visits/${visit.visit.id}/reflection`, { method: 'PUT', body: { body } }),
    onSuccess: refresh,
  });
  if (!visit.can.reflect) {
    return (
      <section aria-labelledby="reflection">
        <h2 id="reflection">The teacher’s reflection</h2>
        <p>{visit.reflection?.body}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="reflection">
      <h2 id="reflection">My private reflection</h2>
      <p className="muted">
        Only you can read this — and your coach, if you choose to share it with them. School leaders
        never see it.
      </p>
      <form
        className="after-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label htmlFor="reflection-body">Reflection on my practice</label>
        <textarea
          id="reflection-body"
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <div>
          <button type="submit" className="button secondary" disabled={save.isPending}>
            Save my reflection
          </button>
        </div>
        <p role="status" aria-live="polite">
          {save.isSuccess ? 'Reflection saved.' : ''}
        </p>
        {save.error ? <ErrorMessage error={save.error} /> : null}
      </form>
    </section>
  );
}

function CoachShare({ visit, queryKey }: { visit: VisitRecords; queryKey: readonly unknown[] }) {
  const refresh = useRefresh(queryKey);
  const [withReflection, setWithReflection] = useState(visit.share?.includeReflection ?? false);
  const share = useMutation({
    mutationFn: () =>
      api(`/api/visits/${visit.visit.id}/coach-share`, {
        method: 'PUT',
        body: { includeReflection: withReflection },
      }),
    onSuccess: refresh,
  });
  const stop = useMutation({
    mutationFn: () => api(`/api/visits/${visit.visit.id}/coach-share`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="coach">
      <h2 id="coach">Share with my coach</h2>
      {!visit.coach ? (
        <p className="muted">
          You have no coach or mentor on your staff profile. A school leader can add one.
        </p>
      ) : (
        <>
          <p>
            {visit.share
              ? `Shared with ${visit.share.coachName}${visit.share.includeReflection ? ', with your reflection' : ''}.`
              : `Not shared. Your coach, ${visit.coach.name}, can read this visit only if you share it.`}
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={withReflection}
              onChange={(e) => setWithReflection(e.target.checked)}
            />
            Include my reflection
          </label>
          <div className="after-actions">
            <button type="button" className="button" onClick={() => share.mutate()}>
              {visit.share ? 'Update sharing' : `Share with ${visit.coach.name}`}
            </button>
            {visit.share ? (
              <button type="button" className="button secondary" onClick={() => stop.mutate()}>
                Stop sharing
              </button>
            ) : null}
          </div>
          {share.error || stop.error ? <ErrorMessage error={share.error ?? stop.error} /> : null}
        </>
      )}
    </section>
  );
}
