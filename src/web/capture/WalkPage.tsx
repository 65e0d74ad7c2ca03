import { Link, useParams } from 'react-router';
import type { CaptureBundle } from '../../contracts/records.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { floorName } from '../../domain/format/places.ts';
import { formatInstant } from '../lib/format.ts';
import { captureDb } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useBundle } from './bundle.ts';
import { useOwner } from './owner.tsx';
import { RecordStatus, statusOf } from './RecordStatus.tsx';

/** Today's walk: the brief, then the route. Opening it stores the whole walk on the device. */
export function CaptureWalkPage() {
  const { walkId = '' } = useParams();
  const owner = useOwner();
  const { bundle, loading, error, refreshError, savedAt } = useBundle(owner.personId, walkId);
  const local = useLive(
    () => captureDb.records.where('[ownerId+walkId]').equals([owner.personId, walkId]).toArray(),
    `${owner.personId}:${walkId}`,
  );
  if (loading) return <Loading what="the walk" />;
  if (!bundle) return <ErrorMessage error={error} />;
  return (
    <section className="capture" aria-labelledby="walk-title">
      <p className="crumbs">
        <Link to="/capture">My walks</Link>
      </p>
      <h1 id="walk-title">{bundle.brief.focusTitle || 'Learning walk'}</h1>
      <p className="lede">
        {formatDate(bundle.walk.date)} · {bundle.walk.windowStart}–{bundle.walk.windowEnd} ·{' '}
        {bundle.walk.schoolName}
      </p>
      {refreshError ? <ErrorMessage error={refreshError} /> : null}
      <p className="muted" role="status">
        {savedAt
          ? `Stored on this device (${formatInstant(savedAt)}): it works without a connection.`
          : 'Storing the walk on this device…'}
      </p>
      {bundle.walk.status === 'cancelled' ? (
        <div className="error" role="alert">
          This walk was cancelled. Its visits cannot be recorded.
        </div>
      ) : null}
      <Brief bundle={bundle} />
      <h2 id="route">Route</h2>
      <ol className="capture-route" aria-labelledby="route">
        {bundle.route.map((v) => {
          const mine = local?.find((r) => r.visitId === v.id);
          const server = bundle.records.find((r) => r.visitId === v.id);
          return (
            <li key={v.id} className="route-stop">
              <Link
                className="route-link"
                to={`/capture/walks/${walkId}/visits/${v.id}`}
                aria-describedby={`stop-${v.id}`}
              >
                <span className="route-time">{v.startsAt}</span>
                <span className="route-room">
                  {v.room} <span className="muted">· {v.classCode}</span>
                </span>
              </Link>
              <p id={`stop-${v.id}`} className="route-detail">
                {v.subject}
                {v.yearGroup ? `, ${v.yearGroup}` : ''} · {v.building}
                {`, ${floorName(v.floor)}`}
                {v.cancelled ? ' · cancelled' : ''}
                {!v.noticeGiven && !v.cancelled ? ' · no prior warning: do not visit' : ''}
                <br />
                <RecordStatus status={statusOf(mine, server)} message={mine?.message} />
              </p>
            </li>
          );
        })}
      </ol>
      <p>
        <Link className="button" to={`/capture/walks/${walkId}/review`}>
          Review and hand in
        </Link>
      </p>
    </section>
  );
}

function Brief({ bundle }: { bundle: CaptureBundle }) {
  const { brief } = bundle;
  return (
    <section className="brief" aria-labelledby="brief">
      <h2 id="brief">Brief</h2>
      {brief.purpose ? <p>{brief.purpose}</p> : null}
      <p className="muted">
        Observers: {bundle.walk.observerNames.join(' and ')} · about {brief.visitMinutes} minutes a
        room
        {bundle.framework
          ? ` · ${bundle.framework.frameworkName}, version ${bundle.framework.versionNo}`
          : ''}
      </p>
      {brief.lookFors.length > 0 ? (
        <>
          <h3>
            What to look for ({brief.lookFors.length}{' '}
            {brief.lookFors.length === 1 ? 'look-for' : 'look-fors'})
          </h3>
          <ul className="look-for-brief">
            {brief.lookFors.map((f) => (
              <li key={f.id}>
                {f.prompt}
                {f.looksLike || f.doesNotMean ? (
                  <details>
                    <summary>Guidance</summary>
                    {f.looksLike ? <p>Looks like: {f.looksLike}</p> : null}
                    {f.doesNotMean ? <p>Does not mean: {f.doesNotMean}</p> : null}
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {brief.studentVoicePrompts.length > 0 ? (
        <>
          <h3>Questions for pupils</h3>
          <ul>
            {brief.studentVoicePrompts.map((p) => (
              <li key={p.id}>{p.prompt}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
