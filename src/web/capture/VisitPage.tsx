import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaptureBundle, RouteVisit } from '../../contracts/records.ts';
import { floorName } from '../../domain/format/places.ts';
import type { RecordBody } from '../../domain/records/body.ts';
import { captureDb, type LocalPhoto, type LocalThumbnail } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';
import { preparePhoto } from '../offline/photos.ts';
import { addPhoto, localRecordFor, saveChange, workingCopy } from '../offline/store.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { setStudentVoice } from './answers.ts';
import { useBundle } from './bundle.ts';
import { LookForControl } from './LookForControl.tsx';
import { NotesField } from './NotesField.tsx';
import { useOwner } from './owner.tsx';
import { RecordStatus, statusOf } from './RecordStatus.tsx';
import { openSpans, RuleNineSpans, withKept } from './RuleNineSpans.tsx';
import { Attention, Photos, StudentVoice } from './VisitSections.tsx';
import { VisitTimer } from './VisitTimer.tsx';

/** One room: timer, look-fors as big controls, neutral notes, pupils' voice, photos, next room. */
export function CaptureVisitPage() {
  const { walkId = '', visitId = '' } = useParams();
  const owner = useOwner();
  const { bundle, loading, error } = useBundle(owner.personId, walkId);
  if (loading) return <Loading what="the visit" />;
  if (!bundle) return <ErrorMessage error={error} />;
  const visit = bundle.route.find((v) => v.id === visitId);
  if (!visit) return <ErrorMessage error={new Error('This visit is not on the walk’s route.')} />;
  // Keyed by visit: "Next room" starts fresh state for the next one.
  return <Visit key={visit.id} bundle={bundle} visit={visit} ownerId={owner.personId} />;
}

function Visit({
  bundle,
  visit,
  ownerId,
}: {
  bundle: CaptureBundle;
  visit: RouteVisit;
  ownerId: string;
}) {
  const navigate = useNavigate();
  const walkId = bundle.walk.id;
  const local = useLive(
    () => localRecordFor(ownerId, walkId, visit.id).then((r) => r ?? null),
    `${ownerId}:${visit.id}`,
  );
  const copy = workingCopy(bundle, visit.id, local ?? undefined);
  const photos = useLive(
    () =>
      copy.recordId
        ? captureDb.photos.where('recordId').equals(copy.recordId).sortBy('addedAt')
        : ([] as LocalPhoto[]),
    copy.recordId,
  );
  // Thumbnails outlive the photos once sent (issue 21): the record still shows what it holds.
  const thumbnails = useLive(
    () =>
      copy.recordId
        ? captureDb.thumbnails.where('recordId').equals(copy.recordId).sortBy('addedAt')
        : ([] as LocalThumbnail[]),
    copy.recordId,
  );
  const serverPhotos = bundle.records.find((r) => r.id === copy.recordId)?.photoIds.length ?? 0;
  const [problem, setProblem] = useState<unknown>(null);

  const stops = bundle.route.filter((v) => !v.cancelled);
  const index = stops.findIndex((v) => v.id === visit.id);
  const next = index >= 0 ? stops[index + 1] : undefined;
  const capturable = visit.noticeGiven && !visit.cancelled && bundle.walk.status === 'published';

  const save = (change: (body: RecordBody) => RecordBody) =>
    saveChange(ownerId, bundle, visit.id, change).catch(setProblem);

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="capture visit" aria-labelledby="visit-title">
      <p className="crumbs">
        <Link to={`/capture/walks/${walkId}`}>Route</Link> · Stop {index + 1} of {stops.length}
      </p>
      <h1 id="visit-title" ref={heading} tabIndex={-1}>
        {visit.room} · {visit.classCode}
      </h1>
      <p className="lede">
        {visit.startsAt}–{visit.endsAt} · {visit.subject}
        {visit.yearGroup ? `, ${visit.yearGroup}` : ''} · {visit.building}
        {`, ${floorName(visit.floor)}`}
      </p>
      {local === undefined ? null : (
        <p className="visit-status" aria-live="polite">
          <RecordStatus status={statusOf(copy.local, copy.server)} message={copy.local?.message} />
        </p>
      )}
      {copy.local?.status === 'attention' ? (
        <Attention
          recordId={copy.local.recordId}
          message={copy.local.message}
          code={copy.local.code}
        />
      ) : null}
      {copy.local?.status === 'attention' && copy.local.spans?.length ? (
        <RuleNineSpans
          spans={openSpans(copy.local.spans, copy.body)}
          rewriteTo={`/capture/walks/${walkId}/visits/${visit.id}`}
          onKeep={(span, reason) => void save((b) => withKept(b, span, reason))}
        />
      ) : null}
      {problem ? <ErrorMessage error={problem} /> : null}

      {local === undefined ? (
        <Loading what="this record" />
      ) : !capturable ? (
        <div className="error" role="alert">
          {visit.cancelled
            ? 'This visit was cancelled. Move on to the next room.'
            : bundle.walk.status !== 'published'
              ? 'This walk is not published, so it cannot be recorded.'
              : 'The teacher of this class was not given prior warning of this visit. Do not go in or record it; move on to the next room and tell the school leader.'}
        </div>
      ) : (
        <>
          <VisitTimer ownerId={ownerId} visitId={visit.id} minutes={bundle.brief.visitMinutes} />
          {bundle.brief.lookFors.length > 0 ? (
            <p className="muted" data-testid="look-for-count">
              {bundle.brief.lookFors.length}{' '}
              {bundle.brief.lookFors.length === 1 ? 'look-for' : 'look-fors'} in this room
            </p>
          ) : null}
          {bundle.brief.lookFors.length > 0 ? (
            <div className="capture-look-fors">
              {bundle.brief.lookFors.map((f) => (
                <LookForControl key={f.id} lookFor={f} body={copy.body} onChange={save} />
              ))}
            </div>
          ) : null}
          <NotesField
            initial={copy.body.notes}
            staffNames={bundle.checkerNames.staffNames}
            onChange={(notes) => save((b) => ({ ...b, notes }))}
          />
          {bundle.brief.studentVoicePrompts.length > 0 ? (
            <fieldset className="student-voice">
              <legend>What pupils said</legend>
              <p className="muted">
                Ask about their learning, never about their teacher. Write what they said, not who
                said it.
              </p>
              {bundle.brief.studentVoicePrompts.map((p) => (
                <StudentVoice
                  key={p.id}
                  prompt={p}
                  initial={copy.body.studentVoice.find((s) => s.promptId === p.id)?.text ?? ''}
                  onChange={(text) => save((b) => setStudentVoice(b, p.id, text))}
                />
              ))}
            </fieldset>
          ) : null}
          <Photos
            photos={photos ?? []}
            thumbnails={thumbnails ?? []}
            serverCount={serverPhotos}
            onAdd={async (file) => {
              const prepared = await preparePhoto(file);
              const record = await saveChange(ownerId, bundle, visit.id, (b) => b);
              await addPhoto(ownerId, record, prepared);
            }}
          />
        </>
      )}

      <nav className="next-room" aria-label="Route">
        {next ? (
          <button
            type="button"
            className="button big"
            onClick={() => navigate(`/capture/walks/${walkId}/visits/${next.id}`)}
          >
            Next room: {next.room}
          </button>
        ) : (
          <Link className="button big" to={`/capture/walks/${walkId}/review`}>
            Finish: review and hand in
          </Link>
        )}
      </nav>
    </section>
  );
}
