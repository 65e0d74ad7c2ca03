import './walks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { myVisitsSchema } from '../../contracts/walks.ts';
import { MyFeedback } from '../feedback/AnswerFeedback.tsx';
import { formatDay } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { noticeKeys } from '../notices/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { agreeToVisit, declineVisit, useMyVisits, useMyWalks, walkKeys } from './api.ts';
import { InviteAWalk } from './InviteAWalk.tsx';

type MyVisits = z.infer<typeof myVisitsSchema>;

/** /my-visits — a teacher's own upcoming visits, the walks they observe, and "Invite a walk". */
export function MyVisitsPage() {
  const { me } = useSession();
  const visits = useMyVisits();
  const walks = useMyWalks();
  if (!me) return null;
  const teachingSchools = me.memberships.filter(
    (m) => m.schoolId && (m.role === 'teacher' || m.role === 'observer'),
  );
  const schoolIds = [...new Set(teachingSchools.map((m) => m.schoolId!))];
  return (
    <>
      <h1>My visits</h1>
      <p className="lede">
        Walks look at learning across classes, never at you: here is what you have been told about
        visits to your lessons.
      </p>
      <section aria-labelledby="visits">
        <h2 id="visits">Visits to my lessons</h2>
        {visits.isPending ? <Loading what="your visits" /> : null}
        {visits.error ? <ErrorMessage error={visits.error} /> : null}
        {visits.data?.visits.length === 0 ? <p>No visits planned.</p> : null}
        <ul className="cards">
          {visits.data?.visits.map((v) => (
            <li key={v.visitId} className="card">
              <h3>
                {formatDay(v.date)}, {v.startsAt}–{v.endsAt}
              </h3>
              <p>
                {v.classCode} in {v.room}
                {v.invited ? ' · you invited this walk' : ''}
              </p>
              <p>
                <strong>{v.focusTitle}</strong>: {v.purpose}
              </p>
              <p className="muted">Observers: {v.observerNames.join(' and ')}</p>
              {v.coTaught ? <p className="muted">You teach this lesson with a colleague.</p> : null}
              {v.needsAgreement && !v.coTaught ? <Agreement visit={v} /> : null}
            </li>
          ))}
        </ul>
      </section>
      <MyFeedback />
      {walks.data && walks.data.walks.length > 0 ? (
        <section aria-labelledby="observing">
          <h2 id="observing">Walks I observe</h2>
          {/* A teacher chosen as a peer observer has no "My walks" in the menu: capture is here. */}
          <p>
            <Link to="/capture">Record them on this phone, even offline</Link>
          </p>
          <ul>
            {walks.data.walks.map((w) => (
              <li key={w.id}>
                <Link to={`/walks/${w.id}`}>
                  {formatDay(w.date)}, {w.windowStart}–{w.windowEnd}: {w.focusTitle}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {schoolIds.map((schoolId) => (
        <InviteAWalk key={schoolId} schoolId={schoolId} personId={me.person.id} />
      ))}
    </>
  );
}

type MyVisit = MyVisits['visits'][number];

/**
 * A visit moved (or added) inside the notice period goes ahead only if the teacher agrees.
 * Declining cancels it; the walk's observers are told.
 */
function Agreement({ visit }: { visit: MyVisit }) {
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: walkKeys.myVisits() });
    queryClient.invalidateQueries({ queryKey: noticeKeys.notices() });
  };
  const agree = useMutation({
    mutationFn: () => agreeToVisit(visit.visitId),
    onSuccess: refresh,
  });
  const decline = useMutation({
    mutationFn: () => declineVisit(visit.visitId, { note }),
    onSuccess: refresh,
  });
  if (visit.agreedAt) {
    return (
      <p className="muted" aria-live="polite">
        This visit was changed inside the notice period; you agreed to it.
      </p>
    );
  }
  return (
    <div className="agreement">
      <p>
        <strong>Your agreement is needed.</strong> This visit was changed with less notice than the
        school promises, so it goes ahead only if you agree.
      </p>
      <div className="walk-actions">
        <button
          type="button"
          className="button"
          disabled={agree.isPending}
          onClick={() => agree.mutate()}
        >
          I agree to this visit
        </button>
        <button
          type="button"
          className="button secondary"
          aria-expanded={declining}
          onClick={() => setDeclining(!declining)}
        >
          I do not agree
        </button>
      </div>
      {declining ? (
        <form
          className="plan-form"
          onSubmit={(e) => {
            e.preventDefault();
            decline.mutate();
          }}
        >
          <label htmlFor={`decline-note-${visit.visitId}`}>
            Anything you would like the walk leader to know (optional)
          </label>
          <input
            id={`decline-note-${visit.visitId}`}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="walk-actions">
            <button type="submit" className="button secondary" disabled={decline.isPending}>
              Decline: the visit will not take place
            </button>
          </div>
        </form>
      ) : null}
      <div aria-live="polite">
        {agree.error ? <ErrorMessage error={agree.error} /> : null}
        {decline.error ? <ErrorMessage error={decline.error} /> : null}
      </div>
    </div>
  );
}
