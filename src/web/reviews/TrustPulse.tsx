import type { TrustPulse } from '../../contracts/reviews.ts';
import { TableScroll } from '../ui/TableScroll.tsx';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The trust dashboard's pulse: each school's latest closed review pulse, as shares of staff
 * wanting more walks, about the same or fewer, with how many answered. Suppressed below k.
 */
export function TrustPulseSection({ pulse, csvHref }: { pulse: TrustPulse; csvHref: string }) {
  return (
    <section aria-labelledby="trust-pulse" className="chart-block">
      <h2 id="trust-pulse">Do staff want more walks? The review pulse</h2>
      <p className="muted">
        From each school’s latest review whose staff pulse has closed: anonymous answers, shown only
        when at least {pulse.k} staff answered.
      </p>
      <p>
        <a className="button secondary" href={csvHref} download>
          Download the pulse table (CSV)
        </a>
      </p>
      {pulse.note ? (
        <p className="suppressed">{pulse.note}</p>
      ) : (
        <TableScroll label="Staff pulse by school">
          <table>
            <caption>Staff pulse by school</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Review</th>
                <th scope="col">Want more walks</th>
                <th scope="col">About the same</th>
                <th scope="col">Fewer</th>
                <th scope="col">Staff who answered</th>
              </tr>
            </thead>
            <tbody>
              {pulse.schools.map((s) => (
                <tr key={s.schoolId}>
                  <th scope="row">{s.schoolName}</th>
                  <td>{s.review ? `${s.review.title} (${s.review.periodLabel})` : '–'}</td>
                  {s.walks ? (
                    <>
                      <td>
                        {pct(s.walks.more.share)}{' '}
                        <span className="muted">
                          (likely {pct(s.walks.moreLower)}–{pct(s.walks.moreUpper)})
                        </span>
                      </td>
                      <td>{pct(s.walks.same.share)}</td>
                      <td>{pct(s.walks.fewer.share)}</td>
                    </>
                  ) : (
                    <td colSpan={3} className="suppressed">
                      {s.note}
                    </td>
                  )}
                  <td>{s.review ? `${s.answered} of ${s.staff}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
