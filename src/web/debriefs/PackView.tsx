import { type DebriefPack, packFigures } from '../../domain/debrief/pack.ts';
import { formatDay } from '../lib/format.ts';
import { TableScroll } from '../ui/TableScroll.tsx';

export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`;

/** The pack: what the walk looked for and why, evidence per look-for, quotes, themes, prompts. */
export function PackView({ pack, heading }: { pack: DebriefPack; heading: string }) {
  const figures = packFigures(pack);
  return (
    <section aria-label={heading}>
      <h3>{heading}</h3>
      <p>
        {pack.evidenceShown
          ? `${pack.visits} ${pack.visits === 1 ? 'visit' : 'visits'} on ${pack.focus.walkDates.map(formatDay).join(', ')}.`
          : `Walks on ${pack.focus.walkDates.map(formatDay).join(', ')}.`}
      </p>
      {figures.rows.length === 0 && figures.hidden > 0 ? (
        <p>
          No figures are shown for this walk: see “What is hidden, and why” below. It looked for:{' '}
          {pack.perLookFor.map((p) => p.prompt).join('; ')}.
        </p>
      ) : null}
      {figures.rows.length > 0 ? (
        <TableScroll label="Figures">
          <table className="pack-table">
            <caption className="visually-hidden">Evidence for each look-for</caption>
            <thead>
              <tr>
                <th scope="col">Look-for</th>
                <th scope="col">Most or all pupils (seen)</th>
                <th scope="col">How sure we can be</th>
              </tr>
            </thead>
            <tbody>
              {figures.rows.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.prompt}</th>
                  {p.status === 'shown' ? (
                    <>
                      <td>
                        {p.summary.headline
                          ? `${p.summary.headline.successes} of ${p.summary.headline.n} visits (${pct(p.summary.headline.share)}; likely ${pct(p.summary.headline.lower)}–${pct(p.summary.headline.upper)})`
                          : `${p.summary.n} visits`}
                      </td>
                      <td>{p.note}</td>
                    </>
                  ) : (
                    <td colSpan={2}>{p.status === 'hidden' ? 'Hidden (see below)' : p.note}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {pack.brightSpots.length > 0 ? (
        <>
          <h4>Bright spots worth sharing</h4>
          <ul>
            {pack.brightSpots.map((b) => (
              <li key={b.key}>
                <strong>{b.prompt}</strong>: {b.why}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pack.notes.length > 0 ? (
        <>
          <h4>From the observers’ notes (no names)</h4>
          <ul>
            {pack.notes.map((n) => (
              <li key={n}>“{n}”</li>
            ))}
          </ul>
        </>
      ) : null}
      {pack.noteThemes.length > 0 ? (
        <p>
          <strong>Themes in the notes:</strong> {pack.noteThemes.map((t) => t.phrase).join(', ')}
        </p>
      ) : null}
      {pack.studentVoice.map((sv) => (
        <p key={sv.promptId}>
          <strong>Pupils, asked “{sv.prompt}”:</strong> {sv.themes.map((t) => t.phrase).join(', ')}
        </p>
      ))}
      {pack.suppressionNotes.length > 0 ? (
        <>
          <h4>What is hidden, and why</h4>
          <ul>
            {pack.suppressionNotes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
