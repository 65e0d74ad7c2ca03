import { Link, useParams } from 'react-router';
import { formatDay } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useMyReflections, useReflection } from './api.ts';

/** /reflections — your reflections on walks you observed, and those shared with you as a coach. */
export function ReflectionsPage() {
  const list = useMyReflections();
  if (list.isPending) return <Loading what="reflections" />;
  if (list.error) return <ErrorMessage error={list.error} />;
  return (
    <>
      <h1>Reflections</h1>
      <section aria-labelledby="mine">
        <h2 id="mine">Your reflections</h2>
        {list.data.mine.length === 0 ? (
          <p>None yet. After you hand in a walk’s records, open the walk to reflect on it.</p>
        ) : (
          <ul>
            {list.data.mine.map((r) => (
              <li key={r.id}>
                <Link to={`/walks/${r.walkId}/reflection`}>
                  {formatDay(r.walkDate)}: {r.focusTitle}
                </Link>{' '}
                <span className="muted">
                  {r.sharedAt ? '· shared with your coach' : '· private'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="shared">
        <h2 id="shared">Shared with me</h2>
        {list.data.sharedWithMe.length === 0 ? (
          <p>Nobody has shared a reflection with you.</p>
        ) : (
          <ul>
            {list.data.sharedWithMe.map((r) => (
              <li key={r.id}>
                <Link to={`/reflections/${r.id}`}>
                  {r.authorName}: {formatDay(r.walkDate)}, {r.focusTitle}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** /reflections/:reflectionId — a reflection shared with you (or your own), to read. */
export function ReflectionReadPage() {
  const { reflectionId = '' } = useParams();
  const one = useReflection(reflectionId);
  if (one.isPending) return <Loading what="the reflection" />;
  if (one.error) return <ErrorMessage error={one.error} />;
  const r = one.data;
  return (
    <article>
      <h1>{r.readingAs === 'coach' ? `${r.authorName}’s reflection` : 'Your reflection'}</h1>
      <p className="muted">
        {r.schoolName} · {r.focusTitle} · walk on {formatDay(r.walkDate)}
      </p>
      {r.body
        .split('\n')
        .filter((p) => p.trim())
        .map((p, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order.
          <p key={n}>{p}</p>
        ))}
      {r.ideas.length > 0 ? (
        <>
          <h2>Ideas to try</h2>
          <ul>
            {r.ideas.map((i) => (
              <li key={`${i.text}|${i.lookForId ?? ''}`}>
                {i.text}
                {i.lookForPrompt ? <span className="muted"> · {i.lookForPrompt}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/reflections">Back to reflections</Link>
      </p>
    </article>
  );
}
