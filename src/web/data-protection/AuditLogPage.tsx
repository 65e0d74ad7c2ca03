import { type FormEvent, useState } from 'react';
import { formatInstant } from '../lib/format.ts';
import { useSchools } from '../schools/api.ts';
import { Pager } from '../ui/ListControls.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { type AuditFilters, auditSearch, useAuditLog } from './api.ts';

const PAGE_SIZE = 50;
const empty: AuditFilters = { person: '', action: '', from: '', to: '', school: '' };

/** The trust's audit log (issue 17, trust admins): who read or changed what, filtered, as CSV. */
export function AuditLogPage() {
  const [draft, setDraft] = useState<AuditFilters>(empty);
  const [filters, setFilters] = useState<AuditFilters>(empty);
  const [page, setPage] = useState(1);
  const log = useAuditLog(filters, page, PAGE_SIZE);
  const schools = useSchools();
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
  }

  return (
    <section aria-labelledby="audit-log">
      <h1 id="audit-log">Audit log</h1>
      <p>
        Who read or changed what, newest first. Every read of a record or photo is here, and every
        change. The log holds who, what and when — never the content.
      </p>
      <form onSubmit={apply} className="filters">
        <div className="field">
          <label htmlFor="audit-person">Person (name or email, who acted or was acted on)</label>
          <input id="audit-person" type="search" value={draft.person} onChange={set('person')} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Kind of event</label>
          <select id="audit-action" value={draft.action} onChange={set('action')}>
            <option value="">Any</option>
            {log.data?.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-school">School</label>
          <select id="audit-school" value={draft.school} onChange={set('school')}>
            <option value="">Any</option>
            {schools.data?.schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <button type="submit" className="button">
          Show
        </button>{' '}
        <a
          className="button secondary"
          href={`/api/trust/audit.csv?${auditSearch(filters, 1, 200)}`}
        >
          Download these events as CSV
        </a>
      </form>
      {log.isPending ? <Loading what="the audit log" /> : null}
      {log.error ? <ErrorMessage error={log.error} /> : null}
      {log.data ? (
        <>
          <p role="status" aria-live="polite">
            {log.isFetching ? 'Updating… ' : ''}
            {log.data.total} events match.
          </p>
          <TableScroll label="Audit events">
            <table className="setup-list">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">About</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatInstant(e.at)}</td>
                    <td>{e.actorName ?? 'The system'}</td>
                    <td>{e.action}</td>
                    <td>
                      {e.subjectName ?? e.subjectType}
                      {e.subjectName || !e.subjectId ? '' : ` ${e.subjectId.slice(0, 8)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager page={page} pageSize={PAGE_SIZE} total={log.data.total} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}
