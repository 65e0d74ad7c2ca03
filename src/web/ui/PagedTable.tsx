import type { ReactNode } from 'react';
import { Pager } from './ListControls.tsx';
import { ErrorMessage, Loading } from './Status.tsx';
import { TableScroll } from './TableScroll.tsx';

type Paged<T> = { items: T[]; total: number; page?: number; pageSize?: number };

/**
 * A set-up list: loading and error states, a table with a hidden caption, then the pager (which
 * also says when nothing matches). `head` is the header row's cells, `row` one item's cells.
 */
export function PagedTable<T extends { id: string }>({
  what,
  caption,
  result,
  page,
  pageSize,
  onPage,
  head,
  row,
}: {
  /** For the loading message: 'Loading rooms…'. */
  what: string;
  caption: string;
  result: { isPending: boolean; error: unknown; data?: Paged<T> | undefined };
  /** The page shown; by default the one the server answered with. */
  page?: number;
  pageSize?: number;
  onPage: (n: number) => void;
  head: ReactNode;
  row: (item: T) => ReactNode;
}) {
  return (
    <>
      {result.isPending ? <Loading what={what} /> : null}
      {result.error ? <ErrorMessage error={result.error} /> : null}
      {result.data ? (
        <>
          <TableScroll label={caption}>
            <table className="setup-list">
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>{head}</tr>
              </thead>
              <tbody>
                {result.data.items.map((item) => (
                  <tr key={item.id}>{row(item)}</tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager
            page={page ?? result.data.page ?? 1}
            pageSize={pageSize ?? result.data.pageSize ?? result.data.items.length}
            total={result.data.total}
            onPage={onPage}
          />
        </>
      ) : null}
    </>
  );
}
