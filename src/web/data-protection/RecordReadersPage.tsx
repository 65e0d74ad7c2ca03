import { formatDay, formatInstant } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { useRecordReaders } from './api.ts';

/** A visited teacher's view (issue 17): who read the records of visits to my lessons, and when. */
export function RecordReadersPage() {
  const readers = useRecordReaders();
  return (
    <section aria-labelledby="record-readers">
      <h1 id="record-readers">Who read my records</h1>
      <p>Every time someone opened a record, or a photo, of a visit to one of your lessons.</p>
      {readers.isPending ? <Loading what="who read your records" /> : null}
      {readers.error ? <ErrorMessage error={readers.error} /> : null}
      {readers.data && readers.data.items.length === 0 ? (
        <p>Nobody has read the records of your visits yet.</p>
      ) : null}
      {readers.data && readers.data.items.length > 0 ? (
        <TableScroll label="Reads of your records">
          <table className="setup-list">
            <caption className="visually-hidden">Reads of your records, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Visit</th>
              </tr>
            </thead>
            <tbody>
              {readers.data.items.map((r) => (
                <tr key={r.id}>
                  <td>{formatInstant(r.at)}</td>
                  <td>{r.reader}</td>
                  <td>{r.what === 'photo' ? 'A photo' : 'The record'}</td>
                  <td>
                    {formatDay(r.visitDate)}, {r.classCode}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
