import { createRoot } from 'react-dom/client';
import { ChartBlock } from '../../src/web/insights/ChartBlock.tsx';
import type { ChartSpec } from '../../src/web/insights/chart-spec.ts';

/**
 * The insights charts on their own, for the chart browser test (e2e/charts.test.ts): fifteen
 * long look-for labels, a chart with hidden rows and one with nothing to draw. The data come
 * from window.chartCases, set by the test before this script runs.
 */
type Case = { id: string; title: string; spec: ChartSpec };
const cases = (window as unknown as { chartCases: Case[] }).chartCases;

function Cases() {
  return (
    <main className="insights">
      {cases.map((c) => (
        <div key={c.id} id={c.id}>
          <ChartBlock
            title={c.title}
            summary={`${c.title}: share of visits with most or all pupils.`}
            spec={c.spec}
            csvHref="#"
            table={
              <table>
                <caption>{c.title}</caption>
                <tbody>
                  {c.spec.rows.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </div>
      ))}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Cases />);
