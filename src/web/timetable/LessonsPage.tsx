import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Lesson } from '../../contracts/timetable.ts';
import { weekdayNames } from '../../domain/setup/clashes.ts';
import { ApiFailure, api } from '../lib/api.ts';
import { SearchBox, useListParams } from '../ui/ListControls.tsx';
import { SetupNav } from '../ui/SetupNav.tsx';
import '../ui/setup.css';
import { useAllRooms } from '../rooms/api.ts';
import { useSchool } from '../schools/api.ts';
import { PagedTable } from '../ui/PagedTable.tsx';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { lessonKeys, removeLesson, saveLesson, useLessons } from './api.ts';
import { type Draft, empty, LessonFields } from './LessonFields.tsx';

const PAGE_SIZE = 25;

const weekLabel = (week: number, cycleWeeks: number) =>
  cycleWeeks === 2 ? `Week ${week === 1 ? 'A' : 'B'}, ` : '';

export function LessonsPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const list = useListParams();
  const weekday = list.params.get('weekday') ?? '';
  const roomId = list.params.get('roomId') ?? '';
  const teacherId = list.params.get('teacherId') ?? '';
  const school = useSchool(schoolId);
  const rooms = useAllRooms(schoolId);
  const query = new URLSearchParams({
    q: list.q,
    page: String(list.page),
    pageSize: String(PAGE_SIZE),
  });
  if (weekday) query.set('weekday', weekday);
  if (roomId) query.set('roomId', roomId);
  if (teacherId) query.set('teacherId', teacherId);
  const lessons = useLessons(schoolId, query);
  const [editing, setEditing] = useState<Lesson | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [done, setDone] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: lessonKeys.school(schoolId) });
  const setFilter = (name: string, value: string) =>
    list.setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('page');
      return next;
    });

  /** A teacher named by email or staff code, found in this school's staff. */
  async function resolveTeacher(text: string, field: string) {
    const wanted = text.trim().toLowerCase();
    const found = await api(
      `/api/schools/${schoolId}/staff?${new URLSearchParams({ q: wanted, pageSize: '10' })}`,
      { schema: () => import('../../contracts/staff.ts').then((c) => c.staffPageSchema) },
    );
    const person = found.items.find(
      (s) => s.email === wanted || s.staffCode?.toLowerCase() === wanted,
    );
    if (!person) {
      const message = `No one on this school’s staff has the email or staff code “${text.trim()}”.`;
      throw new ApiFailure(422, 'teacher_not_found', message, [
        { field: `body.${field}`, message },
      ]);
    }
    return person.id;
  }

  const save = useMutation({
    mutationFn: async () => {
      if (!draft.teacher.trim()) {
        const message = 'Enter the teacher’s email or staff code.';
        throw new ApiFailure(422, 'teacher_missing', message, [
          { field: 'body.teacherId', message },
        ]);
      }
      const teacherId = await resolveTeacher(draft.teacher, 'teacherId');
      const coTeacherIds: string[] = [];
      for (const who of draft.coTeachers.split(',').filter((x) => x.trim())) {
        coTeacherIds.push(await resolveTeacher(who, 'coTeacherIds'));
      }
      const body = {
        classCode: draft.classCode,
        departmentId: draft.departmentId,
        yearGroupId: draft.yearGroupId,
        teacherId,
        coTeacherIds,
        roomId: draft.roomId,
        cycleWeek: Number(draft.cycleWeek),
        weekday: Number(draft.weekday),
        periodId: draft.periodId,
      };
      return saveLesson(schoolId, editing?.id ?? null, body);
    },
    onSuccess: async (result) => {
      setDone(`Lesson ${result.lesson.classCode} ${editing ? 'saved' : 'added'}.`);
      setEditing(null);
      setDraft(empty);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (lesson: Lesson) => removeLesson(schoolId, lesson.id).then(() => lesson),
    onSuccess: async (lesson) => {
      setDone(`Lesson ${lesson.classCode} removed.`);
      await refresh();
    },
  });

  const s = school.data;
  const canManage = s?.canManageSetup ?? false;
  const cycleWeeks = s?.cycleWeeks ?? 1;
  const set = (key: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });

  return (
    <>
      <h1>Lessons{s ? `, ${s.name}` : ''}</h1>
      <SetupNav schoolId={schoolId} canEdit={s?.canEdit} />
      <p className="muted">
        Classes are named by code, year group and subject: no pupil’s name is stored.
      </p>
      <div className="filters">
        <SearchBox
          label="Search lessons"
          placeholder="Class code, subject, year group, room or teacher"
          value={list.typed}
          onChange={list.setTyped}
        />
        <div className="field">
          <label htmlFor="filter-day">Day</label>
          <select
            id="filter-day"
            value={weekday}
            onChange={(e) => setFilter('weekday', e.target.value)}
          >
            <option value="">Any day</option>
            {weekdayNames.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-room">Room</label>
          <select
            id="filter-room"
            value={roomId}
            onChange={(e) => setFilter('roomId', e.target.value)}
          >
            <option value="">Any room</option>
            {rooms.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        {teacherId ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => setFilter('teacherId', '')}
          >
            Show every teacher’s lessons
          </button>
        ) : null}
      </div>
      <div role="status" aria-live="polite">
        {done}
      </div>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <PagedTable
        what="lessons"
        caption="Lessons"
        result={lessons}
        onPage={list.setPage}
        head={
          <>
            <th scope="col">Class</th>
            <th scope="col">Subject and year</th>
            <th scope="col">When</th>
            <th scope="col">Room</th>
            <th scope="col">Teacher</th>
            {canManage ? <th scope="col">Change</th> : null}
          </>
        }
        row={(l) => (
          <>
            <td>{l.classCode}</td>
            <td>
              {l.department.name}, {l.yearGroup.name}
            </td>
            <td>
              {weekLabel(l.cycleWeek, cycleWeeks)}
              {weekdayNames[l.weekday - 1]}, {l.period.name} ({l.period.startsAt}–{l.period.endsAt})
            </td>
            <td>{l.room.name}</td>
            <td>{[l.teacher, ...l.coTeachers].map((x) => x.fullName).join(', ')}</td>
            {canManage ? (
              <td>
                <div className="actions">
                  <EditRemove
                    name={l.classCode}
                    onEdit={() => {
                      setEditing(l);
                      setDraft({
                        classCode: l.classCode,
                        departmentId: l.department.id,
                        yearGroupId: l.yearGroup.id,
                        teacher: '',
                        coTeachers: '',
                        roomId: l.room.id,
                        cycleWeek: String(l.cycleWeek),
                        weekday: String(l.weekday),
                        periodId: l.period.id,
                      });
                    }}
                    onRemove={() => remove.mutate(l)}
                  />
                </div>
              </td>
            ) : null}
          </>
        )}
      />
      {canManage && s ? (
        <SetupForm
          label={editing ? `Edit lesson ${editing.classCode}` : 'Add a lesson'}
          heading={editing ? `Edit ${editing.classCode}` : 'Add a lesson'}
          intro={
            editing ? (
              <p className="wide muted">
                Now taught by{' '}
                {[editing.teacher, ...editing.coTeachers].map((x) => x.fullName).join(', ')}. Enter
                the teacher again (email or staff code) to save.
              </p>
            ) : null
          }
          error={save.error}
          fields={[
            'classCode',
            'departmentId',
            'yearGroupId',
            'teacherId',
            'coTeacherIds',
            'roomId',
            'cycleWeek',
            'weekday',
            'periodId',
          ]}
          submitLabel={editing ? 'Save lesson' : 'Add lesson'}
          pending={save.isPending}
          onSubmit={() => {
            setDone('');
            save.mutate();
          }}
          onCancel={
            editing
              ? () => {
                  setEditing(null);
                  setDraft(empty);
                }
              : undefined
          }
        >
          <LessonFields
            draft={draft}
            set={set}
            school={s}
            rooms={rooms.data?.items}
            cycleWeeks={cycleWeeks}
            error={save.error}
          />
        </SetupForm>
      ) : null}
    </>
  );
}
