import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { RetentionSettingsBody } from '../../contracts/data-protection.ts';
import { type RetentionSetting, retentionLabels } from '../../domain/retention/retention.ts';
import { formatInstant } from '../lib/format.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { dataProtectionKeys, saveRetention, useRetention } from './api.ts';

const order: RetentionSetting[] = [
  'recordsSchoolYears',
  'concernsYears',
  'auditYears',
  'noticesDays',
  'mailDays',
  'signInDays',
];

const countWords: Record<string, string> = {
  recordsErased: 'records erased',
  photosDeleted: 'photos deleted',
  responsesErased: 'responses erased',
  flagsErased: 'flags erased',
  reflectionsDeleted: 'reflections deleted',
  coachSharesDeleted: 'coach shares ended',
  practiceExamplesErased: 'unpublished practice examples erased',
  concernsErased: 'concerns erased',
  auditEventsDeleted: 'audit events deleted',
  noticesDeleted: 'notices deleted',
  mailDeleted: 'mails deleted',
  signInTracesDeleted: 'sign-in traces deleted',
};

/** How long the trust keeps each kind of data, within safe bounds, and what the nightly run did. */
export function RetentionSection() {
  const retention = useRetention();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RetentionSettingsBody | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (retention.data && !form) setForm(retention.data.settings);
  }, [retention.data, form]);

  if (retention.isPending) return <Loading what="the retention settings" />;
  if (retention.error) return <ErrorMessage error={retention.error} />;
  const r = retention.data;
  const values = form ?? r.settings;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaid('');
    setSaving(true);
    try {
      const saved = await saveRetention(values);
      queryClient.setQueryData(dataProtectionKeys.retention(), saved);
      setForm(saved.settings);
      setSaid('Saved. The next nightly run uses these settings.');
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="retention">
      <h2 id="retention">How long we keep data</h2>
      <p>
        Each night, anything past these limits is erased or deleted; the figures on the insights
        pages stay as they were.{' '}
        {r.chosen ? '' : 'These are the defaults: nothing has been changed.'}
      </p>
      <form onSubmit={submit} noValidate>
        <FormError error={error} fields={order} />
        {order.map((key) => {
          const bound = r.bounds[key]!;
          const { label, unit } = retentionLabels[key];
          return (
            <Field
              key={key}
              label={label}
              name={key}
              error={error}
              hint={`${unit}; from ${bound.min} to ${bound.max} (default ${r.defaults[key]})`}
            >
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={bound.min}
                  max={bound.max}
                  step={1}
                  value={Number.isNaN(values[key]) ? '' : values[key]}
                  onChange={(e) => setForm({ ...values, [key]: e.target.valueAsNumber })}
                />
              )}
            </Field>
          );
        })}
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Save retention settings'}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {said ? <p>{said}</p> : null}
      </div>
      <h3>Latest nightly runs</h3>
      {r.runs.length === 0 ? (
        <p>No run yet: the first runs tonight.</p>
      ) : (
        <ul>
          {r.runs.map((run) => {
            const done = Object.entries(run.counts).filter(([, n]) => n > 0);
            return (
              <li key={run.ranAt}>
                {formatInstant(run.ranAt)}:{' '}
                {done.length === 0
                  ? 'nothing was past its limit.'
                  : done.map(([k, n]) => `${n} ${countWords[k] ?? k}`).join(', ')}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
