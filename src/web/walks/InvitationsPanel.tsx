import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDay } from '../lib/format.ts';
import { Refusals } from '../ui/Refusals.tsx';
import {
  acceptInvitation,
  declineInvitation,
  useInvitations,
  useSchoolWalks,
  walkKeys,
} from './api.ts';

/** For leaders: open invitations, accepted onto a walk of that day or declined with a note. */
export function InvitationsPanel({ schoolId }: { schoolId: string }) {
  const queryClient = useQueryClient();
  const invitations = useInvitations(schoolId);
  // Only the walks on the invitations' days: one window of days, not the school's whole list.
  const days = (invitations.data?.invitations ?? [])
    .filter((i) => i.status === 'open')
    .map((i) => i.date)
    .sort();
  const walks = useSchoolWalks(
    schoolId,
    { from: days[0], to: days.at(-1), pageSize: 200 },
    days.length > 0,
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: walkKeys.invitations(schoolId) });
  const accept = useMutation({
    mutationFn: ({ id, walkId }: { id: string; walkId: string }) => acceptInvitation(id, walkId),
    onSuccess: refresh,
  });
  const decline = useMutation({
    mutationFn: (id: string) => declineInvitation(id),
    onSuccess: refresh,
  });
  const open = invitations.data?.invitations.filter((i) => i.status === 'open') ?? [];
  if (!invitations.data?.canAnswer || open.length === 0) return null;
  return (
    <section aria-labelledby="invitations">
      <h2 id="invitations">Invitations from teachers</h2>
      <ul className="cards">
        {open.map((i) => {
          const sameDay = (walks.data?.walks ?? []).filter(
            (w) => w.date === i.date && w.status !== 'cancelled',
          );
          return (
            <li key={i.id} className="card">
              <h3>
                {formatDay(i.date)}: {i.classCode}
              </h3>
              <p>
                {i.teacherName}
                {i.note ? `: “${i.note}”` : ''}
              </p>
              <div className="walk-actions">
                {sameDay.map((w) => (
                  <button
                    key={w.id}
                    type="button"
                    className="button"
                    onClick={() => accept.mutate({ id: i.id, walkId: w.id })}
                  >
                    Add to the {w.windowStart} walk
                  </button>
                ))}
                {sameDay.length === 0 ? (
                  <span className="muted">No walk on that day yet.</span>
                ) : null}
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => decline.mutate(i.id)}
                >
                  Decline
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <Refusals error={accept.error ?? decline.error} />
    </section>
  );
}
