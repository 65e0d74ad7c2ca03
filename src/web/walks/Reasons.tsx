/**
 * The planner's reasons, said once for the route (issue 21): what every visit shares is one
 * short list above the table; each row keeps its own reasons behind a "Why" disclosure.
 */
export function SharedReasons({ reasons, id }: { reasons: readonly string[]; id: string }) {
  if (reasons.length === 0) return null;
  return (
    <div className="shared-reasons">
      <h3 id={id}>Why these lessons</h3>
      <p className="muted">True of every visit below:</p>
      <ul aria-labelledby={id}>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

/** One visit's own reasons, folded away until asked for. */
export function OwnReasons({ reasons, label }: { reasons: readonly string[]; label: string }) {
  if (reasons.length === 0) return <span className="muted">As above</span>;
  return (
    <details className="own-reasons">
      <summary>
        Why<span className="visually-hidden"> {label}</span>
      </summary>
      <ul>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </details>
  );
}
