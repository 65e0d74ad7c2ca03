import './notices.css';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProtocolReportDto } from '../../contracts/notices.ts';
import { formatInstant, formatLongDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { useProtocolReport } from './api.ts';

const statusLabels: Record<ProtocolReportDto['rows'][number]['status'], string> = {
  kept: 'Kept',
  broken: 'Broken',
  not_applicable: 'Not applicable',
  not_measured: 'Not measured',
};

/**
 * The protocol report, printable: each rule, whether it was kept, and the evidence. What a head
 * shows staff and union representatives at a review. It names no teacher. For a programme
 * (/schools/:schoolId/programmes/:programmeId/protocol-report) or a term (?termId= on
 * /schools/:schoolId/protocol-report).
 */
export function ProtocolReportPage() {
  const { schoolId, programmeId } = useParams();
  const [search] = useSearchParams();
  const termId = search.get('termId');
  const report = useProtocolReport(schoolId, programmeId, termId);
  if (report.isPending) return <Loading what="the protocol report" />;
  if (report.error) return <ErrorMessage error={report.error} />;
  const r = report.data;
  const broken = r.rows.filter((row) => row.status === 'broken').length;
  return (
    <article className="protocol-report" aria-labelledby="report-title">
      <p className="report-actions no-print">
        {programmeId ? (
          <Link to={`/programmes/${programmeId}`}>Back to the programme</Link>
        ) : (
          <Link to={`/schools/${schoolId}/programmes`}>Back to programmes</Link>
        )}
      </p>
      <h1 id="report-title">{r.title}</h1>
      <p className="muted">
        {r.scope.schoolName} · {formatLongDay(r.scope.startsOn)} to {formatLongDay(r.scope.endsOn)}{' '}
        · produced {formatInstant(r.generatedAt)}
      </p>
      <p className="summary">
        {r.walks} {r.walks === 1 ? 'walk' : 'walks'}, {r.visits}{' '}
        {r.visits === 1 ? 'visit' : 'visits'}.{' '}
        {r.allKept
          ? 'Every rule of the protocol was kept.'
          : `${broken} ${broken === 1 ? 'rule was' : 'rules were'} broken: see below.`}
      </p>
      <p className="report-actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Print this report
        </button>
      </p>
      <RuleTable
        rows={r.rows}
        caption="The thirteen rules of the protocol, their status and evidence"
      />
      <h2>Other checks</h2>
      <RuleTable rows={r.otherChecks} caption="Teaching days and the spread of walks" />
      <h2>Visits per teacher</h2>
      <p className="muted">
        How many teachers had each number of visits (invited visits not counted). No teacher is
        named or ranked.
      </p>
      {r.distributions.visitsPerTeacher.length === 0 ? (
        <p>No visits yet.</p>
      ) : (
        <ul>
          {r.distributions.visitsPerTeacher.map((d) => (
            <li key={d.visits}>
              {d.visits} {d.visits === 1 ? 'visit' : 'visits'}: {d.teachers}{' '}
              {d.teachers === 1 ? 'teacher' : 'teachers'}
            </li>
          ))}
        </ul>
      )}
      <h2>Notice given</h2>
      {r.distributions.noticeSchoolDays.length === 0 ? (
        <p>No notices sent yet.</p>
      ) : (
        <ul>
          {r.distributions.noticeSchoolDays.map((d) => (
            <li key={d.schoolDays}>
              {d.schoolDays} school {d.schoolDays === 1 ? 'day' : 'days'} ahead: {d.visits}{' '}
              {d.visits === 1 ? 'visit' : 'visits'}
            </li>
          ))}
        </ul>
      )}
      <VisitSpread spread={r.distributions} />
      <h2>Feedback as agreed</h2>
      <p>
        {r.feedback.offered === 0
          ? 'No feedback conversation was offered: no walk planned feedback in person, or none was offered yet.'
          : `${r.feedback.offered} feedback ${r.feedback.offered === 1 ? 'conversation' : 'conversations'} offered: ${r.feedback.given} held, ${r.feedback.writtenPreferred} where the teacher preferred written feedback.`}
      </p>
      <h2>Site inspections against the schedule</h2>
      {r.siteInspections.length === 0 ? (
        <p>No recurring site inspections are scheduled.</p>
      ) : (
        <ul>
          {r.siteInspections.map((i) => (
            <li key={i.schedule}>
              {i.schedule}: {i.done} of {i.due} done so far
            </li>
          ))}
        </ul>
      )}
      <h2>The school’s settings</h2>
      <ul>
        <li>At most {r.settings.maxObservers} observers on a walk</li>
        <li>At least {r.settings.noticeSchoolDays} school days’ notice</li>
        <li>A cap of {r.settings.cap}, and one visit a day</li>
        <li>
          {r.settings.visitMinutes} minutes a room, at most {r.settings.maxRoomsPerHour} rooms an
          hour
        </li>
      </ul>
    </article>
  );
}

type Row = ProtocolReportDto['rows'][number];

/** Rules (numbered as in the protocol) or other checks, with status and evidence. */
function RuleTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Status</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rule}>
              <th scope="row">
                {row.number ? `${row.number}. ` : ''}
                {row.label}
              </th>
              <td>
                <span className={`rule-status ${row.status}`}>{statusLabels[row.status]}</span>
              </td>
              <td>
                <ul>
                  {row.evidence.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Different times (issue 16): visits by period, weekday and half term. Counts only. */
function VisitSpread({
  spread,
}: {
  spread: {
    byPeriod: { period: string; visits: number }[];
    byWeekday: { weekday: string; visits: number }[];
    byHalfTerm: { halfTerm: string; visits: number }[];
  };
}) {
  const lists = [
    { title: 'By period', rows: spread.byPeriod.map((d) => [d.period, d.visits] as const) },
    { title: 'By weekday', rows: spread.byWeekday.map((d) => [d.weekday, d.visits] as const) },
    { title: 'By half term', rows: spread.byHalfTerm.map((d) => [d.halfTerm, d.visits] as const) },
  ];
  return (
    <section aria-labelledby="spread-heading">
      <h2 id="spread-heading">Walks at different times</h2>
      <p className="muted">
        Visits by period of the day, weekday and half term, so walks are seen at different times.
      </p>
      {lists.map((l) => (
        <div key={l.title}>
          <h3>{l.title}</h3>
          {l.rows.length === 0 ? (
            <p>No visits yet.</p>
          ) : (
            <ul>
              {l.rows.map(([label, n]) => (
                <li key={label}>
                  {label}: {n} {n === 1 ? 'visit' : 'visits'}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
