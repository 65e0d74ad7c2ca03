import './after.css';
import { Link } from 'react-router';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useMyCoaching, useMyFlags, useMyVisitRecords } from './api.ts';

/** /my-records — records of visits to my classes, visits shared with me as a coach, flags to settle. */
export function MyRecordsPage() {
  const visits = useMyVisitRecords();
  const coaching = useMyCoaching();
  const flags = useMyFlags();
  return (
    <>
      <h1>Records of my visits</h1>
      <p className="lede">
        Everything observers wrote about visits to your classes. Within the response window you can
        add a response, flag a factual error, and write a private reflection.
      </p>
      <section aria-labelledby="my-visit-records">
        <h2 id="my-visit-records">Visits to my classes</h2>
        {visits.isPending ? <Loading what="your visits" /> : null}
        {visits.error ? <ErrorMessage error={visits.error} /> : null}
        {visits.data?.visits.length === 0 ? <p>No records have been handed in yet.</p> : null}
        <ul className="cards">
          {visits.data?.visits.map((v) => (
            <li key={v.visitId} className="card">
              <h3>
                <Link to={`/visits/${v.visitId}/records`}>
                  {formatDay(v.date)}: {v.classCode}
                </Link>
              </h3>
              <p>
                {v.focusTitle} · {v.records} {v.records === 1 ? 'record' : 'records'}
                {v.openFlags > 0 ? ` · ${v.openFlags} flagged error awaiting an answer` : ''}
              </p>
              <p className="muted">
                {v.window.open && v.window.closesOn
                  ? `You can respond until ${formatDay(v.window.closesOn)}.`
                  : 'The response window has closed.'}
                {v.sharedWithCoach ? ' Shared with your coach.' : ''}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {coaching.data && coaching.data.visits.length > 0 ? (
        <section aria-labelledby="coaching">
          <h2 id="coaching">Shared with me as a coach</h2>
          <ul>
            {coaching.data.visits.map((v) => (
              <li key={v.visitId}>
                <Link to={`/visits/${v.visitId}/records`}>
                  {v.teacherName}, {formatDay(v.date)}: {v.focusTitle}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {flags.data && flags.data.flags.length > 0 ? (
        <section aria-labelledby="flags-to-settle">
          <h2 id="flags-to-settle">Factual errors to look at</h2>
          <ul>
            {flags.data.flags.map((f) => (
              <li key={f.id}>
                <Link to={`/visits/${f.visitId}/records`}>
                  {formatDay(f.date)}, {f.classCode}: {f.itemLabel}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
