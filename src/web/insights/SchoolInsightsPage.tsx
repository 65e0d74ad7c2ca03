import './insights.css';
import { useDeferredValue, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { InTurn, useBusyWhileTurnsWait } from '../ui/turns.tsx';
import { useSchoolInsights } from './api.ts';
import { ChartBlock } from './ChartBlock.tsx';
import { intervalRow, queryOf } from './format.ts';
import { Drilldown, FigureTable, HeatmapTable } from './parts.tsx';

/**
 * A school's insights (/schools/:schoolId/insights): evidence per lens and look-for with an honest
 * uncertainty band, drill-down by department and year group, coverage, themes, bright spots and
 * actions. Everything is aggregated and suppressed on the server; no teacher is named.
 */
export function SchoolInsightsPage() {
  const { schoolId } = useParams();
  const [search, setSearch] = useSearchParams();
  const termId = search.get('termId');
  const frameworkId = search.get('frameworkId');
  const query = queryOf({ termId, frameworkId });
  const data = useSchoolInsights(schoolId, termId, frameworkId, query);
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
  if (!d) return <Loading what="the school's insights" />;
  const base = `/api/schools/${schoolId}/insights`;
  const csv = (table: string) => `${base}/csv${queryOf({ termId, frameworkId, table })}`;
  const lensName = new Map(d.lenses.map((l) => [l.key, l.name]));
  const withShare = d.lookFors.filter((f) => f.kind !== 'count');
  const cap = d.coverage.againstCap;
  return (
    <article ref={page} className="insights" aria-labelledby="insights-title">
      <p>
        <Link to={`/schools/${schoolId}`}>Back to {d.school.name}</Link>
      </p>
      <h1 id="insights-title">Insights: {d.school.name}</h1>
      <p>
        Examples of what works, shared with teachers’ agreement:{' '}
        <Link to={`/schools/${d.school.id}/practice-library`}>the practice library</Link>.
      </p>
      <p className="muted">
        What the walks found about pupils’ learning, across visits. Each figure shows how many
        visits it rests on and a likely range, so a few visits are not read like many. Any group
        with fewer than {d.k} visited teachers is hidden, and says why. No teacher is named or
        ranked.
      </p>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Term
          <select value={termId ?? ''} onChange={(e) => set('termId', e.target.value)}>
            <option value="">All terms</option>
            {d.terms.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {d.frameworks.length > 1 ? (
          <label>
            Framework
            <select
              value={frameworkId ?? d.framework?.id ?? ''}
              onChange={(e) => set('frameworkId', e.target.value)}
            >
              {d.frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <a className="button" href={`${base}/report.pdf${query}`} download>
          Download the report for governors (PDF)
        </a>
      </form>
      <p role="status" aria-live="polite">
        {d.visits} {d.visits === 1 ? 'visit' : 'visits'} with records handed in
        {d.framework ? `, against ${d.framework.name} (version ${d.framework.versionNo})` : ''}.
      </p>

      <ChartBlock
        headingLevel={2}
        title="Evidence by lens"
        summary={`Share of visits where most or all pupils showed each lens, with likely ranges, for ${d.lenses.length} lenses.`}
        spec={{ kind: 'interval', rows: d.lenses.map((l) => intervalRow(l.name, l.figure)) }}
        csvHref={csv('lenses')}
        table={
          <FigureTable
            caption="Most or all pupils, by lens"
            first="Lens"
            rows={d.lenses.map((l) => ({
              key: l.key,
              label: l.name,
              figure: l.figure,
              kind: 'lens',
            }))}
          />
        }
      />
      <ChartBlock
        headingLevel={2}
        title="Evidence by look-for"
        summary={`Share of visits where each look-for was seen (most or all pupils), with likely ranges.`}
        spec={{ kind: 'interval', rows: withShare.map((f) => intervalRow(f.prompt, f.figure)) }}
        csvHref={csv('look-fors')}
        table={
          <FigureTable
            caption="Each look-for: most or all pupils (or seen); counts as an average a visit"
            first="Look-for"
            rows={d.lookFors.map((f) => ({
              key: f.key,
              label: `${f.prompt} (${lensName.get(f.lensKey) ?? ''})`,
              figure: f.figure,
              kind: f.kind,
            }))}
          />
        }
      />

      <InTurn>
        <section aria-labelledby="drill-title">
          <h2 id="drill-title">By department, year group and walk</h2>
          <p>
            Open a look-for to see it by department, by year group and across walks. Groups too
            small to show are hidden, with the reason.{' '}
            <a href={csv('departments')} download>
              CSV by department
            </a>
            ,{' '}
            <a href={csv('year-groups')} download>
              CSV by year group
            </a>
            ,{' '}
            <a href={csv('trend')} download>
              CSV across walks
            </a>
            .
          </p>
          {d.lookFors.map((f) => (
            <Drilldown key={f.key} summary={f.prompt}>
              {() => (
                <TableScroll label={`${f.prompt}: by department`}>
                  <FigureTable
                    caption={`${f.prompt}: by department`}
                    first="Department"
                    rows={f.byDepartment.map((g) => ({ ...g, kind: f.kind }))}
                  />
                  <FigureTable
                    caption={`${f.prompt}: by year group`}
                    first="Year group"
                    rows={f.byYearGroup.map((g) => ({ ...g, kind: f.kind }))}
                  />
                  <FigureTable
                    caption={`${f.prompt}: across walks (earlier framework versions joined through continuity)`}
                    first="Walk on"
                    rows={f.trend.map((g) => ({ ...g, kind: f.kind }))}
                  />
                </TableScroll>
              )}
            </Drilldown>
          ))}
        </section>
      </InTurn>

      <InTurn>
        <section aria-labelledby="coverage-title">
          <h2 id="coverage-title">Coverage</h2>
          <div className="chart-head">
            <h3>Departments and year groups</h3>
            <a className="button secondary" href={csv('coverage-departments')} download>
              Download CSV<span className="visually-hidden">: departments and year groups</span>
            </a>
          </div>
          <TableScroll label="Coverage by department and year group">
            <HeatmapTable heat={d.coverage.departmentsByYearGroup} />
          </TableScroll>
          <div className="chart-head">
            <h3>Days and periods</h3>
            <a className="button secondary" href={csv('coverage-days')} download>
              Download CSV<span className="visually-hidden">: days and periods</span>
            </a>
          </div>
          <TableScroll label="Coverage by day and period">
            <HeatmapTable heat={d.coverage.daysByPeriod} />
          </TableScroll>
          <ChartBlock
            title={`Teachers by number of visits (the cap is ${cap.cap})`}
            summary="How many teachers have had no visit, one, two and so on, against the cap."
            spec={
              cap.status === 'shown'
                ? {
                    kind: 'bars',
                    rows: cap.bands.map((b) => ({ label: b.label, value: b.teachers })),
                  }
                : null
            }
            csvHref={csv('coverage-cap')}
            table={
              cap.status === 'shown' ? (
                <table>
                  <caption>Teachers by number of visits</caption>
                  <thead>
                    <tr>
                      <th scope="col">Visits</th>
                      <th scope="col">Teachers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cap.bands.map((b) => (
                      <tr key={b.label}>
                        <th scope="row">{b.label}</th>
                        <td>{b.teachers}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="suppressed">{cap.reason}</p>
              )
            }
          />
          {cap.status === 'shown' && cap.note ? <p className="note">{cap.note}</p> : null}
        </section>
      </InTurn>

      <InTurn>
        <section aria-labelledby="themes-title">
          <h2 id="themes-title">Themes from notes and pupils’ voices</h2>
          {d.themes.notes.length + d.themes.studentVoice.length === 0 ? (
            <p>No theme has come up across enough visits yet.</p>
          ) : (
            <ul>
              {[...d.themes.notes, ...d.themes.studentVoice].map((t) => (
                <li key={t.phrase}>
                  <strong>{t.phrase}</strong> ({t.visits} visits)
                  {t.quotes.map((q) => (
                    <blockquote key={q}>“{q}”</blockquote>
                  ))}
                </li>
              ))}
            </ul>
          )}
          {d.themes.quotesLeftOut > 0 ? (
            <p className="muted">
              {d.themes.quotesLeftOut} sentences were not used as examples because they named
              someone or were not neutral.
            </p>
          ) : null}
        </section>
      </InTurn>

      <InTurn>
        <section aria-labelledby="bright-title">
          <h2 id="bright-title">Bright spots to share</h2>
          {d.brightSpots.length === 0 ? (
            <p>None yet: a bright spot needs enough visits to be sure of it.</p>
          ) : (
            <ul>
              {d.brightSpots.map((b) => (
                <li key={b.key}>
                  {b.prompt}: {Math.round(b.share * 100)}% of {b.n} visits (at least{' '}
                  {Math.round(b.lower * 100)}%).
                </li>
              ))}
            </ul>
          )}
        </section>
      </InTurn>

      <InTurn>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Actions and their progress</h2>
          <p>
            {d.actions.done} done, {d.actions.doing} in progress, {d.actions.todo} to start;{' '}
            {d.actions.overdue} past their due date.{' '}
            <Link to={`/schools/${schoolId}/actions`}>The actions board</Link>
          </p>
        </section>
      </InTurn>
    </article>
  );
}
