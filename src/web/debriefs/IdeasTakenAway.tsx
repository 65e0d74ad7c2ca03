import type { StaffSummary } from '../../contracts/debriefs.ts';

/**
 * Peer walks (issue 15): ideas the walks' observers chose to share, with no names, shown once
 * enough observers shared; otherwise the summary says why they are hidden.
 */
export function IdeasTakenAway({ ideas }: { ideas: StaffSummary['ideasTakenAway'] }) {
  if (ideas.status === 'none') return null;
  return (
    <>
      <h3>Ideas colleagues took away</h3>
      {ideas.status === 'suppressed' ? (
        <p className="muted">{ideas.reason}</p>
      ) : (
        <ul>
          {ideas.ideas.map((i) => (
            <li key={`${i.text}|${i.lookForPrompt ?? ''}`}>
              {i.text}
              {i.lookForPrompt ? <span className="muted"> · {i.lookForPrompt}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
