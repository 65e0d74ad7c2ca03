import { useEffect, useId, useState } from 'react';
import type { SubjectAccessExportBody } from '../../contracts/data-protection.ts';
import { useSession } from '../lib/session.tsx';
import { usePeople } from '../people/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { blobUrl, type Progress, postWithProgress } from './progress.ts';

/**
 * A subject-access request (issue 17): find the person, produce the export in one request with
 * its steps shown, then download the zip (JSON files, photos and a readable PDF).
 */
export function SubjectAccessSection() {
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const people = usePeople(search, 1, 10);
  const [chosen, setChosen] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ url: string; fileName: string; summary: string } | null>(null);
  const searchId = useId();

  useEffect(() => () => (done ? URL.revokeObjectURL(done.url) : undefined), [done]);

  const person = people.data?.items.find((p) => p.id === chosen);

  async function produce() {
    if (!chosen) return;
    setError(null);
    setDone(null);
    setWorking(true);
    setProgress({ message: 'Starting', done: 0, total: 1 });
    try {
      const result = await postWithProgress<SubjectAccessExportBody>(
        `/api/people/${chosen}/subject-access`,
        {},
        me?.csrfToken ?? null,
        setProgress,
      );
      const c = result.counts;
      setDone({
        url: blobUrl(result.zipBase64, 'application/zip'),
        fileName: result.fileName,
        summary: `${c.visits ?? 0} visits, ${c.records ?? 0} records, ${c.photos ?? 0} photos, ${c.notices ?? 0} notices, ${c.auditEvents ?? 0} audit events.`,
      });
    } catch (e) {
      setError(e);
    } finally {
      setWorking(false);
    }
  }

  return (
    <section aria-labelledby="subject-access">
      <h2 id="subject-access">Subject-access request</h2>
      <p>
        Everything the trust holds about one person: profile, roles, visits to their lessons and
        every record of them, responses, reflections, notices, concerns they raised and the audit
        trail about them, as a zip of JSON files with a readable PDF. Making the export is recorded
        in the audit trail.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
          setChosen(null);
        }}
      >
        <label htmlFor={searchId}>Find the person (name or email)</label>
        <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />{' '}
        <button type="submit" className="button secondary">
          Search
        </button>
      </form>
      {people.isPending ? <Loading what="people" /> : null}
      {people.error ? <ErrorMessage error={people.error} /> : null}
      {people.data ? (
        <fieldset>
          <legend>Whose data?</legend>
          {people.data.items.length === 0 ? <p>Nobody matches.</p> : null}
          {people.data.items.map((p) => (
            <label key={p.id} className="checkbox">
              <input
                type="radio"
                name="subject"
                value={p.id}
                checked={chosen === p.id}
                onChange={() => setChosen(p.id)}
              />{' '}
              {p.fullName} <span className="muted">({p.email})</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="button" className="button" disabled={!chosen || working} onClick={produce}>
        {person ? `Produce ${person.fullName}’s export` : 'Produce the export'}
      </button>
      <div role="status" aria-live="polite">
        {working && progress ? (
          <p>
            <progress max={progress.total} value={progress.done} aria-label="Export progress" />{' '}
            {progress.message}… ({progress.done} of {progress.total})
          </p>
        ) : null}
        {done ? (
          <p>
            Ready: {done.summary}{' '}
            <a href={done.url} download={done.fileName}>
              Download {done.fileName}
            </a>
          </p>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
