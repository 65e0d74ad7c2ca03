import { type FormEvent, useState } from 'react';
import type { SchoolInputRaw } from '../../contracts/schools.ts';
import { Field, FormError } from '../ui/Field.tsx';

export const phases: [SchoolInputRaw['phase'], string][] = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['all_through', 'All-through'],
  ['special', 'Special'],
  ['alternative', 'Alternative provision'],
];

export const timeZones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/London'];
  }
})();

export type Details = {
  name: string;
  phase: SchoolInputRaw['phase'];
  urn: string;
  address: string;
  timeZone: string;
  cycleWeeks: 1 | 2;
};

export function DetailsForm({
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
