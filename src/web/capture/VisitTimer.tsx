import { useEffect, useState } from 'react';
import { captureDb } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Time in the room: starts when the visit is opened, survives a reload, and when the time is
 * up it changes colour and says so. No sound: the room must not notice.
 */
export function VisitTimer({
  ownerId,
  visitId,
  minutes,
}: {
  ownerId: string;
  visitId: string;
  minutes: number;
}) {
  const key = `${ownerId}:${visitId}`;
  const timer = useLive(() => captureDb.timers.get(key).then((t) => t ?? null), key);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (timer === null) void captureDb.timers.put({ key, startedAt: Date.now() });
  }, [timer, key]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  if (!timer) return null;
  const total = minutes * 60_000;
  // The clock ticks once a second; a timer started since the last tick has run 0 s, not less.
  const elapsed = Math.max(0, now - timer.startedAt);
  const over = elapsed >= total;
  return (
    <div className={`timer${over ? ' over' : ''}`}>
      <div
        className="timer-bar"
        role="progressbar"
        aria-label="Time in this room"
        aria-valuemin={0}
        aria-valuemax={minutes * 60}
        aria-valuenow={Math.min(minutes * 60, Math.floor(elapsed / 1000))}
        aria-valuetext={`${mmss(elapsed)} of ${minutes} minutes`}
      >
        <span
          className="timer-fill"
          style={{ width: `${Math.min(100, (elapsed / total) * 100)}%` }}
        />
      </div>
      <p className="timer-text">
        <span>
          {mmss(elapsed)} of {minutes}:00
        </span>
        <span role="status">{over ? ' · Time to move on when you are ready' : ''}</span>
        <button
          type="button"
          className="link-button"
          onClick={() => void captureDb.timers.put({ key, startedAt: Date.now() })}
        >
          Restart timer
        </button>
      </p>
    </div>
  );
}
