import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SessionDetail } from '../../contracts/moderation.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { moderationKeys, noteAgreedReading } from './api.ts';

type LookFor = SessionDetail['lookFors'][number];
const partLabels = { looksLike: 'What it looks like', doesNotMean: 'What it does not mean' };

/** Each look-for's agreed reading: noted by the facilitator, read by everyone in the session. */
export function AgreedReadings({ session }: { session: SessionDetail }) {
  return (
    <section aria-labelledby="agreed-heading">
      <h2 id="agreed-heading">Agreed readings</h2>
      {session.lookFors.map((f) => (
        <article key={f.id} className="card" aria-label={`Agreed reading: ${f.prompt}`}>
          <h3>{f.prompt}</h3>
          <p className="muted">
            Guidance now: {f.looksLike ?? 'none written yet'}
            {f.doesNotMean ? ` · What it does not mean: ${f.doesNotMean}` : ''}
          </p>
          {f.agreed ? (
            <p>
              <strong>Agreed ({partLabels[f.agreed.part].toLowerCase()}):</strong> {f.agreed.text}
            </p>
          ) : (
            <p>No agreed reading yet.</p>
          )}
          {session.canFacilitate ? <AgreedForm sessionId={session.id} lookFor={f} /> : null}
        </article>
      ))}
    </section>
  );
}

function AgreedForm({ sessionId, lookFor }: { sessionId: string; lookFor: LookFor }) {
  const client = useQueryClient();
  const [text, setText] = useState(lookFor.agreed?.text ?? '');
  const [part, setPart] = useState<'looksLike' | 'doesNotMean'>(
    lookFor.agreed?.part ?? 'looksLike',
  );
  const save = useMutation({
    mutationFn: () => noteAgreedReading(sessionId, lookFor.id, { text, part }),
    onSuccess: (d) => client.setQueryData(moderationKeys.session(sessionId), d),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const id = `agreed-${lookFor.id}`;
  return (
    <form onSubmit={submit}>
      <label htmlFor={id}>Agreed reading</label>
      <textarea
        id={id}
        rows={3}
        maxLength={1000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <label htmlFor={`${id}-part`}>Becomes</label>
      <select
        id={`${id}-part`}
        value={part}
        onChange={(e) => setPart(e.target.value as 'looksLike' | 'doesNotMean')}
      >
        <option value="looksLike">{partLabels.looksLike}</option>
        <option value="doesNotMean">{partLabels.doesNotMean}</option>
      </select>
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <button type="submit" className="button">
        Save the agreed reading
      </button>
    </form>
  );
}
