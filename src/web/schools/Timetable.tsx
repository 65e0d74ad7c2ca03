import { useState } from 'react';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { useTimetable } from './api.ts';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export function MyTimetable({ schoolId, personId }: { schoolId: string; personId: string }) {
  const timetable = useTimetable(schoolId, personId);
  const [week, setWeek] = useState(1);
  if (timetable.isPending) return <Loading what="your timetable" />;
  if (timetable.error) return <ErrorMessage error={timetable.error} />;
  const t = timetable.data;
  const lessonAt = (day: number, periodId: string) =>
    t.lessons.find((l) => l.cycleWeek === week && l.weekday === day && l.periodId === periodId);
  return (
    <section aria-labelledby={`timetable-${schoolId}`}>
      <h2 id={`timetable-${schoolId}`}>Your timetable</h2>
      {t.cycleWeeks === 2 ? (
        <fieldset className="segmented">
          <legend className="visually-hidden">Timetable week</legend>
          {[1, 2].map((w) => (
            <button key={w} type="button" aria-pressed={week === w} onClick={() => setWeek(w)}>
              Week {w === 1 ? 'A' : 'B'}
            </button>
          ))}
        </fieldset>
      ) : null}
      <TableScroll label="Timetable">
        <table className="timetable">
          <caption>
            {t.lessons.filter((l) => l.cycleWeek === week).length} lessons
            {t.cycleWeeks === 2 ? ` in week ${week === 1 ? 'A' : 'B'}` : ' a week'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {weekdays.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.periods.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  <span className="muted">
                    {' '}
                    {p.startsAt}–{p.endsAt}
                  </span>
                </th>
                {weekdays.map((d, i) => {
                  const lesson = lessonAt(i + 1, p.id);
                  return (
                    <td key={d}>
                      {lesson ? (
                        <>
                          <strong>{lesson.classCode}</strong> {lesson.subject}
                          <br />
                          <span className="muted">{lesson.room}</span>
                        </>
                      ) : (
                        <span className="muted">Free</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
