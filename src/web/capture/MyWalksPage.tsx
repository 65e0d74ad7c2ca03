import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Walk } from '../../contracts/walks.ts';
import { formatDate, localDayOf } from '../../domain/calendar/calendar.ts';
import { captureDb } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { getMyWalks, walkKeys } from '../walks/api.ts';
import { useOwner } from './owner.tsx';

type WalkItem = Pick<
  Walk,
  'id' | 'schoolName' | 'date' | 'windowStart' | 'windowEnd' | 'kind' | 'focusTitle'
>;

const kindWords: Record<WalkItem['kind'], string> = {
  learning: 'Learning walk',
  student_voice: 'Student-voice walk',
  health_and_safety: 'Health and safety walk',
};

/** "My walks": today's and upcoming walks this person observes, and what is on this device. */
export function MyWalksPage() {
  const owner = useOwner();
  const walks = useQuery({
    queryKey: walkKeys.myWalks(),
    queryFn: getMyWalks,
    retry: false,
  });
  const stored = useLive(
    () => captureDb.bundles.where('ownerId').equals(owner.personId).toArray(),
    owner.personId,
  );
  const unsent = useLive(
    () => captureDb.records.where('ownerId').equals(owner.personId).toArray(),
    owner.personId,
  );
  const today = localDayOf(new Date());

  // Online: the server's list. Offline: the walks stored on this device.
  const list: WalkItem[] =
    walks.data?.walks ??
    (stored ?? [])
      .map((s) => ({
        id: s.bundle.walk.id,
        schoolName: s.bundle.walk.schoolName,
        date: s.bundle.walk.date,
        windowStart: s.bundle.walk.windowStart,
        windowEnd: s.bundle.walk.windowEnd,
        kind: s.bundle.walk.kind,
        focusTitle: s.bundle.brief.focusTitle,
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.windowStart.localeCompare(b.windowStart));
  const storedIds = new Set((stored ?? []).map((s) => s.walkId));
  const waiting = (walkId: string) => (unsent ?? []).filter((r) => r.walkId === walkId).length;

  return (
    <section className="capture" aria-labelledby="my-walks">
      <h1 id="my-walks">My walks</h1>
      {walks.isPending && stored === undefined ? <Loading what="your walks" /> : null}
      {walks.error && !stored?.length ? <ErrorMessage error={walks.error} /> : null}
      {walks.error && stored?.length ? (
        <p className="muted" role="status">
          No connection: showing the walks stored on this device.
        </p>
      ) : null}
      {list.length === 0 && !walks.isPending ? (
        <p>You are not observing any walks from today on.</p>
      ) : null}
      <ul className="walk-list">
        {list.map((w) => (
          <li key={w.id} className="card walk-card">
            <h2>
              <Link to={`/capture/walks/${w.id}`}>
                {w.focusTitle || kindWords[w.kind]}
                <span className="visually-hidden">, {formatDate(w.date)}</span>
              </Link>
            </h2>
            <p>
              {w.date === today ? <strong className="today">Today</strong> : formatDate(w.date)} ·{' '}
              {w.windowStart}–{w.windowEnd} · {w.schoolName}
            </p>
            <p className="muted">
              {kindWords[w.kind]}
              {storedIds.has(w.id) ? ' · stored on this device' : ''}
              {waiting(w.id) > 0
                ? ` · ${waiting(w.id)} record${waiting(w.id) > 1 ? 's' : ''} not sent yet`
                : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
