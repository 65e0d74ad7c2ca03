import { useId, useState } from 'react';
import { weekdayNames } from '../../domain/imports/values.ts';
import { useTimetable } from '../schools/api.ts';
import { useStaffFirstPage } from '../staff/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';

/** After a timetable import: pick a member of staff and check their lessons landed as meant. */
export function TeacherLessons({ schoolId }: { schoolId: string }) {
  const ids = useId();
  const [personId, setPersonId] = useState('');
  const staff = useStaffFirstPage(schoolId);
  const timetable = useTimetable(schoolId, personId);
  if (staff.isPending) return <Loading what="the staff list" />;
  if (staff.error) return <ErrorMessage error={staff.error} />;
  const t = timetable.data;
  const period = (id: string) => t?.periods.find((p) => p.id === id)?.name ?? '';
  return (
    <section aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>Check a teacher’s lessons</h3>
      <div className="field">
        <label htmlFor={`${ids}-who`}>Member of staff</label>
        <select
          id={`${ids}-who`}
          value={personId}
          onChange={(e) => setPersonId(e.currentTarget.value)}
        >
          <option value="">Choose…</option>
          {staff.data.staff
            .filter((s) => s.roles.includes('teacher'))
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName}
              </option>
            ))}
        </select>
      </div>
      {personId && timetable.isPending ? <Loading what="their lessons" /> : null}
      {timetable.error ? <ErrorMessage error={timetable.error} /> : null}
      {t ? (
        <TableScroll label="Lessons">
          <table className="timetable">
            <caption>
              {t.person.fullName}: {t.lessons.length} lesson{t.lessons.length === 1 ? '' : 's'}
              {t.cycleWeeks === 2 ? ' over weeks A and B' : ' a week'}
            </caption>
            <thead>
              <tr>
                {t.cycleWeeks === 2 ? <th scope="col">Week</th> : null}
                <th scope="col">Day</th>
                <th scope="col">Period</th>
                <th scope="col">Class</th>
                <th scope="col">Subject</th>
                <th scope="col">Room</th>
              </tr>
            </thead>
            <tbody>
              {t.lessons.map((l) => (
                <tr key={l.id}>
                  {t.cycleWeeks === 2 ? <td>{l.cycleWeek === 1 ? 'A' : 'B'}</td> : null}
                  <td>{weekdayNames[l.weekday - 1]}</td>
                  <td>{period(l.periodId)}</td>
                  <td>{l.classCode}</td>
                  <td>{l.subject}</td>
                  <td>{l.room}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
