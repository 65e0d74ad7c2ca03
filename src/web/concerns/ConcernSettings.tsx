import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { ConcernList } from '../../contracts/concerns.ts';
import { type NamedRole, namedRoleLabels, namedRoles } from '../../domain/concerns/concerns.ts';
import { Field } from '../ui/Field.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { concernKeys, saveSchoolSettings, saveTrustSettings, useTrustSettings } from './api.ts';

/** Trust administrators: who receives this school's concerns, and the trust's named person. */
export function ConcernSettings({ list, schoolId }: { list: ConcernList; schoolId: string }) {
  const client = useQueryClient();
  const [head, setHead] = useState(list.head?.id ?? '');
  const [days, setDays] = useState(list.acknowledgeSchoolDays);
  const school = useMutation({
    mutationFn: () =>
      saveSchoolSettings(schoolId, { headPersonId: head || null, acknowledgeSchoolDays: days }),
    onSuccess: () => client.invalidateQueries({ queryKey: concernKeys.school(schoolId) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    school.mutate();
  };
  return (
    <>
      <form className="after-form" onSubmit={submit} aria-labelledby="concern-head">
        <h2 id="concern-head">Who receives concerns in this school</h2>
        <Field label="Headteacher" name="headPersonId" error={school.error}>
          {(p) => (
            <select {...p} value={head} onChange={(e) => setHead(e.target.value)}>
              <option value="">Nobody named yet</option>
              {list.colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="School days to acknowledge a concern"
          name="acknowledgeSchoolDays"
          error={school.error}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={30}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            />
          )}
        </Field>
        {school.error ? <ErrorMessage error={school.error} /> : null}
        {school.isSuccess ? <p role="status">Saved.</p> : null}
        <div>
          <button type="submit" disabled={school.isPending}>
            Save
          </button>
        </div>
      </form>
      <TrustNamedPerson schoolId={schoolId} />
    </>
  );
}

function TrustNamedPerson({ schoolId }: { schoolId: string }) {
  const client = useQueryClient();
  const settings = useTrustSettings(true);
  const [person, setPerson] = useState<string | null>(null);
  const [role, setRole] = useState<NamedRole | null>(null);
  const save = useMutation({
    mutationFn: (body: { namedPersonId: string | null; namedRole: NamedRole }) =>
      saveTrustSettings(body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: concernKeys.trust });
      await client.invalidateQueries({ queryKey: concernKeys.school(schoolId) });
    },
  });
  if (!settings.data) return null;
  const s = settings.data;
  const chosen = person ?? s.namedPerson?.id ?? '';
  const chosenRole = role ?? s.namedRole;
  return (
    <form
      className="after-form"
      aria-labelledby="concern-named"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ namedPersonId: chosen || null, namedRole: chosenRole });
      }}
    >
      <h2 id="concern-named">The trust’s named person</h2>
      <p className="muted">
        Concerns about a headteacher go to this person, and so do concerns escalated after the
        school’s answer.
      </p>
      <Field label="Person" name="namedPersonId" error={save.error}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setPerson(e.target.value)}>
            <option value="">Nobody named yet</option>
            {s.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>They are the trust’s</legend>
        {namedRoles.map((r) => (
          <label key={r} className="checkbox">
            <input
              type="radio"
              name="named-role"
              checked={chosenRole === r}
              onChange={() => setRole(r)}
            />
            {namedRoleLabels[r]}
          </label>
        ))}
      </fieldset>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess ? <p role="status">Saved.</p> : null}
      <div>
        <button type="submit" disabled={save.isPending}>
          Save the named person
        </button>
      </div>
    </form>
  );
}
