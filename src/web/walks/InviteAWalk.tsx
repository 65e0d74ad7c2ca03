import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Timetable } from '../../contracts/schools.ts';
import type { SchoolCalendar } from '../../domain/calendar/calendar.ts';
import { lessonsOnDate } from '../../domain/calendar/day-lessons.ts';
import { formatDay } from '../lib/format.ts';
import { useTimetable } from '../schools/api.ts';
import { Refusals } from '../ui/Refusals.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { inviteAWalk, useInvitations, walkKeys } from './api.ts';

/** The school calendar the domain reads, from the timetable's answer. */
function calendarOf(t: Timetable): SchoolCalendar {
  return {
    terms: t.calendar.terms,
    closures: t.calendar.closures,
    cycleWeeks: t.cycleWeeks === 2 ? 2 : 1,
    ...(t.calendar.cycleAnchor ? { cycleAnchor: t.calendar.cycleAnchor } : {}),
  };
}

/**
 * "Invite a walk" (issue 21): choose the date first, then one of the lessons taught that day —
 * that weekday in that week of the timetable (A or B), in period order.
 */
export function InviteAWalk({ schoolId, personId }: { schoolId: string; personId: string }) {
  const queryClient = useQueryClient();
  const timetable = useTimetable(schoolId, personId);
  const invitations = useInvitations(schoolId);
  const [lessonId, setLessonId] = useState('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const invite = useMutation({
    mutationFn: () => inviteAWalk(schoolId, { lessonId, date, note }),
    onSuccess: () => {
      setNote('');
      queryClient.invalidateQueries({ queryKey: walkKeys.invitations(schoolId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  const t = timetable.data;
  const periods = new Map(t?.periods.map((p) => [p.id, p]) ?? []);
  const day = t && date ? lessonsOnDate(calendarOf(t), t.lessons, t.periods, date) : null;
  const mine = invitations.data?.invitations.filter((i) => i.mine) ?? [];
  const lessonField = `invite-lesson-${schoolId}`;
  return (
    <section aria-labelledby={`invite-${schoolId}`}>
      <h2 id={`invite-${schoolId}`}>Invite a walk</h2>
      <p className="muted">
        “Come and see this”: invite colleagues into one of your lessons. Invited visits need no
        notice and do not count towards your cap.
      </p>
      {timetable.error ? <ErrorMessage error={timetable.error} /> : null}
      <form className="plan-form invite-form" onSubmit={submit}>
        <label htmlFor={`invite-date-${schoolId}`}>Date</label>
        <input
          id={`invite-date-${schoolId}`}
          type="date"
          required
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setLessonId('');
          }}
        />
        <label htmlFor={lessonField}>Lesson</label>
        <select
          id={lessonField}
          value={lessonId}
          required
          disabled={!day || day.lessons.length === 0}
          aria-describedby={`${lessonField}-hint`}
          onChange={(e) => setLessonId(e.target.value)}
        >
          <option value="">
            {!day ? 'Choose a date first' : 'Choose one of your lessons that day'}
          </option>
          {day?.lessons.map((l) => {
            const period = periods.get(l.periodId);
            return (
              <option key={l.id} value={l.id}>
                {period ? `${period.name} (${period.startsAt})` : ''}: {l.classCode}, {l.subject},{' '}
                {l.room}
              </option>
            );
          })}
        </select>
        <p id={`${lessonField}-hint`} className="muted" aria-live="polite">
          {!day
            ? 'Your lessons on the date you choose will be listed, in period order.'
            : !day.teaching
              ? `No lessons: ${day.reason}`
              : day.lessons.length === 0
                ? `You teach no lessons on ${formatDay(date)}${t?.cycleWeeks === 2 ? ` (week ${day.cycleWeek === 1 ? 'A' : 'B'})` : ''}.`
                : `Your lessons on ${formatDay(date)}${t?.cycleWeeks === 2 ? `, week ${day.cycleWeek === 1 ? 'A' : 'B'}` : ''}.`}
        </p>
        <label htmlFor={`invite-note-${schoolId}`}>What is worth seeing (optional)</label>
        <textarea
          id={`invite-note-${schoolId}`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="walk-actions">
          <button type="submit" className="button" disabled={invite.isPending}>
            Send the invitation
          </button>
        </div>
        <div aria-live="polite">
          {invite.isSuccess ? <p>Invitation sent to the school’s leaders.</p> : null}
        </div>
        <Refusals error={invite.error} />
      </form>
      {mine.length > 0 ? (
        <>
          <h3>My invitations</h3>
          <ul>
            {mine.map((i) => (
              <li key={i.id}>
                {formatDay(i.date)}, {i.classCode}: {i.status}
                {i.answerNote ? ` (${i.answerNote})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
