import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Proposal } from '../../contracts/walks.ts';
import { summariseReasons } from '../../domain/planner/reasons.ts';
import { floorName } from '../lib/format.ts';
import { Refusals } from '../ui/Refusals.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { changeWalk, planWalk, walkKeys } from './api.ts';
import { OwnReasons, SharedReasons } from './Reasons.tsx';

export function Planner({ walkId }: { walkId: string }) {
  const queryClient = useQueryClient();
  const [count, setCount] = useState(4);
  const propose = useMutation({
    mutationFn: () => planWalk(walkId, count),
  });
  const accept = useMutation({
    mutationFn: (proposals: Proposal[]) =>
      changeWalk(walkId, '/visits', {
        method: 'POST',
        body: {
          replace: true,
          visits: proposals.map((p) => ({
            lessonId: p.lessonId,
            startsAt: p.visitStartsAt,
            reasons: p.reasons,
          })),
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(walkKeys.detail(walkId), data);
      propose.reset();
    },
  });
  const result = propose.data;
  const reasons = summariseReasons(result?.proposals ?? []);
  return (
    <section aria-labelledby="planner">
      <h2 id="planner">Planner</h2>
      <p className="muted">
        Proposes lessons from the timetable that keep every rule: caps, one visit a day, rooms an
        hour, the observers’ own lessons; it prefers teachers least recently visited and explains
        each choice. Nothing is saved until you accept.
      </p>
      <div className="walk-actions">
        <label htmlFor="plan-count">Visits wanted</label>
        <input
          id="plan-count"
          type="number"
          min={1}
          max={24}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          style={{ width: '5rem' }}
        />
        <button
          type="button"
          className="button"
          disabled={propose.isPending}
          onClick={() => propose.mutate()}
        >
          Propose visits
        </button>
      </div>
      <Refusals error={propose.error} />
      {result ? (
        <div aria-live="polite">
          {result.proposals.length === 0 ? <p>The planner found no lesson that fits.</p> : null}
          <SharedReasons reasons={reasons.shared} id="proposed-reasons" />
          {result.proposals.length > 0 ? (
            <TableScroll label="Proposed route">
              <table className="route">
                <caption className="visually-hidden">Proposed visits</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Class</th>
                    <th scope="col">Room</th>
                    <th scope="col">Teacher</th>
                    <th scope="col">Why this lesson</th>
                  </tr>
                </thead>
                <tbody>
                  {result.proposals.map((p, i) => (
                    <tr key={p.lessonId}>
                      <td>{p.order}</td>
                      <td>
                        {p.visitStartsAt}–{p.visitEndsAt}
                      </td>
                      <td>
                        {p.classCode} · {p.department}, {p.yearGroup}
                      </td>
                      <td>
                        {p.room} ({p.building}, {floorName(p.floor)})
                      </td>
                      <td>{p.teacherName}</td>
                      <td>
                        <OwnReasons
                          reasons={reasons.own[i] ?? []}
                          label={`visit ${p.order}, ${p.classCode}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {result.unfilled.length > 0 ? (
            <ul>
              {result.unfilled.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          ) : null}
          {result.proposals.length > 0 ? (
            <div className="walk-actions">
              <button
                type="button"
                className="button"
                disabled={accept.isPending}
                onClick={() => accept.mutate(result.proposals)}
              >
                Accept these visits
              </button>
            </div>
          ) : null}
          <Refusals error={accept.error} />
        </div>
      ) : null}
    </section>
  );
}
