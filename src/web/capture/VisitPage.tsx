import { type ChangeEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CaptureBundle, CaptureLookForDto, RouteVisit } from '../../contracts/records.ts';
import { prevalenceLabels, prevalenceLevels } from '../../domain/frameworks/types.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import type { RecordBody } from '../../domain/records/body.ts';
import { captureDb, type LocalPhoto } from '../offline/db.ts';
import { useLive } from '../offline/live.ts';
import { preparePhoto } from '../offline/photos.ts';
import {
  addPhoto,
  discardLocal,
  keepMine,
  localRecordFor,
  removePhoto,
  saveChange,
  workingCopy,
} from '../offline/store.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { answerOf, setAnswer, setStudentVoice } from './answers.ts';
import { useBundle } from './bundle.ts';
import { NotesField } from './NotesField.tsx';
import { useOwner } from './owner.tsx';
import { RecordStatus, statusOf } from './RecordStatus.tsx';
import { openSpans, RuleNineSpans, withKept } from './RuleNineSpans.tsx';
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
        {visit.floor ? `, floor ${visit.floor}` : ', ground floor'}
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

function Attention({
  recordId,
  message,
  code,
}: {
  recordId: string;
  message: string | null;
  code: string | null;
}) {
  const conflict =
    code === 'record_exists' || code === 'stale_version' || code === 'visit_already_recorded';
  return (
    <div className="error attention" role="alert">
      <p>{message}</p>
      <p>Your record stays on this device until you decide.</p>
      <div className="actions">
        {conflict ? (
          <button type="button" className="button" onClick={() => void keepMine(recordId)}>
            Send mine as the newer version
          </button>
        ) : null}
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            if (window.confirm('Remove your copy of this record from this device?')) {
              void discardLocal(recordId);
            }
          }}
        >
          {conflict ? 'Keep the server’s version' : 'Remove it from this device'}
        </button>
      </div>
    </div>
  );
}

function LookForControl({
  lookFor,
  body,
  onChange,
}: {
  lookFor: CaptureLookForDto;
  body: RecordBody;
  onChange: (change: (body: RecordBody) => RecordBody) => void;
}) {
  const answer = answerOf(body, lookFor.id);
  const name = `lf-${lookFor.id}`;
  const guidance = lookFor.looksLike ? (
    <details className="lf-guidance">
      <summary>Guidance</summary>
      <p>Looks like: {lookFor.looksLike}</p>
      {lookFor.doesNotMean ? <p>Does not mean: {lookFor.doesNotMean}</p> : null}
    </details>
  ) : null;

  if (lookFor.answerKind === 'prevalence' || lookFor.answerKind === 'seen') {
    const options =
      lookFor.answerKind === 'prevalence'
        ? prevalenceLevels.map((p) => ({ value: p, label: prevalenceLabels[p] }))
        : [
            { value: 'seen', label: 'Seen' },
            { value: 'not_seen', label: 'Not seen' },
          ];
    const current =
      answer?.kind === 'prevalence'
        ? answer.value
        : answer?.kind === 'seen'
          ? answer.value
            ? 'seen'
            : 'not_seen'
          : null;
    return (
      <fieldset className="look-for">
        <legend>{lookFor.prompt}</legend>
        <div className="chips">
          {options.map((o) => (
            <label key={o.value} className="chip">
              <input
                type="radio"
                name={name}
                value={o.value}
                checked={current === o.value}
                onChange={() =>
                  onChange((b) =>
                    setAnswer(
                      b,
                      lookFor.answerKind === 'prevalence'
                        ? {
                            lookForId: lookFor.id,
                            kind: 'prevalence',
                            value: o.value as (typeof prevalenceLevels)[number],
                          }
                        : { lookForId: lookFor.id, kind: 'seen', value: o.value === 'seen' },
                    ),
                  )
                }
              />
              <span>{o.label}</span>
            </label>
          ))}
          {current !== null ? (
            <button
              type="button"
              className="chip-clear"
              onClick={() => onChange((b) => setAnswer(b, { lookForId: lookFor.id, value: null }))}
            >
              Clear<span className="visually-hidden"> the answer to {lookFor.prompt}</span>
            </button>
          ) : null}
        </div>
        {guidance}
      </fieldset>
    );
  }

  if (lookFor.answerKind === 'count') {
    const value = answer?.kind === 'count' ? answer.value : 0;
    const set = (n: number) =>
      onChange((b) =>
        setAnswer(b, {
          lookForId: lookFor.id,
          kind: 'count',
          value: Math.max(0, Math.min(9999, n)),
        }),
      );
    return (
      <fieldset className="look-for">
        <legend>{lookFor.prompt}</legend>
        <div className="counter">
          <button
            type="button"
            className="count-button"
            onClick={() => set(value - 1)}
            disabled={value === 0}
          >
            −<span className="visually-hidden"> one fewer: {lookFor.prompt}</span>
          </button>
          <output aria-live="polite" className="count-value">
            {value}
          </output>
          <button type="button" className="count-button" onClick={() => set(value + 1)}>
            +<span className="visually-hidden"> one more: {lookFor.prompt}</span>
          </button>
        </div>
        {guidance}
      </fieldset>
    );
  }

  return (
    <NoteAnswer
      lookFor={lookFor}
      initial={answer?.kind === 'note' ? answer.value : ''}
      onChange={(text) =>
        onChange((b) =>
          setAnswer(
            b,
            text
              ? { lookForId: lookFor.id, kind: 'note', value: text }
              : { lookForId: lookFor.id, value: null },
          ),
        )
      }
    />
  );
}

function NoteAnswer({
  lookFor,
  initial,
  onChange,
}: {
  lookFor: CaptureLookForDto;
  initial: string;
  onChange: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const id = `note-${lookFor.id}`;
  return (
    <div className="look-for">
      <label htmlFor={id}>{lookFor.prompt}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
    </div>
  );
}

function StudentVoice({
  prompt,
  initial,
  onChange,
}: {
  prompt: CaptureLookForDto;
  initial: string;
  onChange: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const checker = useMemo(() => createChecker({}), []);
  const findings = checker.check(text).filter((f) => f.kind !== 'name');
  const id = `sv-${prompt.id}`;
  return (
    <div className="sv-prompt">
      <label htmlFor={id}>{prompt.prompt}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
      {findings.some((f) => f.kind === 'about_teacher') ? (
        <p className="language-hint">
          Keep pupils’ words about their learning, not about their teacher.
        </p>
      ) : null}
    </div>
  );
}

function Photos({ photos, onAdd }: { photos: LocalPhoto[]; onAdd: (file: File) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const urls = useMemo(
    () => photos.map((p) => ({ id: p.photoId, url: URL.createObjectURL(p.blob), sent: p.sent })),
    [photos],
  );
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u.url);
    },
    [urls],
  );
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    setBusy(true);
    setError(null);
    try {
      for (const file of files) await onAdd(file);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="photos">
      <legend>Photos</legend>
      <p className="reminder">
        Photograph the room or pupils’ work only — <strong>never faces</strong>. Photos are made
        smaller and their location data removed on this device.
      </p>
      <div className="photo-buttons">
        <label className="button secondary file-button">
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={pick}
            disabled={busy}
          />
          Take a photo
        </label>
        <label className="button secondary file-button">
          <input type="file" accept="image/*" multiple onChange={pick} disabled={busy} />
          Choose from gallery
        </label>
      </div>
      <p aria-live="polite" className="muted">
        {busy
          ? 'Preparing the photo…'
          : photos.length
            ? `${photos.length} photo${photos.length > 1 ? 's' : ''} with this record.`
            : ''}
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {urls.length > 0 ? (
        <ul className="thumbs">
          {urls.map((u, i) => (
            <li key={u.id}>
              <img src={u.url} alt={`Attached ${i + 1} of ${urls.length}`} />
              {u.sent ? (
                <span className="muted">Sent</span>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void removePhoto(u.id)}
                >
                  Remove<span className="visually-hidden"> photo {i + 1}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
