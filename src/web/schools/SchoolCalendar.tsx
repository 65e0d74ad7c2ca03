import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { SchoolClosure, SchoolTerm } from '../../contracts/schools.ts';
import { closureKindLabels, formatDay } from '../../domain/setup/calendar.ts';
import { Field } from '../ui/Field.tsx';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { removeClosure, removeTerm, saveClosure, saveTerm } from './api.ts';

export type RangeDraft = { name: string; startsOn: string; endsOn: string };

export function Terms({
  schoolId,
  terms,
  onChange,
}: {
  schoolId: string;
  terms: SchoolTerm[];
  onChange: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const empty: RangeDraft = { name: '', startsOn: '', endsOn: '' };
  const [draft, setDraft] = useState<RangeDraft>(empty);
  const save = useMutation({
    mutationFn: () => saveTerm(schoolId, editing, draft),
    onSuccess: async () => {
      setDraft(empty);
      setEditing(null);
      await onChange();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeTerm(schoolId, id),
    onSuccess: onChange,
  });
  return (
    <section aria-labelledby="terms">
      <h2 id="terms">Terms</h2>
      {terms.length === 0 ? <p>No terms yet.</p> : null}
      <ul className="stack">
        {terms.map((t) => (
          <li key={t.id} className="actions">
            <span>
              <strong>{t.name}</strong>: {formatDay(t.startsOn)} to {formatDay(t.endsOn)}
            </span>
            <EditRemove
              name={t.name}
              onEdit={() => {
                setEditing(t.id);
                setDraft({ name: t.name, startsOn: t.startsOn, endsOn: t.endsOn });
              }}
              onRemove={() => remove.mutate(t.id)}
            />
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <SetupForm
        label={editing ? 'Edit term' : 'Add a term'}
        error={save.error}
        fields={['name', 'startsOn', 'endsOn']}
        submitLabel={editing ? 'Save term' : 'Add term'}
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
        <Field label="Term name" name="name" error={save.error}>
          {(p) => (
            <input
              {...p}
              value={draft.name}
              placeholder="Autumn 2026"
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          )}
        </Field>
        <Field label="First day" name="startsOn" error={save.error}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.startsOn}
              onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })}
            />
          )}
        </Field>
        <Field label="Last day" name="endsOn" error={save.error}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.endsOn}
              onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })}
            />
          )}
        </Field>
      </SetupForm>
    </section>
  );
}

export type ClosureDraft = {
  kind: SchoolClosure['kind'];
  label: string;
  startsOn: string;
  endsOn: string;
};

export function Closures({
  schoolId,
  closures,
  onChange,
}: {
  schoolId: string;
  closures: SchoolClosure[];
  onChange: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const empty: ClosureDraft = { kind: 'inset', label: '', startsOn: '', endsOn: '' };
  const [draft, setDraft] = useState<ClosureDraft>(empty);
  const save = useMutation({
    mutationFn: () => {
      const body = { ...draft, endsOn: draft.endsOn || draft.startsOn };
      return saveClosure(schoolId, editing, body);
    },
    onSuccess: async () => {
      setDraft(empty);
      setEditing(null);
      await onChange();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeClosure(schoolId, id),
    onSuccess: onChange,
  });
  return (
    <section aria-labelledby="closures">
      <h2 id="closures">Non-teaching days</h2>
      <p className="muted">
        INSET days, exam weeks and closures fall inside a term; holidays may fall anywhere. Notice
        of walks is counted in school days, so these matter.
      </p>
      {closures.length === 0 ? <p>No non-teaching days yet.</p> : null}
      <ul className="stack">
        {closures.map((c) => (
          <li key={c.id} className="actions">
            <span>
              <strong>{c.label}</strong> ({closureKindLabels[c.kind]}): {formatDay(c.startsOn)}
              {c.endsOn !== c.startsOn ? ` to ${formatDay(c.endsOn)}` : ''}
            </span>
            <EditRemove
              name={c.label}
              onEdit={() => {
                setEditing(c.id);
                setDraft({ kind: c.kind, label: c.label, startsOn: c.startsOn, endsOn: c.endsOn });
              }}
              onRemove={() => remove.mutate(c.id)}
            />
          </li>
        ))}
      </ul>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <SetupForm
        label={editing ? 'Edit non-teaching day' : 'Add a non-teaching day'}
        error={save.error}
        fields={['kind', 'label', 'startsOn', 'endsOn']}
        submitLabel={editing ? 'Save non-teaching day' : 'Add non-teaching day'}
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
        <Field label="Kind" name="kind" error={save.error}>
          {(p) => (
            <select
              {...p}
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as ClosureDraft['kind'] })}
            >
              {Object.entries(closureKindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Description" name="label" error={save.error}>
          {(p) => (
            <input
              {...p}
              value={draft.label}
              placeholder="INSET day"
              onChange={(e) => setDraft({ ...draft, label: e.target.value })}
            />
          )}
        </Field>
        <Field label="From" name="startsOn" error={save.error}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.startsOn}
              onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })}
            />
          )}
        </Field>
        <Field label="To (empty for one day)" name="endsOn" error={save.error}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.endsOn}
              onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })}
            />
          )}
        </Field>
      </SetupForm>
    </section>
  );
}
