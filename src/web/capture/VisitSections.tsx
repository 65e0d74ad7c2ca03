import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import type { CaptureLookForDto } from '../../contracts/records.ts';
import { createChecker } from '../../domain/neutral-language/checker.ts';
import type { LocalPhoto, LocalThumbnail } from '../offline/db.ts';
import { discardLocal, keepMine, removePhoto } from '../offline/store.ts';
import { ErrorMessage } from '../ui/Status.tsx';

export function Attention({
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

export function StudentVoice({
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

/**
 * The record's photos: those on this device (full size until sent), then the thumbnails kept of
 * photos already sent and let go of here (issue 21), so they never vanish from the record; the
 * count is the larger of what the device shows and what the server holds.
 */
export function Photos({
  photos,
  thumbnails = [],
  serverCount = 0,
  onAdd,
}: {
  photos: LocalPhoto[];
  thumbnails?: LocalThumbnail[];
  serverCount?: number;
  onAdd: (file: File) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const urls = useMemo(() => {
    const here = new Set(photos.map((p) => p.photoId));
    return [
      ...photos.map((p) => ({ id: p.photoId, url: URL.createObjectURL(p.blob), sent: p.sent })),
      ...thumbnails
        .filter((t) => !here.has(t.photoId))
        .map((t) => ({ id: t.photoId, url: URL.createObjectURL(t.blob), sent: true })),
    ];
  }, [photos, thumbnails]);
  const count = Math.max(urls.length, serverCount);
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
          : count
            ? `${count} photo${count > 1 ? 's' : ''} with this record.`
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
