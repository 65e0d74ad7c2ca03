import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type DebriefDetail, debriefPartLabels, debriefParts } from '../../contracts/debriefs.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { debriefKeys, publishStaffSummary, saveDebrief, saveStaffSummary } from './api.ts';

export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function RecordForm({ detail }: { detail: DebriefDetail }) {
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
      return saveDebrief(d.id, {
        title,
        heldOn: heldOn || null,
        discussion,
        strengths: lines(strengths),
        areasToDevelop: lines(areas),
        nextSteps: nextSteps.filter((s) => !s.id || (!seen.has(s.id) && seen.add(s.id))),
        participants: [...people].map(([personId, p]) => ({ personId, ...p })),
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

export function SummaryForm({ detail }: { detail: DebriefDetail }) {
  const client = useQueryClient();
  const d = detail.debrief;
  const [text, setText] = useState(d.staffSummary);
  const [status, setStatus] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: debriefKeys.detail(d.id) });
  const save = useMutation({
    mutationFn: () => saveStaffSummary(d.id, { text }),
  });
  const publish = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return publishStaffSummary(d.id);
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
