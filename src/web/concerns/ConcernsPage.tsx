import '../responses/after.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ConcernList, RaiseConcernInput } from '../../contracts/concerns.ts';
import {
  type ConcernKind,
  concernKindLabels,
  concernKinds,
} from '../../domain/concerns/concerns.ts';
import { formatDay } from '../lib/format.ts';
import { Field } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { concernKeys, raiseConcern, useConcerns } from './api.ts';
import { ConcernSettings } from './ConcernSettings.tsx';

const partLabels = {
  raiser: 'you raised it',
  supporter: 'you are named as supporting it',
  handler: 'it was sent to you',
  escalation: 'it was escalated to you',
} as const;

/**
 * /schools/:schoolId/concerns — concerns about how walks are run (rule 12): the ones you have a
 * part in, and a form to raise one. It goes to the head, or to the trust's named person when it
 * is about the head. Nobody else can read it; everyone sees only counts in the protocol report.
 */
export function ConcernsPage() {
  const { schoolId = '' } = useParams();
  const list = useConcerns(schoolId);
  if (list.isPending) return <Loading what="concerns" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  const d = list.data;
  return (
    <>
      <h1>Concerns about learning walks, {d.schoolName}</h1>
      <p className="lede">
        If you are concerned about how learning walks are run here, raise it with the headteacher
        {d.head ? ` (${d.head.name})` : ''}, on your own or with your line manager’s support. The
        head acknowledges it within {d.acknowledgeSchoolDays} school days and answers it. If the
        concern is about the head, it goes to the trust’s named person
        {d.namedPerson ? ` (${d.namedPerson.name}, ${d.namedPerson.roleLabel.toLowerCase()})` : ''}.
        Only you, a colleague you name as supporting, and the person it goes to can read it.
      </p>
      <section aria-labelledby="your-concerns">
        <h2 id="your-concerns">Your concerns</h2>
        {d.concerns.length === 0 ? <p>You have no concerns here.</p> : null}
        <ul className="cards">
          {d.concerns.map((c) => (
            <li key={c.id} className="card">
              <h3>
                <Link to={`/concerns/${c.id}`}>{c.summary}</Link>
              </h3>
              <p>
                {c.stageLabel}
                {c.overdue ? ' · acknowledgement overdue' : ''}
              </p>
              <p className="muted">
                Raised {formatDay(c.raisedOn)}; {c.yourParts.map((p) => partLabels[p]).join(', ')}.
              </p>
            </li>
          ))}
        </ul>
      </section>
      {d.canRaise ? <RaiseForm list={d} schoolId={schoolId} /> : null}
      {d.canConfigure ? <ConcernSettings list={d} schoolId={schoolId} /> : null}
    </>
  );
}

function RaiseForm({ list, schoolId }: { list: ConcernList; schoolId: string }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search] = useSearchParams();
  const link = (['programmeId', 'walkId', 'visitId', 'recordId'] as const).find((k) =>
    search.get(k),
  );
  const [kind, setKind] = useState<ConcernKind>('notice');
  const [summary, setSummary] = useState('');
  const [details, setDetails] = useState('');
  const [aboutHead, setAboutHead] = useState(false);
  const [supporterId, setSupporterId] = useState('');
  const raise = useMutation({
    mutationFn: (body: RaiseConcernInput) => raiseConcern(schoolId, body),
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: concernKeys.school(schoolId) });
      navigate(`/concerns/${c.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate({
      kind,
      summary,
      details,
      aboutHead,
      supporterId: supporterId || null,
      ...(link ? { [link]: search.get(link) } : {}),
    });
  };
  return (
    <form className="after-form" onSubmit={submit} aria-labelledby="raise-concern">
      <h2 id="raise-concern">Raise a concern</h2>
      {link ? (
        <p className="muted">
          This concern will be linked to the {link.replace('Id', '')} you came from.
        </p>
      ) : null}
      <Field label="What is it about?" name="kind" error={raise.error}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ConcernKind)}>
            {concernKinds.map((k) => (
              <option key={k} value={k}>
                {concernKindLabels[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="In a few words" name="summary" error={raise.error}>
        {(p) => (
          <input
            {...p}
            value={summary}
            required
            maxLength={200}
            onChange={(e) => setSummary(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="What happened, and what would you like to change?"
        name="details"
        error={raise.error}
      >
        {(p) => (
          <textarea
            {...p}
            value={details}
            required
            maxLength={4000}
            rows={6}
            onChange={(e) => setDetails(e.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={aboutHead}
          onChange={(e) => setAboutHead(e.target.checked)}
        />
        This concern is about the headteacher (it goes to the trust’s named person instead)
      </label>
      <Field
        label="Supported by (optional)"
        name="supporterId"
        error={raise.error}
        hint="Usually your line manager. They are asked to confirm, and can then read the concern."
      >
        {(p) => (
          <select {...p} value={supporterId} onChange={(e) => setSupporterId(e.target.value)}>
            <option value="">Nobody: I raise it on my own</option>
            {list.colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {raise.error ? <ErrorMessage error={raise.error} /> : null}
      <div>
        <button type="submit" disabled={raise.isPending}>
          Send the concern
        </button>
      </div>
    </form>
  );
}
