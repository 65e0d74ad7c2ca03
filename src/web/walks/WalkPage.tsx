import { describeFocusSize } from '../../domain/protocol/focus-size.ts';
import './walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { WalkDetail, WalkInput } from '../../contracts/walks.ts';
import { summariseReasons } from '../../domain/planner/reasons.ts';
import { WalkFeedback } from '../feedback/OfferFeedback.tsx';
import { formatDay } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { ProblemList, Refusals } from '../ui/Refusals.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { changeWalk, useWalk, walkKeys } from './api.ts';
import { ChangeObservers } from './ChangeObservers.tsx';
import { Planner } from './Planner.tsx';
import { PlanningAnswers } from './PlanningQuestions.tsx';
import { SharedReasons } from './Reasons.tsx';
import { VisitRow } from './VisitRow.tsx';
import { WalkForm, walkKindLabels } from './WalkForm.tsx';

/** /walks/:walkId — the walk editor, its route, the planner and publishing. */
export function WalkEditorPage() {
  const { walkId = '' } = useParams();
  const queryClient = useQueryClient();
  const walk = useWalk(walkId);
  const { me } = useSession();
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
  const reasons = summariseReasons(planned);
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
      {w.focusId ? (
        <p className={w.lookForCount > w.recommendedLookFors ? 'warning' : 'muted'}>
          The focus asks {describeFocusSize(w.lookForCount, w.recommendedLookFors)}.
          {w.focusSizeReason ? ` Why: ${w.focusSizeReason}` : ''}
        </p>
      ) : null}
      {w.departments.length > 0 || w.yearGroups.length > 0 ? (
        <p>
          Lessons looked at:{' '}
          {[w.departments.map((d) => d.name).join(', '), w.yearGroups.map((y) => y.name).join(', ')]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      <p>Observers: {w.observers.map((o) => o.fullName).join(' and ') || 'none yet'}</p>
      {me && w.observers.some((o) => o.id === me.person.id) ? (
        <p>
          <Link to={`/walks/${walkId}/reflection`}>Your reflection on this walk</Link>
        </p>
      ) : null}
      {canEdit && w.status === 'published' ? (
        <ChangeObservers walkId={walkId} schoolId={w.schoolId} current={w.observers} />
      ) : null}
      <PlanningAnswers planning={w.planning} />

      <section aria-labelledby="route">
        <h2 id="route">Route</h2>
        {planned.length === 0 ? <p>No visits yet.</p> : null}
        <SharedReasons reasons={reasons.shared} id="route-reasons" />
        {planned.length > 0 ? (
          <TableScroll label="Route">
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
                {planned.map((v, i) => (
                  <VisitRow
                    key={v.id}
                    walkId={walkId}
                    visit={v}
                    ownReasons={reasons.own[i] ?? []}
                    editable={editable}
                    published={w.status === 'published'}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>

      {w.status === 'published' && w.planning?.feedbackInPerson && planned.length > 0 ? (
        <WalkFeedback walkId={walkId} />
      ) : null}

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
