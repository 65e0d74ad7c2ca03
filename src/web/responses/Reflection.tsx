import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { VisitRecords } from '../../contracts/responses.ts';
import { ErrorMessage } from '../ui/Status.tsx';
import { saveReflection, shareWithCoach, stopSharingWithCoach } from './api.ts';
import { useRefresh } from './RespondForms.tsx';

export function Reflection({
  visit,
  queryKey,
}: {
  visit: VisitRecords;
  queryKey: readonly unknown[];
}) {
  const refresh = useRefresh(queryKey);
  const [body, setBody] = useState(visit.reflection?.body ?? '');
  const save = useMutation({
    mutationFn: () => saveReflection(visit.visit.id, { body }),
    onSuccess: refresh,
  });
  if (!visit.can.reflect) {
    return (
      <section aria-labelledby="reflection">
        <h2 id="reflection">The teacher’s reflection</h2>
        <p>{visit.reflection?.body}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="reflection">
      <h2 id="reflection">My private reflection</h2>
      <p className="muted">
        Only you can read this — and your coach, if you choose to share it with them. School leaders
        never see it.
      </p>
      <form
        className="after-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label htmlFor="reflection-body">Reflection on my practice</label>
        <textarea
          id="reflection-body"
          rows={4}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <div>
          <button type="submit" className="button secondary" disabled={save.isPending}>
            Save my reflection
          </button>
        </div>
        <p role="status" aria-live="polite">
          {save.isSuccess ? 'Reflection saved.' : ''}
        </p>
        {save.error ? <ErrorMessage error={save.error} /> : null}
      </form>
    </section>
  );
}

export function CoachShare({
  visit,
  queryKey,
}: {
  visit: VisitRecords;
  queryKey: readonly unknown[];
}) {
  const refresh = useRefresh(queryKey);
  const [withReflection, setWithReflection] = useState(visit.share?.includeReflection ?? false);
  const share = useMutation({
    mutationFn: () => shareWithCoach(visit.visit.id, { includeReflection: withReflection }),
    onSuccess: refresh,
  });
  const stop = useMutation({
    mutationFn: () => stopSharingWithCoach(visit.visit.id),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="coach">
      <h2 id="coach">Share with my coach</h2>
      {!visit.coach ? (
        <p className="muted">
          You have no coach or mentor on your staff profile. A school leader can add one.
        </p>
      ) : (
        <>
          <p>
            {visit.share
              ? `Shared with ${visit.share.coachName}${visit.share.includeReflection ? ', with your reflection' : ''}.`
              : `Not shared. Your coach, ${visit.coach.name}, can read this visit only if you share it.`}
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={withReflection}
              onChange={(e) => setWithReflection(e.target.checked)}
            />
            Include my reflection
          </label>
          <div className="after-actions">
            <button type="button" className="button" onClick={() => share.mutate()}>
              {visit.share ? 'Update sharing' : `Share with ${visit.coach.name}`}
            </button>
            {visit.share ? (
              <button type="button" className="button secondary" onClick={() => stop.mutate()}>
                Stop sharing
              </button>
            ) : null}
          </div>
          {share.error || stop.error ? <ErrorMessage error={share.error ?? stop.error} /> : null}
        </>
      )}
    </section>
  );
}
