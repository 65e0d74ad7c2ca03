import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Visit, WalkDetail } from '../../contracts/walks.ts';
import { floorName } from '../lib/format.ts';
import { Refusals } from '../ui/Refusals.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { changeWalk, useAlternatives, walkKeys } from './api.ts';
import { OwnReasons } from './Reasons.tsx';

export function VisitRow({
  walkId,
  visit,
  ownReasons,
  editable,
  published,
}: {
  walkId: string;
  visit: Visit;
  /** The visit's reasons less those the route's summary says once. */
  ownReasons: readonly string[];
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
        {visit.room} ({visit.building}, {floorName(visit.floor)})
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
        <OwnReasons reasons={ownReasons} label={`visit ${visit.order}, ${visit.classCode}`} />
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
