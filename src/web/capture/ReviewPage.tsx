import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CaptureBundle } from '../../contracts/records.ts';
import { prevalenceLabels } from '../../domain/frameworks/types.ts';
import type { Answer, RecordBody } from '../../domain/records/body.ts';
import { captureDb } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';
import { postWithToken, spansOf, syncNow } from '../offline/outbox.ts';
import { saveChange, storeBundle } from '../offline/store.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useBundle } from './bundle.ts';
import { useOwner } from './owner.tsx';
import { RecordStatus, statusOf } from './RecordStatus.tsx';
import { openSpans, RuleNineSpans, withKept } from './RuleNineSpans.tsx';

function answerText(answer: Answer) {
  switch (answer.kind) {
    case 'prevalence':
      return prevalenceLabels[answer.value];
    case 'seen':
      return answer.value ? 'Seen' : 'Not seen';
    case 'count':
      return String(answer.value);
    case 'note':
      return answer.value;
  }
}

/** Review the walk's records, then hand them in. After hand-in an edit becomes a new version. */
export function CaptureReviewPage() {
  const { walkId = '' } = useParams();
  const owner = useOwner();
  const { bundle, loading, error } = useBundle(owner.personId, walkId);
  const local = useLive(
    () => captureDb.records.where('[ownerId+walkId]').equals([owner.personId, walkId]).toArray(),
    `${owner.personId}:${walkId}`,
  );
  const [done, setDone] = useState<string | null>(null);
  const handIn = useMutation({
    // With the outbox's token: this page may have been opened with no connection.
    mutationFn: () =>
      postWithToken<{ handedIn: number; records: CaptureBundle['records'] }>(
        `/api/walks/${walkId}/records/hand-in`,
      ),
    onSuccess: async (result) => {
      if (bundle) await storeBundle(owner.personId, { ...bundle, records: result.records });
      setDone(
        result.handedIn === 0
          ? 'Nothing new to hand in: every record here was already handed in.'
          : `Handed in ${result.handedIn} record${result.handedIn > 1 ? 's' : ''}. Thank you.`,
      );
    },
  });

  // Rule 9: the server's spans from a refused hand-in, shown on each record until dealt with.
  const refused = handIn.error ? spansOf((handIn.error as { details?: unknown }).details) : [];

  if (loading) return <Loading what="the walk" />;
  if (!bundle) return <ErrorMessage error={error} />;
  const waiting = local ?? [];
  const lookFor = new Map(
    [...bundle.brief.lookFors, ...bundle.brief.studentVoicePrompts].map((f) => [f.id, f.prompt]),
  );
  return (
    <section className="capture" aria-labelledby="review-title">
      <p className="crumbs">
        <Link to={`/capture/walks/${walkId}`}>Back to the route</Link>
      </p>
      <h1 id="review-title">Review and hand in</h1>
      <ul className="review">
        {bundle.route.map((v) => {
          const mine = waiting.find((r) => r.visitId === v.id);
          const server = bundle.records.find((r) => r.visitId === v.id);
          const body = mine?.body ?? (server?.body as RecordBody | undefined);
          return (
            <li key={v.id} className="card">
              <h2>
                <Link to={`/capture/walks/${walkId}/visits/${v.id}`}>
                  {v.startsAt} · {v.room} · {v.classCode}
                </Link>
              </h2>
              <RecordStatus status={statusOf(mine, server)} message={mine?.message} />
              {mine?.status === 'attention' && !mine.spans?.length ? (
                <p className="error">{mine.message}</p>
              ) : null}
              {body ? (
                <RuleNineSpans
                  spans={openSpans(
                    [
                      ...refused.filter((s) => s.visitId === v.id),
                      ...(mine?.status === 'attention' ? (mine.spans ?? []) : []),
                    ],
                    body,
                  )}
                  rewriteTo={`/capture/walks/${walkId}/visits/${v.id}`}
                  onKeep={(span, reason) =>
                    void saveChange(owner.personId, bundle, v.id, (b) => withKept(b, span, reason))
                  }
                />
              ) : null}
              {body ? (
                <>
                  {body.answers.length > 0 ? (
                    <dl className="answers">
                      {body.answers.map((a) => (
                        <div key={a.lookForId}>
                          <dt>{lookFor.get(a.lookForId) ?? 'A look-for'}</dt>
                          <dd>{answerText(a)}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                  {body.notes ? <p className="notes-review">{body.notes}</p> : null}
                  {body.studentVoice.map((s) => (
                    <p key={s.promptId}>
                      <em>{lookFor.get(s.promptId) ?? 'Pupils'}:</em> {s.text}
                    </p>
                  ))}
                </>
              ) : (
                <p className="muted">Nothing recorded.</p>
              )}
            </li>
          );
        })}
      </ul>
      {waiting.length > 0 ? (
        <p role="status">
          {waiting.length} record{waiting.length > 1 ? 's are' : ' is'} still on this device. They
          are sent as soon as there is a connection; hand in once they show “Sent”.{' '}
          <button
            type="button"
            className="button secondary"
            onClick={() => void syncNow(owner.personId)}
          >
            Send now
          </button>
        </p>
      ) : null}
      {handIn.error && refused.length === 0 ? <ErrorMessage error={handIn.error} /> : null}
      {refused.length > 0 ? (
        <p className="error" role="status">
          {handIn.error?.message}
        </p>
      ) : null}
      <p aria-live="polite">{done}</p>
      <button
        type="button"
        className="button"
        disabled={handIn.isPending || waiting.length > 0 || bundle.records.length === 0}
        onClick={() => handIn.mutate()}
      >
        {handIn.isPending ? 'Handing in…' : 'Hand in my records'}
      </button>
    </section>
  );
}
