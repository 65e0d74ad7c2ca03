import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProtocolSettingsDto } from '../../contracts/programmes.ts';
import { settingLabels } from '../../domain/protocol/settings.ts';
import { Field } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { saveProtocolSettings, useProtocolSettings } from './api.ts';

const numeric = [
  'maxObservers',
  'noticeSchoolDays',
  'visitCap',
  'visitMinutes',
  'maxRoomsPerHour',
  'responseWindowSchoolDays',
  'minGroupSize',
  'consultationSchoolDays',
  'amendmentSchoolDays',
  'recommendedLookFors',
] as const;

/**
 * A school's protocol settings (rules 3–5, 8, 11 and 13), within the safe bounds; the
 * getting-started checklist links here (issue 13). Saving, even unchanged, confirms them.
 */
export function ProtocolSettingsPage() {
  const { schoolId = '' } = useParams();
  const settings = useProtocolSettings(schoolId);
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  if (settings.isPending) return <Loading what="the protocol settings" />;
  if (settings.error) return <ErrorMessage error={settings.error} />;
  const { settings: current, bounds, canEdit } = settings.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Partial<ProtocolSettingsDto> = {
      capPeriod: String(form.get('capPeriod')) as ProtocolSettingsDto['capPeriod'],
      reviewFrequency: String(
        form.get('reviewFrequency'),
      ) as ProtocolSettingsDto['reviewFrequency'],
    };
    for (const key of numeric) body[key] = Number(form.get(key));
    if (body.capPeriod === 'days') body.capPeriodDays = Number(form.get('capPeriodDays'));
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await saveProtocolSettings(schoolId, body);
      // The PUT answers with the settings alone: keep the page's bounds and canEdit.
      queryClient.setQueryData(['protocol-settings', schoolId], (old: typeof settings.data) =>
        old ? { ...old, settings: answer } : old,
      );
      await queryClient.invalidateQueries({ queryKey: ['getting-started'] });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <p>
        <Link to={`/schools/${schoolId}`}>Back to the school</Link>
      </p>
      <h1>Protocol settings</h1>
      <p>
        How walks run in this school: every value stays within safe bounds, so the protocol’s
        protections (notice, caps, short visits, small groups hidden) always hold.
      </p>
      <form onSubmit={submit} noValidate aria-label="Protocol settings">
        {numeric.map((key) => (
          <Field
            key={key}
            label={settingLabels[key]}
            name={key}
            error={error}
            hint={bounds[key] ? `From ${bounds[key].min} to ${bounds[key].max}.` : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={bounds[key]?.min}
                max={bounds[key]?.max}
                defaultValue={current[key]}
                disabled={!canEdit}
              />
            )}
          </Field>
        ))}
        <Field label={settingLabels.capPeriod} name="capPeriod" error={error}>
          {(p) => (
            <select {...p} defaultValue={current.capPeriod} disabled={!canEdit}>
              <option value="term">A term</option>
              <option value="school_year">A school year</option>
              <option value="days">A number of days</option>
            </select>
          )}
        </Field>
        <Field
          label="Days in the cap period (when counted in days)"
          name="capPeriodDays"
          error={error}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              defaultValue={current.capPeriodDays ?? 28}
              disabled={!canEdit}
            />
          )}
        </Field>
        <Field label={settingLabels.reviewFrequency} name="reviewFrequency" error={error}>
          {(p) => (
            <select {...p} defaultValue={current.reviewFrequency} disabled={!canEdit}>
              <option value="term">Every term</option>
              <option value="school_year">Every school year</option>
            </select>
          )}
        </Field>
        {error ? <ErrorMessage error={error} /> : null}
        <div role="status" aria-live="polite">
          {saved ? <p>Saved.</p> : null}
        </div>
        {canEdit ? (
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Save the settings'}
          </button>
        ) : (
          <p>Only the school’s leaders and trust administrators change these.</p>
        )}
      </form>
    </section>
  );
}
