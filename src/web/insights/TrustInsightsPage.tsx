import './insights.css';
import { useDeferredValue, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Figure } from '../../contracts/insights.ts';
import { useOrganisationWords } from '../lib/words.ts';
import { TrustPulseSection } from '../reviews/TrustPulse.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { InTurn, useBusyWhileTurnsWait } from '../ui/turns.tsx';
import { useTrustInsights } from './api.ts';
import { ChartBlock } from './ChartBlock.tsx';
import { intervalRow, pct, queryOf } from './format.ts';
import { Drilldown, FigureCells, FigureHead } from './parts.tsx';

const phaseLabels: Record<string, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  all_through: 'All-through',
  special: 'Special',
  alternative: 'Alternative provision',
};

/**
 * The trust's insights (/insights): each lens as small multiples across schools with the trust's
 * figure beside each school's and its likely range; look-fors across schools; where targeted
 * support might help; how the walks are run. Schools sit side by side to learn from, not ranked.
 */
export function TrustInsightsPage() {
  const [search, setSearch] = useSearchParams();
  const words = useOrganisationWords();
  const filters = {
    phase: search.get('phase'),
    department: search.get('department'),
    termId: search.get('termId'),
    frameworkId: search.get('frameworkId'),
  };
  const query = queryOf(filters);
  const data = useTrustInsights(query);
  // The figures are drawn in a background render that gives the browser back its main thread
  // every few milliseconds (issue 22): one long task drawing the whole dashboard kept a phone
  // from scrolling or answering a tap for most of a second.
  const d = useDeferredValue(data.data);
  const page = useRef<HTMLElement>(null);
  useBusyWhileTurnsWait(page);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
  };
  if (data.error) return <ErrorMessage error={data.error} />;
  if (!d) return <Loading what="the trust's insights" />;
  const csv = (table: string) => `/api/insights/trust/csv${queryOf({ ...filters, table })}`;
  const schoolName = new Map(d.schools.map((s) => [s.id, s.name]));
  const drill = (schoolId: string) =>
    `/schools/${schoolId}/insights${queryOf({ frameworkId: filters.frameworkId })}`;
  const rowsOf = (trust: Figure, schools: { schoolId: string; figure: Figure }[], kind: string) => (
    <table>
      <FigureHead first="School" />
      <tbody>
        <tr>
          <th scope="row">Trust (all schools shown)</th>
          <FigureCells figure={trust} kind={kind} />
        </tr>
        {schools.map((s) => (
          <tr key={s.schoolId}>
            <th scope="row">
              <Link to={drill(s.schoolId)}>{schoolName.get(s.schoolId)}</Link>
            </th>
            <FigureCells figure={s.figure} kind={kind} />
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <article ref={page} className="insights" aria-labelledby="trust-insights-title">
      <h1 id="trust-insights-title">Insights across {words.the}</h1>
      <p className="muted">
        Each school’s figure beside the trust’s, with a likely range, so schools can learn from each
        other. Groups with fewer than {d.k} visited teachers are hidden and say why. No teacher is
        named, and schools are not ranked.
      </p>
      {d.schools.length > 0 ? (
        <p>
          Examples of what works, shared with teachers’ agreement (each school’s own, and what
          schools share with the trust):{' '}
          {d.schools.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ' · ' : ''}
              <Link to={`/schools/${s.id}/practice-library`}>{s.name} practice library</Link>
            </span>
          ))}
        </p>
      ) : null}
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Phase
          <select value={filters.phase ?? ''} onChange={(e) => set('phase', e.target.value)}>
            <option value="">All phases</option>
            {d.filters.phases.map((p) => (
              <option key={p} value={p}>
                {phaseLabels[p] ?? p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Subject
          <select
            value={filters.department ?? ''}
            onChange={(e) => set('department', e.target.value)}
          >
            <option value="">All subjects</option>
            {d.filters.departments.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          Term
          <select value={filters.termId ?? ''} onChange={(e) => set('termId', e.target.value)}>
            <option value="">All terms</option>
            {d.filters.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {d.filters.frameworks.length > 1 ? (
          <label>
            Framework
            <select
              value={filters.frameworkId ?? d.framework?.id ?? ''}
              onChange={(e) => set('frameworkId', e.target.value)}
            >
              {d.filters.frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <a className="button" href={`/api/insights/trust/report.pdf${query}`} download>
          Download the report for the board (PDF)
        </a>
      </form>
      <p role="status" aria-live="polite">
        {d.schools.length} {d.schools.length === 1 ? 'school' : 'schools'}
        {d.applied.phase ? `, ${phaseLabels[d.applied.phase] ?? d.applied.phase}` : ''}
        {d.applied.department ? `, ${d.applied.department}` : ''}
        {d.applied.termName ? `, ${d.applied.termName}` : ''}
        {d.framework ? ` · ${d.framework.name}` : ''}.
      </p>
      <nav aria-label="Schools">
        <h2>Open a school</h2>
        <ul>
          {d.schools.map((s) => (
            <li key={s.id}>
              <Link to={drill(s.id)}>{s.name}</Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2>Lenses across schools</h2>
      <div className="small-multiples">
        {d.lenses.map((l) => (
          <ChartBlock
            key={l.key}
            title={l.name}
            summary={`${l.name}: each school's share of visits with most or all pupils, beside the trust's ${pct(l.trust.status === 'shown' ? l.trust.share : null)}.`}
            spec={{
              kind: 'interval',
              rows: l.schools.map((s) => intervalRow(schoolName.get(s.schoolId) ?? '', s.figure)),
              reference: l.trust.status === 'shown' ? l.trust.share : null,
              referenceLabel: 'Trust',
            }}
            csvHref={csv('lenses')}
            table={rowsOf(l.trust, l.schools, 'lens')}
          />
        ))}
      </div>

      <InTurn>
        <section aria-labelledby="trust-lookfors">
          <h2 id="trust-lookfors">Look-fors across schools</h2>
          <p>
            <a href={csv('look-fors')} download>
              Download CSV: look-fors across schools
            </a>
          </p>
          {d.lookFors.map((f) => (
            <Drilldown key={f.key} summary={f.prompt}>
              {() => <div className="table-scroll">{rowsOf(f.trust, f.schools, f.kind)}</div>}
            </Drilldown>
          ))}
        </section>
      </InTurn>

      <InTurn>
        <ChartBlock
          headingLevel={2}
          title="Where targeted support might help"
          summary="Look-fors where a school's likely range sits wholly below the rest of the trust's."
          spec={null}
          csvHref={csv('support')}
          table={
            d.support.length === 0 ? (
              <p>
                No school’s evidence sits clearly below the rest of the trust: with the likely
                ranges taken into account, no difference is clear enough to act on.
              </p>
            ) : (
              <table>
                <caption>Judged on the likely ranges, not on raw differences</caption>
                <thead>
                  <tr>
                    <th scope="col">School</th>
                    <th scope="col">Look-for</th>
                    <th scope="col">School (likely range)</th>
                    <th scope="col">Rest of the trust (likely range)</th>
                  </tr>
                </thead>
                <tbody>
                  {d.support.map((s) => (
                    <tr key={`${s.schoolId}-${s.lookForKey}`}>
                      <th scope="row">{s.schoolName}</th>
                      <td>{s.prompt}</td>
                      <td>
                        {pct(s.school.share)} ({pct(s.school.lower)}–{pct(s.school.upper)}),{' '}
                        {s.school.n} visits
                      </td>
                      <td>
                        {pct(s.restOfTrust.share)} ({pct(s.restOfTrust.lower)}–
                        {pct(s.restOfTrust.upper)}), {s.restOfTrust.n} visits
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
      </InTurn>

      <InTurn>
        <ChartBlock
          headingLevel={2}
          title="How the walks are run"
          summary="Walks done against the programme, prior warning and teacher responses, per school."
          spec={null}
          csvHref={csv('culture')}
          table={
            <table>
              <caption>Culture measures</caption>
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Walks with records / walks due</th>
                  <th scope="col">Prior warning before the visit</th>
                  <th scope="col">Visits the teacher responded to</th>
                </tr>
              </thead>
              <tbody>
                {d.culture.map((c) => (
                  <tr key={c.schoolId}>
                    <th scope="row">{c.schoolName}</th>
                    <td>
                      {c.walksDone} of {c.walksPlanned}
                    </td>
                    <td>
                      {c.visitsWithNotice} of {c.visitsNeedingNotice}
                    </td>
                    <td className={c.responses ? '' : 'suppressed'}>
                      {c.responses
                        ? `${c.responses.visitsResponded} of ${c.responses.visitsRecorded}`
                        : c.responsesNote}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </InTurn>
      <InTurn>
        <TrustPulseSection pulse={d.pulse} csvHref={csv('pulse')} />
      </InTurn>
    </article>
  );
}
