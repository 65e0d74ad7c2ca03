import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { SchoolClosure, SchoolInputRaw, SchoolTerm } from '../../contracts/schools.ts';
import { closureKindLabels, formatDay } from '../../domain/setup/calendar.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { SetupNav } from '../ui/SetupNav.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import '../ui/setup.css';
import {
  createSchool,
  removeClosure,
  removeTerm,
  saveClosure,
  saveTerm,
  schoolKeys,
  updateSchool,
  useSchool,
} from './api.ts';

const phases: [SchoolInputRaw['phase'], string][] = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['all_through', 'All-through'],
  ['special', 'Special'],
  ['alternative', 'Alternative provision'],
];

const timeZones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/London'];
  }
})();

type Details = {
  name: string;
  phase: SchoolInputRaw['phase'];
  urn: string;
  address: string;
  timeZone: string;
  cycleWeeks: 1 | 2;
};

function DetailsForm({
  initial,
  creating,
  onSave,
}: {
  initial: Details;
  creating: boolean;
  onSave: (d: Details) => Promise<unknown>;
}) {
  const [d, setD] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await onSave(d);
      setStatus('Saved.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const fields = ['name', 'phase', 'urn', 'address', 'timeZone', 'cycleWeeks'];
  return (
    <form className="setup-form" onSubmit={submit} noValidate aria-label="School details">
      <div className="wide">
        <FormError error={error} fields={fields} />
      </div>
      <Field label="School name" name="name" error={error}>
        {(p) => (
          <input {...p} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
        )}
      </Field>
      <Field label="Phase" name="phase" error={error}>
        {(p) => (
          <select
            {...p}
            value={d.phase}
            onChange={(e) => setD({ ...d, phase: e.target.value as Details['phase'] })}
          >
            {phases.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="URN" name="urn" error={error} hint="6 or 7 digits; leave empty if none">
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={d.urn}
            onChange={(e) => setD({ ...d, urn: e.target.value })}
          />
        )}
      </Field>
      <Field label="Time zone" name="timeZone" error={error}>
        {(p) => (
          <select
            {...p}
            value={d.timeZone}
            onChange={(e) => setD({ ...d, timeZone: e.target.value })}
          >
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        )}
      </Field>
      {creating ? (
        <Field label="Timetable" name="cycleWeeks" error={error}>
          {(p) => (
            <select
              {...p}
              value={d.cycleWeeks}
              onChange={(e) => setD({ ...d, cycleWeeks: Number(e.target.value) as 1 | 2 })}
            >
              <option value={1}>Repeats every week</option>
              <option value={2}>Two weeks (week A / week B)</option>
            </select>
          )}
        </Field>
      ) : null}
      <div className="wide">
        <Field label="Address" name="address" error={error}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={d.address}
              onChange={(e) => setD({ ...d, address: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {creating ? 'Create school' : 'Save details'}
        </button>
        <span role="status" aria-live="polite">
          {status}
        </span>
      </div>
    </form>
  );
}

export function NewSchoolPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <h1>New school</h1>
      <p className="lede">
        Add the school’s details. Next you can add its terms and non-teaching days, staff, rooms and
        timetable.
      </p>
      <DetailsForm
        creating
        initial={{
          name: '',
          phase: 'primary',
          urn: '',
          address: '',
          timeZone: 'Europe/London',
          cycleWeeks: 1,
        }}
        onSave={async (d) => {
          const created = await createSchool({ ...d, urn: d.urn.trim() || null });
          await queryClient.invalidateQueries({ queryKey: schoolKeys.list() });
          navigate(`/schools/${created.id}/edit`);
        }}
      />
    </>
  );
}

export function EditSchoolPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const school = useSchool(schoolId);
  if (school.isPending) return <Loading what="the school" />;
  if (school.error) return <ErrorMessage error={school.error} />;
  const s = school.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: schoolKeys.detail(schoolId) });
  return (
    <>
      <h1>{s.name}: details and calendar</h1>
      <SetupNav schoolId={schoolId} canEdit={s.canEdit} />
      {s.canEdit ? null : (
        <p className="error" role="alert">
          Only a trust administrator can change a school’s details and calendar.
        </p>
      )}
      <h2>Details</h2>
      <DetailsForm
        key={s.id}
        creating={false}
        initial={{
          name: s.name,
          phase: s.phase,
          urn: s.urn ?? '',
          address: s.address,
          timeZone: s.timeZone,
          cycleWeeks: s.cycleWeeks as 1 | 2,
        }}
        onSave={async (d) => {
          const { cycleWeeks: _ignored, ...details } = d;
          await updateSchool(schoolId, { ...details, urn: details.urn.trim() || null });
          await refresh();
        }}
      />
      <Terms schoolId={schoolId} terms={s.terms} onChange={refresh} />
      <Closures schoolId={schoolId} closures={s.closures} onChange={refresh} />
    </>
  );
}

type RangeDraft = { name: string; startsOn: string; endsOn: string };

function Terms({
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

type ClosureDraft = {
  kind: SchoolClosure['kind'];
  label: string;
  startsOn: string;
  endsOn: string;
};

function Closures({
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
