import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type DebriefDetail, debriefPartLabels, debriefParts } from '../../contracts/debriefs.ts';
import type { DebriefPack } from '../../domain/debrief/pack.ts';
import { api } from '../lib/api.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { debriefKeys, useDebrief } from './api.ts';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`;

/** The pack: what the walk looked for and why, evidence per look-for, quotes, themes, prompts. */
export function PackView({ pack, heading }: { pack: DebriefPack; heading: string }) {
  return (
    <section aria-label={heading}>
      <h3>{heading}</h3>
      <p>
        {pack.evidenceShown
          ? `${pack.visits} ${pack.visits === 1 ? 'visit' : 'visits'} on ${pack.focus.walkDates.map(formatDay).join(', ')}.`
          : `Walks on ${pack.focus.walkDates.map(formatDay).join(', ')}.`}
      </p>
      <div className="table-scroll">
        <table className="pack-table">
          <caption className="visually-hidden">Evidence for each look-for</caption>
          <thead>
            <tr>
              <th scope="col">Look-for</th>
              <th scope="col">Most or all pupils (seen)</th>
              <th scope="col">How sure we can be</th>
            </tr>
          </thead>
          <tbody>
            {pack.perLookFor.map((p) => (
              <tr key={p.key}>
                <th scope="row">{p.prompt}</th>
                {p.status === 'shown' ? (
                  <>
                    <td>
                      {p.summary.headline
                        ? `${p.summary.headline.successes} of ${p.summary.headline.n} visits (${pct(p.summary.headline.share)}; likely ${pct(p.summary.headline.lower)}–${pct(p.summary.headline.upper)})`
                        : `${p.summary.n} visits`}
                    </td>
                    <td>{p.note}</td>
                  </>
                ) : (
                  <td colSpan={2}>{p.status === 'suppressed' ? p.reason : p.note}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pack.brightSpots.length > 0 ? (
        <>
          <h4>Bright spots worth sharing</h4>
          <ul>
            {pack.brightSpots.map((b) => (
              <li key={b.key}>
                <strong>{b.prompt}</strong>: {b.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pack.notes.length > 0 ? (
        <>
          <h4>From the observers’ notes (no names)</h4>
          <ul>
            {pack.notes.map((n) => (
              <li key={n}>“{n}”</li>
            ))}
          </ul>
        </>
      ) : null}
      {pack.noteThemes.length > 0 ? (
        <p>
          <strong>Themes in the notes:</strong> {pack.noteThemes.map((t) => t.phrase).join(', ')}
        </p>
      ) : null}
      {pack.studentVoice.map((sv) => (
        <p key={sv.promptId}>
          <strong>Pupils, asked “{sv.prompt}”:</strong> {sv.themes.map((t) => t.phrase).join(', ')}
        </p>
      ))}
      {pack.suppressionNotes.length > 0 ? (
        <>
          <h4>What is hidden, and why</h4>
          <ul>
            {pack.suppressionNotes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** /debriefs/:debriefId — the pack, and (for leaders) the record of the debrief and its summary. */
export function DebriefPage() {
  const { debriefId = '' } = useParams();
  const data = useDebrief(debriefId);
  if (data.isPending) return <Loading what="the debrief" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  const d = data.data;
  const pack = d.pack as unknown as DebriefPack;
  return (
    <>
      <h1>{d.debrief.title}</h1>
      <p className="lede">
        <strong>{pack.focus.title}</strong>: {pack.focus.purpose}
      </p>
      <p>
        <Link to={`/schools/${d.debrief.schoolId}/actions`}>Actions board</Link> ·{' '}
        <Link to={`/schools/${d.debrief.schoolId}/debriefs`}>All debriefs</Link>
      </p>
      <section aria-labelledby="pack">
        <h2 id="pack">Debrief pack</h2>
        {d.earlier ? (
          <div className="side-by-side">
            <PackView
              pack={d.earlier.pack as unknown as DebriefPack}
              heading={`Before: ${d.earlier.title}`}
            />
            <PackView pack={pack} heading="Now: this follow-up walk" />
          </div>
        ) : (
          <PackView pack={pack} heading="What we saw" />
        )}
        {d.earlier ? (
          <p className="muted">This walk follows up the action “{d.earlier.actionTitle}”.</p>
        ) : null}
        <h3>For the conversation</h3>
        <ul>
          {pack.discussionPrompts.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
      {d.canEdit ? <RecordForm detail={d} /> : <Outcomes detail={d} />}
      {d.nextSteps.some((s) => s.actions.length > 0) ? (
        <section aria-labelledby="actions">
          <h2 id="actions">Actions from this debrief</h2>
          <ul>
            {d.nextSteps.flatMap((s) =>
              s.actions.map((a) => (
                <li key={a.id}>
                  {a.title} — {a.ownerName}, due {formatDay(a.dueOn)} ({a.priorityTitle})
                  {a.followUpWalkId ? (
                    <>
                      {' '}
                      · <Link to={`/walks/${a.followUpWalkId}`}>follow-up walk</Link>
                    </>
                  ) : null}
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
      {d.canEdit ? <SummaryForm detail={d} /> : null}
    </>
  );
}

function Outcomes({ detail }: { detail: DebriefDetail }) {
  const d = detail.debrief;
  return (
    <section aria-labelledby="outcomes">
      <h2 id="outcomes">What the debrief agreed</h2>
      <h3>Strengths to share and celebrate</h3>
      <ul>
        {d.strengths.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Areas to develop</h3>
      <ul>
        {d.areasToDevelop.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Agreed next steps</h3>
      <ol>
        {detail.nextSteps.map((s) => (
          <li key={s.id}>{s.text}</li>
        ))}
      </ol>
    </section>
  );
}

function RecordForm({ detail }: { detail: DebriefDetail }) {
  const client = useQueryClient();
  const d = detail.debrief;
  const [title, setTitle] = useState(d.title);
  const [heldOn, setHeldOn] = useState(d.heldOn ?? '');
  const [discussion, setDiscussion] = useState(d.discussion);
  const [strengths, setStrengths] = useState(d.strengths.join('\n'));
  const [areas, setAreas] = useState(d.areasToDevelop.join('\n'));
  const [steps, setSteps] = useState(detail.nextSteps.map((s) => s.text).join('\n'));
  const [people, setPeople] = useState(
    new Map(detail.participants.map((p) => [p.personId, { part: p.part, tookPart: p.tookPart }])),
  );
  const [invitee, setInvitee] = useState('');
  const [inviteePart, setInviteePart] = useState<(typeof debriefParts)[number]>('curriculum_lead');
  const names = new Map(detail.staff.map((s) => [s.id, s.name]));
  for (const p of detail.participants) names.set(p.personId, p.name);
  const save = useMutation({
    mutationFn: () => {
      const texts = lines(steps);
      // Keep the ids of steps whose text is unchanged or in the same place, so actions stay linked.
      const nextSteps = texts.map((text, i) => {
        const same = detail.nextSteps.find((s) => s.text === text) ?? detail.nextSteps[i];
        return same ? { id: same.id, text } : { text };
      });
      const seen = new Set<string>();
      return api(`/api/debriefs/${d.id}`, {
        method: 'PUT',
        body: {
          title,
          heldOn: heldOn || null,
          discussion,
          strengths: lines(strengths),
          areasToDevelop: lines(areas),
          nextSteps: nextSteps.filter((s) => !s.id || (!seen.has(s.id) && seen.add(s.id))),
          participants: [...people].map(([personId, p]) => ({ personId, ...p })),
        },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: debriefKeys.detail(d.id) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="record-heading">
      <h2 id="record-heading">Record the debrief</h2>
      <label htmlFor="debrief-title">Title</label>
      <input id="debrief-title" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="debrief-held">Held on</label>
      <input
        id="debrief-held"
        type="date"
        value={heldOn}
        onChange={(e) => setHeldOn(e.target.value)}
      />
      <fieldset>
        <legend>Who was invited, and who took part</legend>
        {[...people].map(([personId, p]) => (
          <label key={personId} className="checkbox">
            <input
              type="checkbox"
              checked={p.tookPart}
              onChange={(e) =>
                setPeople((m) => new Map(m).set(personId, { ...p, tookPart: e.target.checked }))
              }
            />
            {names.get(personId) ?? 'Someone'} ({debriefPartLabels[p.part]}) took part
          </label>
        ))}
        <div className="row">
          <div>
            <label htmlFor="invitee">Invite</label>
            <select id="invitee" value={invitee} onChange={(e) => setInvitee(e.target.value)}>
              <option value="">Choose a person</option>
              {detail.staff
                .filter((s) => !people.has(s.id))
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <label htmlFor="invitee-part">As</label>
            <select
              id="invitee-part"
              value={inviteePart}
              onChange={(e) => setInviteePart(e.target.value as (typeof debriefParts)[number])}
            >
              {debriefParts.map((p) => (
                <option key={p} value={p}>
                  {debriefPartLabels[p]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <span aria-hidden="true">&nbsp;</span>
            <button
              type="button"
              className="button secondary"
              disabled={!invitee}
              onClick={() => {
                setPeople((m) => new Map(m).set(invitee, { part: inviteePart, tookPart: false }));
                setInvitee('');
              }}
            >
              Add to the invitation list
            </button>
          </div>
        </div>
      </fieldset>
      <label htmlFor="debrief-discussion">What was discussed</label>
      <textarea
        id="debrief-discussion"
        rows={4}
        value={discussion}
        onChange={(e) => setDiscussion(e.target.value)}
      />
      <label htmlFor="debrief-strengths">Strengths to share and celebrate (one a line)</label>
      <textarea
        id="debrief-strengths"
        rows={3}
        value={strengths}
        onChange={(e) => setStrengths(e.target.value)}
      />
      <label htmlFor="debrief-areas">Areas to develop (one a line)</label>
      <textarea
        id="debrief-areas"
        rows={3}
        value={areas}
        onChange={(e) => setAreas(e.target.value)}
      />
      <label htmlFor="debrief-steps">Agreed next steps (one a line)</label>
      <textarea
        id="debrief-steps"
        rows={3}
        value={steps}
        onChange={(e) => setSteps(e.target.value)}
      />
      <div>
        <button type="submit" className="button" disabled={save.isPending}>
          Save the debrief
        </button>
      </div>
      <p role="status" aria-live="polite">
        {save.isSuccess ? 'Debrief saved. New participants have been invited by email.' : ''}
      </p>
      {save.error ? <ErrorMessage error={save.error} /> : null}
    </form>
  );
}

function SummaryForm({ detail }: { detail: DebriefDetail }) {
  const client = useQueryClient();
  const d = detail.debrief;
  const [text, setText] = useState(d.staffSummary);
  const [status, setStatus] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: debriefKeys.detail(d.id) });
  const save = useMutation({
    mutationFn: () => api(`/api/debriefs/${d.id}/staff-summary`, { method: 'PUT', body: { text } }),
  });
  const publish = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return api(`/api/debriefs/${d.id}/staff-summary/publish`, { method: 'POST' });
    },
    onSuccess: () => {
      setStatus('The staff summary is published: every member of staff can read it.');
      return refresh();
    },
  });
  return (
    <form
      className="after-form"
      aria-labelledby="summary-heading"
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate();
      }}
    >
      <h2 id="summary-heading">Staff summary</h2>
      <p className="muted">
        Whole-group feedback for a staff meeting: no one is named. It is published with the
        strengths, areas to develop and next steps above.
        {d.summaryPublishedAt ? (
          <>
            {' '}
            Published — <Link to={`/staff-summaries/${d.id}`}>open the printable summary</Link>.
          </>
        ) : null}
      </p>
      <label htmlFor="summary-text">Summary for all staff</label>
      <textarea id="summary-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="after-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => save.mutate(undefined, { onSuccess: () => setStatus('Summary saved.') })}
        >
          Save the summary
        </button>
        <button type="submit" className="button" disabled={publish.isPending}>
          Publish to all staff
        </button>
      </div>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {publish.error || save.error ? <ErrorMessage error={publish.error ?? save.error} /> : null}
    </form>
  );
}
