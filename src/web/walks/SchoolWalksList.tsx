import { useState } from 'react';
import { Link } from 'react-router';
import { formatDay } from '../lib/format.ts';
import { PagedTable } from '../ui/PagedTable.tsx';
import { useSchoolWalks } from './api.ts';

const PAGE_SIZE = 25;
const statusLabels = { draft: 'Draft', published: 'Published', cancelled: 'Cancelled' } as const;

/** For leaders: every walk of the school, a page at a time (the server sends one page). */
export function SchoolWalksList({ schoolId }: { schoolId: string }) {
  const [page, setPage] = useState(1);
  const walks = useSchoolWalks(schoolId, { page, pageSize: PAGE_SIZE });
  const result = {
    isPending: walks.isPending,
    error: walks.error,
    data: walks.data
      ? {
          items: walks.data.walks,
          total: walks.data.total,
          page: walks.data.page,
          pageSize: walks.data.pageSize,
        }
      : undefined,
  };
  return (
    <section aria-labelledby="school-walks">
      <h2 id="school-walks">All walks</h2>
      <PagedTable
        what="walks"
        caption="The school's walks, oldest first"
        result={result}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        head={
          <>
            <th scope="col">Day</th>
            <th scope="col">Time</th>
            <th scope="col">Focus</th>
            <th scope="col">Status</th>
          </>
        }
        row={(w) => (
          <>
            <td>
              <Link to={`/walks/${w.id}`}>{formatDay(w.date)}</Link>
            </td>
            <td>
              {w.windowStart}–{w.windowEnd}
            </td>
            <td>{w.focusTitle}</td>
            <td>{statusLabels[w.status]}</td>
          </>
        )}
      />
    </section>
  );
}
