import { type FormEvent, useEffect, useId, useState } from 'react';
import type {
  SubjectAccessExportBody,
  TrustDeletionBody,
} from '../../contracts/data-protection.ts';
import { api } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { blobUrl, type Progress, postWithProgress } from './progress.ts';

/**
 * End of contract (issue 17): export all the trust's data, then delete the trust — only after
 * typing its short name and saying the export is kept. The deletion cannot be undone.
 */
export function EndOfContractSection() {
  const { me } = useSession();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState<{ url: string; fileName: string } | null>(null);
  const [confirm, setConfirm] = useState('');
  const [kept, setKept] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState<TrustDeletionBody | null>(null);
  const confirmId = useId();

  useEffect(() => () => (ready ? URL.revokeObjectURL(ready.url) : undefined), [ready]);

  async function exportAll() {
    setError(null);
    setWorking(true);
    setProgress({ message: 'Starting', done: 0, total: 1 });
    try {
      const result = await postWithProgress<SubjectAccessExportBody>(
        '/api/trust/export',
        {},
        me?.csrfToken ?? null,
        setProgress,
      );
      setReady({ url: blobUrl(result.zipBase64, 'application/zip'), fileName: result.fileName });
    } catch (e) {
      setError(e);
    } finally {
      setWorking(false);
    }
  }

  async function deleteTrust(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDeleting(true);
    try {
      setDeleted(
        await api<TrustDeletionBody>('/api/trust/delete', {
          method: 'POST',
          body: { confirm },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setDeleting(false);
    }
  }

  if (deleted) {
    return (
      <section aria-labelledby="end-of-contract">
        <h2 id="end-of-contract">End of contract</h2>
        <p role="status">
          {deleted.name} has been deleted: {deleted.rowsDeleted} rows, and all{' '}
          {deleted.tablesChecked} tables checked afterwards hold nothing of it. You are signed out.
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="end-of-contract">
      <h2 id="end-of-contract">End of contract</h2>
      <h3>Export all the trust’s data</h3>
      <p>
        Every table of the trust as JSON and CSV files in one zip, with photos; passwords and
        security codes are left out. The export is recorded in the audit trail.
      </p>
      <button type="button" className="button" disabled={working} onClick={exportAll}>
        Export all the trust’s data
      </button>
      <div role="status" aria-live="polite">
        {working && progress ? (
          <p>
            <progress max={progress.total} value={progress.done} aria-label="Export progress" />{' '}
            {progress.message}… ({progress.done} of {progress.total})
          </p>
        ) : null}
        {ready ? (
          <p>
            Ready:{' '}
            <a href={ready.url} download={ready.fileName}>
              Download {ready.fileName}
            </a>
          </p>
        ) : null}
      </div>
      <h3>Delete the trust</h3>
      <p>
        Deletes every person, school, walk, record, photo and audit event of the trust, then checks
        every table. <strong>This cannot be undone.</strong> Only a line saying the trust was
        deleted, when and by whom is kept.
      </p>
      <form onSubmit={deleteTrust}>
        <label className="checkbox">
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} /> I
          have exported the trust’s data and kept it safe, or the trust does not want it
        </label>
        <div className="field">
          <label htmlFor={confirmId}>Type the trust’s short name to confirm</label>
          <input
            id={confirmId}
            value={confirm}
            autoComplete="off"
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button danger"
          disabled={!kept || confirm.trim() === '' || deleting}
        >
          {deleting ? 'Deleting…' : 'Delete the trust and all its data'}
        </button>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
