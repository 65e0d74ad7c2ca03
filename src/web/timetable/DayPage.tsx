import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { SchoolDetail } from '../../contracts/schools.ts';
import { Field } from '../ui/Field.tsx';
import { SetupNav } from '../ui/SetupNav.tsx';
import '../ui/setup.css';
import { schoolKeys, useSchool } from '../schools/api.ts';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { removeListItem, saveListItem, setCycle, setupListPath } from './api.ts';

type Named = { id: string; name: string };

/** The school day (periods), the timetable cycle, and the departments and year groups lessons use. */
export function DayPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const school = useSchool(schoolId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: schoolKeys.detail(schoolId) });
  const cycle = useMutation({
    mutationFn: (cycleWeeks: number) => setCycle(schoolId, cycleWeeks),
    onSuccess: refresh,
  });
  if (school.isPending) return <Loading what="the school day" />;
  if (school.error) return <ErrorMessage error={school.error} />;
  const s = school.data;
  return (
    <>
      <h1>School day, {s.name}</h1>
      <SetupNav schoolId={schoolId} canEdit={s.canEdit} />
      {s.canManageSetup ? null : (
        <p className="muted">Only the school’s leaders and trust administrators change these.</p>
      )}
      <section aria-labelledby="cycle">
        <h2 id="cycle">Timetable cycle</h2>
        <fieldset className="segmented" disabled={!s.canManageSetup || cycle.isPending}>
          <legend className="visually-hidden">The timetable repeats</legend>
          {[
            [1, 'Every week'],
            [2, 'Every two weeks (week A / week B)'],
          ].map(([weeks, label]) => (
            <button
              key={weeks}
              type="button"
              aria-pressed={s.cycleWeeks === weeks}
              onClick={() => cycle.mutate(weeks as number)}
            >
              {label}
            </button>
          ))}
        </fieldset>
        {cycle.error ? <ErrorMessage error={cycle.error} /> : null}
      </section>
      <Periods school={s} onChange={refresh} />
      <NamedList
        title="Departments and subjects"
        what="department"
        path={setupListPath(schoolId, 'departments')}
        items={s.departments}
        canManage={s.canManageSetup}
        onChange={refresh}
      />
      <NamedList
        title="Year groups"
        what="year group"
        path={setupListPath(schoolId, 'year-groups')}
        items={s.yearGroups}
        canManage={s.canManageSetup}
        onChange={refresh}
      />
    </>
  );
}

type PeriodDraft = { name: string; startsAt: string; endsAt: string };

function Periods({ school, onChange }: { school: SchoolDetail; onChange: () => Promise<unknown> }) {
  const empty: PeriodDraft = { name: '', startsAt: '', endsAt: '' };
  const [draft, setDraft] = useState(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const base = setupListPath(school.id, 'periods');
  const save = useMutation({
    mutationFn: () => saveListItem(base, editing, draft),
    onSuccess: async () => {
      setDraft(empty);
      setEditing(null);
      await onChange();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeListItem(base, id),
    onSuccess: onChange,
  });
  return (
    <section aria-labelledby="periods">
      <h2 id="periods">Periods</h2>
      {school.periods.length === 0 ? <p>No periods yet.</p> : null}
      <ol className="stack">
        {school.periods.map((p) => (
          <li key={p.id}>
            <span className="actions">
              <span>
                <strong>{p.name}</strong> {p.startsAt}–{p.endsAt}
              </span>
              {school.canManageSetup ? (
                <EditRemove
                  name={p.name}
                  onEdit={() => {
                    setEditing(p.id);
                    setDraft({ name: p.name, startsAt: p.startsAt, endsAt: p.endsAt });
                  }}
                  onRemove={() => remove.mutate(p.id)}
                />
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {school.canManageSetup ? (
        <SetupForm
          label={editing ? 'Edit period' : 'Add a period'}
          error={save.error}
          fields={['name', 'startsAt', 'endsAt']}
          submitLabel={editing ? 'Save period' : 'Add period'}
          pending={save.isPending}
          onSubmit={() => save.mutate()}
          onCancel={
            editing
              ? () => {
                  setEditing(null);
                  setDraft(empty);
                }
              : undefined
          }
        >
          <Field label="Period name" name="name" error={save.error}>
            {(p) => (
              <input
                {...p}
                value={draft.name}
                placeholder="Period 1"
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            )}
          </Field>
          <Field label="Starts" name="startsAt" error={save.error}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={draft.startsAt}
                onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
              />
            )}
          </Field>
          <Field label="Ends" name="endsAt" error={save.error}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={draft.endsAt}
                onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
              />
            )}
          </Field>
        </SetupForm>
      ) : null}
    </section>
  );
}

function NamedList({
  title,
  what,
  path,
  items,
  canManage,
  onChange,
}: {
  title: string;
  what: string;
  path: string;
  items: Named[];
  canManage: boolean;
  onChange: () => Promise<unknown>;
}) {
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveListItem(path, editing, { name }),
    onSuccess: async () => {
      setName('');
      setEditing(null);
      await onChange();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeListItem(path, id),
    onSuccess: onChange,
  });
  const headingId = `list-${what.replace(/\s/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="inline-list">
        {items.map((item) => (
          <li key={item.id} className="actions">
            <span>{item.name}</span>
            {canManage ? (
              <EditRemove
                name={item.name}
                editLabel="Rename"
                onEdit={() => {
                  setEditing(item.id);
                  setName(item.name);
                }}
                onRemove={() => remove.mutate(item.id)}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {canManage ? (
        <SetupForm
          label={editing ? `Rename ${what}` : `Add a ${what}`}
          error={save.error}
          fields={['name']}
          submitLabel={editing ? 'Save' : `Add ${what}`}
          pending={save.isPending}
          onSubmit={() => save.mutate()}
          onCancel={
            editing
              ? () => {
                  setEditing(null);
                  setName('');
                }
              : undefined
          }
        >
          <Field label={`Name of the ${what}`} name="name" error={save.error}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
        </SetupForm>
      ) : null}
    </section>
  );
}
