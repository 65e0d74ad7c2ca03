import '../responses/after.css';
import { Link, useParams } from 'react-router';
import type { StaffSummary } from '../../contracts/debriefs.ts';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useStaffSummaries, useStaffSummary } from './api.ts';
import { IdeasTakenAway } from './IdeasTakenAway.tsx';

function SummaryBody({ s }: { s: StaffSummary }) {
  return (
    <>
      <p className="muted">
        {s.schoolName} · {s.focusTitle} · walks on {s.walkDates.map(formatDay).join(', ')}
        {s.heldOn ? ` · debrief held ${formatDay(s.heldOn)}` : ''}
      </p>
      {s.text
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, n) => (
          // Paragraphs of one text, in order: the position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs may repeat; order is stable.
          <p key={n}>{p}</p>
        ))}
      {s.strengths.length > 0 ? (
        <>
          <h3>Strengths to share and celebrate</h3>
          <ul>
            {s.strengths.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {s.areasToDevelop.length > 0 ? (
        <>
          <h3>Areas to develop</h3>
          <ul>
            {s.areasToDevelop.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {s.nextSteps.length > 0 ? (
        <>
          <h3>What we will do next</h3>
          <ol>
            {s.nextSteps.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ol>
        </>
      ) : null}
      <IdeasTakenAway ideas={s.ideasTakenAway} />
    </>
  );
}

/** /schools/:schoolId/staff-summaries — published whole-staff feedback from debriefs. */
export function StaffSummariesPage() {
  const { schoolId = '' } = useParams();
  const list = useStaffSummaries(schoolId);
  return (
    <>
      <h1>Staff summaries</h1>
      <p className="lede">
        What learning walks found across the school, shared with all staff. No one is named.
      </p>
      {list.isPending ? <Loading what="staff summaries" /> : null}
      {list.error ? <ErrorMessage error={list.error} /> : null}
      {list.data?.summaries.length === 0 ? <p>No staff summary has been published yet.</p> : null}
      {list.data?.summaries.map((s) => (
        <article key={s.debriefId} className="card">
          <h2>
            <Link to={`/staff-summaries/${s.debriefId}`}>{s.title}</Link>
          </h2>
          <SummaryBody s={s} />
        </article>
      ))}
    </>
  );
}

/** /staff-summaries/:debriefId — one summary, ready to print for a staff meeting. */
export function StaffSummaryPage() {
  const { debriefId = '' } = useParams();
  const one = useStaffSummary(debriefId);
  if (one.isPending) return <Loading what="the staff summary" />;
  if (one.error) return <ErrorMessage error={one.error} />;
  return (
    <article className="printable">
      <h1>{one.data.title}</h1>
      <SummaryBody s={one.data} />
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
    </article>
  );
}
