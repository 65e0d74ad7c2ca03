import type { Room } from '../../contracts/rooms.ts';
import type { SchoolDetail } from '../../contracts/schools.ts';
import { weekdayNames } from '../../domain/setup/clashes.ts';
import { Field } from '../ui/Field.tsx';

export type Draft = {
  classCode: string;
  departmentId: string;
  yearGroupId: string;
  teacher: string;
  coTeachers: string;
  roomId: string;
  cycleWeek: string;
  weekday: string;
  periodId: string;
};
export const empty: Draft = {
  classCode: '',
  departmentId: '',
  yearGroupId: '',
  teacher: '',
  coTeachers: '',
  roomId: '',
  cycleWeek: '1',
  weekday: '1',
  periodId: '',
};

/** The lesson form's fields: class, subject, year group, teachers, room, week, day and period. */
export function LessonFields({
  draft,
  set,
  school: s,
  rooms,
  cycleWeeks,
  error,
}: {
  draft: Draft;
  set: (key: keyof Draft) => (e: { target: { value: string } }) => void;
  school: SchoolDetail;
  rooms: Room[] | undefined;
  cycleWeeks: number;
  error: unknown;
}) {
  return (
    <>
      <Field label="Class code" name="classCode" error={error} hint="e.g. 9A/Ma1">
        {(p) => <input {...p} value={draft.classCode} onChange={set('classCode')} />}
      </Field>
      <Field label="Subject" name="departmentId" error={error}>
        {(p) => (
          <select {...p} value={draft.departmentId} onChange={set('departmentId')}>
            <option value="">Choose…</option>
            {s.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Year group" name="yearGroupId" error={error}>
        {(p) => (
          <select {...p} value={draft.yearGroupId} onChange={set('yearGroupId')}>
            <option value="">Choose…</option>
            {s.yearGroups.map((y) => (
              <option key={y.id} value={y.id}>
                {y.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Teacher (email or staff code)" name="teacherId" error={error}>
        {(p) => <input {...p} value={draft.teacher} onChange={set('teacher')} autoComplete="off" />}
      </Field>
      <Field
        label="Co-teachers (optional)"
        name="coTeacherIds"
        error={error}
        hint="Emails or staff codes, separated by commas"
      >
        {(p) => (
          <input {...p} value={draft.coTeachers} onChange={set('coTeachers')} autoComplete="off" />
        )}
      </Field>
      <Field label="Room" name="roomId" error={error}>
        {(p) => (
          <select {...p} value={draft.roomId} onChange={set('roomId')}>
            <option value="">Choose…</option>
            {rooms?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.building})
              </option>
            ))}
          </select>
        )}
      </Field>
      {cycleWeeks === 2 ? (
        <Field label="Week" name="cycleWeek" error={error}>
          {(p) => (
            <select {...p} value={draft.cycleWeek} onChange={set('cycleWeek')}>
              <option value="1">Week A</option>
              <option value="2">Week B</option>
            </select>
          )}
        </Field>
      ) : null}
      <Field label="Day" name="weekday" error={error}>
        {(p) => (
          <select {...p} value={draft.weekday} onChange={set('weekday')}>
            {weekdayNames.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Period" name="periodId" error={error}>
        {(p) => (
          <select {...p} value={draft.periodId} onChange={set('periodId')}>
            <option value="">Choose…</option>
            {s.periods.map((pe) => (
              <option key={pe.id} value={pe.id}>
                {pe.name} ({pe.startsAt}–{pe.endsAt})
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
