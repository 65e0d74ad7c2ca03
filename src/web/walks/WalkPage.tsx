import './walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Proposal, Visit, WalkDetail, WalkInput } from '../../contracts/walks.ts';
import { formatDay } from '../lib/format.ts';
import { useEveryone } from '../staff/api.ts';
import { PeoplePicker } from '../ui/PeoplePicker.tsx';
import { ProblemList, Refusals } from '../ui/Refusals.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { changeWalk, planWalk, useAlternatives, useWalk, walkKeys } from './api.ts';
import { WalkForm, walkKindLabels } from './WalkForm.tsx';

/** /walks/:walkId — the walk editor, its route, the planner and publishing. */
export function WalkEditorPage() {
  const { walkId = '' } = useParams();
  const queryClient = useQueryClient();
  const walk = useWalk(walkId);
  const set = (data: WalkDetail) => queryClient.setQueryData(walkKeys.detail(walkId), data);
  const publish = useMutation({
    mutationFn: () => changeWalk(walkId, '/publish', { method: 'POST' }),
    onSuccess: set,
  });
  const save = useMutation({
    mutationFn: (input: WalkInput) => changeWalk(walkId, '', { method: 'PUT', body: input }),
    onSuccess: set,
  });
  const [cancelReason, setCancelReason] = useState('');
  const cancel = useMutation({
    mutationFn: () =>
      changeWalk(walkId, '/cancel', {
        method: 'POST',
        body: { reason: cancelReason },
      }),
    onSuccess: set,
  });
  if (walk.isPending) return <Loading what="the walk" />;
  if (walk.error) return <ErrorMessage error={walk.error} />;
  const { walk: w, visits, problems, canEdit } = walk.data;
  const planned = visits.filter((v) => v.status === 'planned');
  const editable = canEdit && w.status !== 'cancelled';
  return (
    <>
      <p>
        {w.programmeId ? (
          <Link to={`/programmes/${w.programmeId}`}>Programme: {w.programmeTitle}</Link>
        ) : (
          <span className="muted">Outside a programme: {w.offProgrammeReason}</span>
        )}
        {w.programmeId && w.offProgrammeReason ? (
          <span className="muted"> · Outside its agreed plan: {w.offProgrammeReason}</span>
        ) : null}
      </p>
      {w.kind === 'health_and_safety' ? (
        <p className="muted">
          A health-and-safety walk audits rooms, not teaching: its visits do not count towards any
          teacher’s cap of observations or the one-visit-a-day rule.
        </p>
      ) : null}
      <h1>
        {walkKindLabels[w.kind]}, {formatDay(w.date)}, {w.windowStart}–{w.windowEnd}
      </h1>
      <p>
        <span className={`status-pill ${w.status}`}>{w.status}</span> {w.schoolName}
        {w.cancelReason ? ` · Cancelled: ${w.cancelReason}` : ''}
      </p>
      <p>
        <strong>{w.focusTitle || 'No focus yet'}</strong>
        {w.purpose ? `: ${w.purpose}` : ''}
      </p>
      {w.departments.length > 0 || w.yearGroups.length > 0 ? (
        <p>
          Lessons looked at:{' '}
          {[w.departments.map((d) => d.name).join(', '), w.yearGroups.map((y) => y.name).join(', ')]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      <p>Observers: {w.observers.map((o) => o.fullName).join(' and ') || 'none yet'}</p>
      {canEdit && w.status === 'published' ? (
        <ChangeObservers walkId={walkId} schoolId={w.schoolId} current={w.observers} />
      ) : null}

      <section aria-labelledby="route">
        <h2 id="route">Route</h2>
        {planned.length === 0 ? <p>No visits yet.</p> : null}
        {planned.length > 0 ? (
          <div className="table-scroll">
            <table className="route">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Time</th>
                  <th scope="col">Class</th>
                  <th scope="col">Room</th>
                  <th scope="col">Teacher</th>
                  <th scope="col">Why this lesson</th>
                  {editable ? <th scope="col">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {planned.map((v) => (
                  <VisitRow
                    key={v.id}
                    walkId={walkId}
                    visit={v}
                    editable={editable}
                    published={w.status === 'published'}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {editable ? <Planner walkId={walkId} /> : null}

      {canEdit && w.status === 'draft' ? (
        <section aria-labelledby="publish">
          <h2 id="publish">Publish</h2>
          {problems.length > 0 ? (
            <>
              <p>Before it can be published:</p>
              <ProblemList problems={problems} />
            </>
          ) : (
            <p>Every rule is kept. Publishing tells each teacher beforehand.</p>
          )}
          <div className="walk-actions" aria-live="polite">
            <button
              type="button"
              className="button"
              disabled={publish.isPending}
              onClick={() => publish.mutate()}
            >
              Publish the walk
            </button>
          </div>
          <Refusals error={publish.error} />
        </section>
      ) : null}

      {canEdit && w.status === 'draft' ? (
        <details>
          <summary>Edit date, window, focus and observers</summary>
          <WalkForm
            schoolId={w.schoolId}
            programmeId={w.programmeId}
            initial={w}
            submitLabel="Save changes"
            pending={save.isPending}
            error={null}
            onSubmit={(input) => save.mutate(input)}
          />
          <Refusals error={save.error} />
        </details>
      ) : null}

      {editable ? (
        <details>
          <summary>Cancel the walk</summary>
          <form
            className="plan-form"
            onSubmit={(e) => {
              e.preventDefault();
              cancel.mutate();
            }}
          >
            <label htmlFor="cancel-reason">Why (staff are told)</label>
            <input
              id="cancel-reason"
              value={cancelReason}
              onChange={(e) => setCancelReason(e.target.value)}
            />
            <div className="walk-actions">
              <button type="submit" className="button secondary" disabled={cancel.isPending}>
                Cancel the walk
              </button>
            </div>
            {cancel.error ? <ErrorMessage error={cancel.error} /> : null}
          </form>
        </details>
      ) : null}
    </>
  );
}

function VisitRow({
  walkId,
  visit,
  editable,
  published,
}: {
  walkId: string;
  visit: Visit;
  editable: boolean;
  published: boolean;
}) {
  const queryClient = useQueryClient();
  const set = (data: WalkDetail) => queryClient.setQueryData(walkKeys.detail(walkId), data);
  const [swapping, setSwapping] = useState(false);
  const [moving, setMoving] = useState(false);
  const [newStart, setNewStart] = useState(visit.startsAt);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: () =>
      changeWalk(walkId, `/visits/${visit.id}/move`, {
        method: 'POST',
        body: { startsAt: newStart },
      }),
    onSuccess: (data) => {
      setMoving(false);
      set(data);
    },
  });
  const cancelVisit = useMutation({
    mutationFn: () =>
      changeWalk(walkId, `/visits/${visit.id}/cancel`, {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: set,
  });
  const remove = useMutation({
    mutationFn: () => changeWalk(walkId, `/visits/${visit.id}`, { method: 'DELETE' }),
    onSuccess: set,
  });
  const alternatives = useAlternatives(walkId, visit.id, swapping);
  const swap = useMutation({
    mutationFn: (lessonId: string) =>
      changeWalk(walkId, `/visits/${visit.id}/swap`, {
        method: 'POST',
        body: { lessonId },
      }),
    onSuccess: (data) => {
      setSwapping(false);
      set(data);
    },
  });
  return (
    <tr>
      <td>{visit.order}</td>
      <td>
        {visit.startsAt}–{visit.endsAt}
      </td>
      <td>
        {visit.classCode} · {visit.department}, {visit.yearGroup}
        {visit.invited ? ' · invited' : ''}
      </td>
      <td>
        {visit.room} ({visit.building}, floor {visit.floor})
      </td>
      <td>
        {visit.teacherName}
        {visit.coTeacherNames.length > 0 ? ` with ${visit.coTeacherNames.join(' and ')}` : ''}
        {visit.needsTeacherAgreement ? (
          <p className="muted">
            {visit.teacherAgreedAt
              ? 'Changed inside the notice period: the teacher agreed.'
              : 'Changed inside the notice period: waiting for the teacher to agree. It cannot be recorded until they do.'}
          </p>
        ) : null}
      </td>
      <td>
        <ul>
          {visit.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </td>
      {editable ? (
        <td>
          <div className="walk-actions">
            {visit.invited ? null : (
              <button
                type="button"
                className="button secondary"
                aria-expanded={swapping}
                onClick={() => setSwapping(!swapping)}
              >
                Swap
              </button>
            )}
            <button
              type="button"
              className="button secondary"
              aria-expanded={moving}
              onClick={() => setMoving(!moving)}
            >
              Move
            </button>
            {published ? (
              <button
                type="button"
                className="button secondary"
                aria-expanded={cancelling}
                onClick={() => setCancelling(!cancelling)}
              >
                Cancel visit
              </button>
            ) : (
              <button
                type="button"
                className="button secondary"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Remove
              </button>
            )}
          </div>
          {moving ? (
            <form
              className="plan-form"
              onSubmit={(e) => {
                e.preventDefault();
                move.mutate();
              }}
            >
              <label htmlFor={`move-${visit.id}`}>New start time (same day)</label>
              <input
                id={`move-${visit.id}`}
                type="time"
                required
                value={newStart}
                onChange={(e) => setNewStart(e.target.value)}
              />
              {published ? (
                <p className="muted">
                  The teacher and the observers are told. Inside the notice period the visit goes
                  ahead only if the teacher agrees.
                </p>
              ) : null}
              <div className="walk-actions">
                <button type="submit" className="button" disabled={move.isPending}>
                  Move the visit
                </button>
              </div>
              <div aria-live="polite">
                <Refusals error={move.error} />
              </div>
            </form>
          ) : null}
          {cancelling ? (
            <form
              className="plan-form"
              onSubmit={(e) => {
                e.preventDefault();
                cancelVisit.mutate();
              }}
            >
              <label htmlFor={`cancel-visit-${visit.id}`}>Why (the teacher is told)</label>
              <input
                id={`cancel-visit-${visit.id}`}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
              />
              <div className="walk-actions">
                <button type="submit" className="button secondary" disabled={cancelVisit.isPending}>
                  Cancel this visit
                </button>
              </div>
              <div aria-live="polite">
                {cancelVisit.error ? <ErrorMessage error={cancelVisit.error} /> : null}
              </div>
            </form>
          ) : null}
          {swapping ? (
            <div aria-live="polite">
              {alternatives.isPending ? <Loading what="alternatives" /> : null}
              {alternatives.error ? <ErrorMessage error={alternatives.error} /> : null}
              {alternatives.data?.alternatives.length === 0 ? (
                <p>No other lesson keeps every rule at this time.</p>
              ) : null}
              <ul>
                {alternatives.data?.alternatives.map((a) => (
                  <li key={a.lessonId}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => swap.mutate(a.lessonId)}
                    >
                      {a.visitStartsAt} {a.classCode}, {a.room}
                    </button>{' '}
                    <span className="muted">{a.reasons.join(' ')}</span>
                  </li>
                ))}
              </ul>
              <Refusals error={swap.error} />
            </div>
          ) : null}
          {remove.error ? <ErrorMessage error={remove.error} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

/** On a published walk: change who observes. Teachers and the observers concerned are told. */
function ChangeObservers({
  walkId,
  schoolId,
  current,
}: {
  walkId: string;
  schoolId: string;
  current: readonly { id: string; fullName: string }[];
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(current.map((o) => o.id)));
  const staff = useEveryone(schoolId, open);
  const save = useMutation({
    mutationFn: () =>
      changeWalk(walkId, '/observers', {
        method: 'PUT',
        body: { observerIds: [...chosen] },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(walkKeys.detail(walkId), data);
      setOpen(false);
    },
  });
  return (
    <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Change observers</summary>
      <form
        className="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <PeoplePicker
          legend="Observers (at most two; never someone whose lesson is visited)"
          people={staff.data?.staff}
          chosen={[...chosen]}
          onChange={(ids) => setChosen(new Set(ids))}
          loading={staff.isPending && open}
          error={staff.error}
        />
        <p className="muted">The visited teachers and the observers added or removed are told.</p>
        <div className="walk-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save observers
          </button>
        </div>
        <div aria-live="polite">
          <Refusals error={save.error} />
        </div>
      </form>
    </details>
  );
}

function Planner({ walkId }: { walkId: string }) {
  const queryClient = useQueryClient();
  const [count, setCount] = useState(4);
  const propose = useMutation({
    mutationFn: () => planWalk(walkId, count),
  });
  const accept = useMutation({
    mutationFn: (proposals: Proposal[]) =>
      changeWalk(walkId, '/visits', {
        method: 'POST',
        body: {
          replace: true,
          visits: proposals.map((p) => ({
            lessonId: p.lessonId,
            startsAt: p.visitStartsAt,
            reasons: p.reasons,
          })),
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(walkKeys.detail(walkId), data);
      propose.reset();
    },
  });
  const result = propose.data;
  return (
    <section aria-labelledby="planner">
      <h2 id="planner">Planner</h2>
      <p className="muted">
        Proposes lessons from the timetable that keep every rule: caps, one visit a day, rooms an
        hour, the observers’ own lessons; it prefers teachers least recently visited and explains
        each choice. Nothing is saved until you accept.
      </p>
      <div className="walk-actions">
        <label htmlFor="plan-count">Visits wanted</label>
        <input
          id="plan-count"
          type="number"
          min={1}
          max={24}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          style={{ width: '5rem' }}
        />
        <button
          type="button"
          className="button"
          disabled={propose.isPending}
          onClick={() => propose.mutate()}
        >
          Propose visits
        </button>
      </div>
      <Refusals error={propose.error} />
      {result ? (
        <div aria-live="polite">
          {result.proposals.length === 0 ? <p>The planner found no lesson that fits.</p> : null}
          {result.proposals.length > 0 ? (
            <div className="table-scroll">
              <table className="route">
                <caption className="visually-hidden">Proposed visits</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Class</th>
                    <th scope="col">Room</th>
                    <th scope="col">Teacher</th>
                    <th scope="col">Why this lesson</th>
                  </tr>
                </thead>
                <tbody>
                  {result.proposals.map((p) => (
                    <tr key={p.lessonId}>
                      <td>{p.order}</td>
                      <td>
                        {p.visitStartsAt}–{p.visitEndsAt}
                      </td>
                      <td>
                        {p.classCode} · {p.department}, {p.yearGroup}
                      </td>
                      <td>
                        {p.room} ({p.building}, floor {p.floor})
                      </td>
                      <td>{p.teacherName}</td>
                      <td>
                        <ul>
                          {p.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.unfilled.length > 0 ? (
            <ul>
              {result.unfilled.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          ) : null}
          {result.proposals.length > 0 ? (
            <div className="walk-actions">
              <button
                type="button"
                className="button"
                disabled={accept.isPending}
                onClick={() => accept.mutate(result.proposals)}
              >
                Accept these visits
              </button>
            </div>
          ) : null}
          <Refusals error={accept.error} />
        </div>
      ) : null}
    </section>
  );
}
