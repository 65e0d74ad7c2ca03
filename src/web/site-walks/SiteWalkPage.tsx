import './site-walks.css';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { findingOutcomeLabels, findingOutcomes } from '../../domain/site-walks/actions.ts';
import {
  likelihoodLabels,
  type RiskLevel,
  riskBandLabels,
  riskOf,
  riskScale,
  severityLabels,
} from '../../domain/site-walks/risk.ts';
import { formatDay } from '../lib/format.ts';
import { preparePhoto } from '../offline/photos.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  guestLink,
  publishSiteWalk,
  raiseAction,
  type SiteWalkDto,
  siteKeys,
  useSiteWalk,
  verifyAction,
} from './api.ts';
import { enqueue, onQueueChange, type QueuedFinding, queued, startSending } from './site-outbox.ts';

type Place = SiteWalkDto['places'][number];

/** /site-walks/:walkId — the walk: plan, notice, capture per place, findings to actions. */
export function SiteWalkPage() {
  const { walkId = '' } = useParams();
  const client = useQueryClient();
  const walk = useSiteWalk(walkId);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [waiting, setWaiting] = useState<QueuedFinding[]>(() => queued(walkId));
  const refresh = () => client.invalidateQueries({ queryKey: siteKeys.walk(walkId) });

  useEffect(() => onQueueChange(() => setWaiting(queued(walkId))), [walkId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh reads the current client.
  useEffect(() => startSending(walkId, refresh), [walkId]);

  if (walk.isPending) return <Loading what="the site walk" />;
  if (walk.error) return <ErrorMessage error={walk.error} />;
  const w = walk.data.siteWalk;

  const act = async (run: () => Promise<unknown>, done: string | ((r: unknown) => string)) => {
    setError(null);
    try {
      const result = await run();
      setMessage(typeof done === 'string' ? done : done(result));
      await refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="site-walk">
      <p>
        <Link to={`/schools/${w.schoolId}/site-walks`}>Site walks</Link>
      </p>
      <h1>
        Site walk, {formatDay(w.date)} {w.windowStart}–{w.windowEnd}
      </h1>
      <p className="lede">
        {w.checklist.name}. Led by {w.lead?.name ?? 'nobody yet'}
        {w.walkers.length > 1
          ? ` with ${w.walkers
              .slice(1)
              .map((p) => p.name)
              .join(', ')}`
          : ''}
        {w.guests.length ? `, and ${w.guests.map((g) => g.name).join(', ')} (guest)` : ''}.
      </p>
      <section aria-labelledby="statement">
        <h2 id="statement">Statement of next steps</h2>
        <p>{w.howResultsUsed}</p>
        <p>
          {w.namesRooms
            ? 'Feedback may name individual rooms. It never names a teacher.'
            : 'Feedback will not name individual rooms or teachers.'}
        </p>
        <p>
          <Link to={`/site-walks/${w.id}/checklist`}>Printable checklist</Link>
        </p>
      </section>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {w.status === 'draft' && w.canManage ? (
        <button
          type="button"
          onClick={() =>
            act(
              () => publishSiteWalk(w.id),
              (r) => {
                const n = (r as { teachersNoticed: number }).teachersNoticed;
                return `Published. ${n} ${n === 1 ? 'teacher was' : 'teachers were'} told, with the checklist.`;
              },
            )
          }
        >
          Publish and tell teachers
        </button>
      ) : (
        <p>
          {w.status === 'published'
            ? `Published. ${w.teachersNoticed} ${w.teachersNoticed === 1 ? 'teacher' : 'teachers'} told.`
            : 'Cancelled.'}
        </p>
      )}
      {w.canManage && w.guests.length ? <Guests walk={w} /> : null}
      {waiting.length ? (
        <p className="waiting" role="status">
          {waiting.length} {waiting.length === 1 ? 'finding is' : 'findings are'} saved on this
          device, waiting to send.
          {waiting.some((q) => q.problem) ? ` ${waiting.find((q) => q.problem)!.problem}` : ''}
        </p>
      ) : null}
      {w.places.map((p) => (
        <PlaceSection
          key={p.id}
          walk={w}
          place={p}
          waiting={waiting}
          onRaise={(findingId, body) =>
            act(() => raiseAction(findingId, body), 'The site action was raised.')
          }
          onVerify={(actionId) =>
            act(() => verifyAction(actionId, w.id), 'The fix was verified on this walk.')
          }
        />
      ))}
    </div>
  );
}

function Guests({ walk }: { walk: SiteWalkDto }) {
  const [links, setLinks] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  return (
    <section aria-labelledby="guests">
      <h2 id="guests">Guests</h2>
      {error ? <ErrorMessage error={error} /> : null}
      <ul>
        {walk.guests.map((g) => (
          <li key={g.id}>
            {g.name}
            {g.organisation ? ` (${g.organisation})` : ''}:{' '}
            {links[g.id] ? (
              <>
                give them this single-use link: <code>{links[g.id]}</code>
              </>
            ) : (
              <button
                type="button"
                onClick={async () => {
                  try {
                    const l = await guestLink(walk.id, g.id);
                    setLinks((x) => ({ ...x, [g.id]: l.url }));
                  } catch (e) {
                    setError(e);
                  }
                }}
              >
                {g.linkIssued ? 'Make a new link' : 'Make a link for findings'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlaceSection({
  walk,
  place,
  waiting,
  onRaise,
  onVerify,
}: {
  walk: SiteWalkDto;
  place: Place;
  waiting: QueuedFinding[];
  onRaise: (findingId: string, body: unknown) => void;
  onVerify: (actionId: string) => void;
}) {
  const findings = walk.findings.filter((f) => f.placeId === place.id);
  const headingId = `place-${place.id}`;
  return (
    <section className="place" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {place.name}{' '}
        <span className="muted">
          ({place.building}, about {place.startsAt})
        </span>
      </h2>
      <p className="muted">
        {place.checklist.name}
        {place.specialist ? ` · with ${place.specialist.name}` : ''}
      </p>
      {place.actions.length ? (
        <>
          <h3>Actions here</h3>
          <ul className="cards">
            {place.actions.map((a) => (
              <li key={a.id} className="card">
                <strong>{a.title}</strong> · {riskBandLabels[a.band]} · {a.status.replace('_', ' ')}
                {a.status === 'closed' && walk.canRecord ? (
                  <>
                    {' '}
                    <button type="button" onClick={() => onVerify(a.id)}>
                      Verify the fix
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {walk.canRecord
        ? place.items.map((item) => (
            <ItemForm
              key={item.id}
              walkId={walk.id}
              placeId={place.id}
              item={item}
              recorded={findings.find((f) => f.itemId === item.id)}
              queued={waiting.find((q) => q.body.placeId === place.id && q.body.itemId === item.id)}
            />
          ))
        : null}
      {walk.canManage
        ? findings
            .filter((f) => f.outcome === 'needs_attention' && !f.actionId)
            .map((f) => (
              <RaiseAction
                key={f.id}
                findingId={f.id}
                prompt={place.items.find((i) => i.id === f.itemId)?.prompt ?? ''}
                openAction={place.actions.find(
                  (a) =>
                    a.itemId === f.itemId && (a.status === 'open' || a.status === 'in_progress'),
                )}
                onRaise={onRaise}
              />
            ))
        : null}
    </section>
  );
}

function ItemForm({
  walkId,
  placeId,
  item,
  recorded,
  queued: waiting,
}: {
  walkId: string;
  placeId: string;
  item: Place['items'][number];
  recorded: SiteWalkDto['findings'][number] | undefined;
  queued: QueuedFinding | undefined;
}) {
  const [outcome, setOutcome] = useState<string>(waiting?.body.outcome ?? recorded?.outcome ?? '');
  const [likelihood, setLikelihood] = useState<number>(recorded?.likelihood ?? 3);
  const [severity, setSeverity] = useState<number>(recorded?.severity ?? 3);
  const [notes, setNotes] = useState(recorded?.notes ?? '');
  const [makeSafe, setMakeSafe] = useState(recorded?.makeSafe ?? false);
  const [photos, setPhotos] = useState<{ photoId: string; dataUrl: string }[]>([]);
  const [saved, setSaved] = useState(false);
  const id = `${placeId}-${item.id}`;
  const risk = riskOf(likelihood as RiskLevel, severity as RiskLevel);
  const needs = outcome === 'needs_attention';

  const addPhoto = async (file: File) => {
    // Re-encoded through a canvas: the camera's data (time, place) is dropped on the device.
    const prepared = await preparePhoto(file);
    const dataUrl = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsDataURL(prepared.blob);
    });
    setPhotos((p) => [...p, { photoId: crypto.randomUUID(), dataUrl }]);
  };

  const save = () => {
    enqueue({
      findingId: waiting?.findingId ?? recorded?.id ?? crypto.randomUUID(),
      body: {
        walkId,
        placeId,
        itemId: item.id,
        outcome: outcome as QueuedFinding['body']['outcome'],
        likelihood: needs ? likelihood : null,
        severity: needs ? severity : null,
        notes,
        makeSafe: needs && makeSafe,
      },
      photos,
    });
    setSaved(true);
    setPhotos([]);
  };

  return (
    <fieldset className="item">
      <legend>
        <span className="muted">{item.category}:</span> {item.prompt}
      </legend>
      <div className="choices">
        {findingOutcomes.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name={`outcome-${id}`}
              value={o}
              checked={outcome === o}
              onChange={() => {
                setOutcome(o);
                setSaved(false);
              }}
            />{' '}
            {findingOutcomeLabels[o]}
          </label>
        ))}
      </div>
      {needs ? (
        <div className="risk">
          <label htmlFor={`l-${id}`}>Likelihood</label>
          <select
            id={`l-${id}`}
            value={likelihood}
            onChange={(e) => setLikelihood(Number(e.target.value))}
          >
            {riskScale.map((n) => (
              <option key={n} value={n}>
                {n} – {likelihoodLabels[n]}
              </option>
            ))}
          </select>
          <label htmlFor={`s-${id}`}>Severity</label>
          <select
            id={`s-${id}`}
            value={severity}
            onChange={(e) => setSeverity(Number(e.target.value))}
          >
            {riskScale.map((n) => (
              <option key={n} value={n}>
                {n} – {severityLabels[n]}
              </option>
            ))}
          </select>
          <p aria-live="polite">
            Risk: <strong>{riskBandLabels[risk.band]}</strong> ({risk.score})
          </p>
          <label htmlFor={`n-${id}`}>Notes on the hazard</label>
          <textarea id={`n-${id}`} value={notes} onChange={(e) => setNotes(e.target.value)} />
          <label htmlFor={`p-${id}`}>Photo of the hazard</label>
          <input
            id={`p-${id}`}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void addPhoto(f);
            }}
          />
          {photos.length ? <p>{photos.length} photo ready.</p> : null}
          <label className="make-safe">
            <input
              type="checkbox"
              checked={makeSafe}
              onChange={(e) => setMakeSafe(e.target.checked)}
            />{' '}
            Make safe now: an immediate danger (alerts the site manager and the head at once)
          </label>
        </div>
      ) : null}
      {outcome ? (
        <button type="button" onClick={save}>
          Save finding
        </button>
      ) : null}
      {saved || waiting ? (
        <p className="muted" role="status">
          {waiting ? 'Saved on this device; sends when there is a connection.' : 'Saved.'}
        </p>
      ) : recorded ? (
        <p className="muted">Recorded{recorded.byGuest ? ' by the guest' : ''}.</p>
      ) : null}
    </fieldset>
  );
}

function RaiseAction({
  findingId,
  prompt,
  openAction,
  onRaise,
}: {
  findingId: string;
  prompt: string;
  openAction: Place['actions'][number] | undefined;
  onRaise: (findingId: string, body: unknown) => void;
}) {
  const [owner, setOwner] = useState('');
  const [target, setTarget] = useState('');
  const id = `raise-${findingId}`;
  return (
    <form
      className="raise"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        onRaise(findingId, {
          ownerName: owner,
          ...(target ? { targetDate: target } : {}),
        });
      }}
    >
      <h3 id={id}>Needs attention: {prompt}</h3>
      {openAction ? (
        <button type="button" onClick={() => onRaise(findingId, { mergeInto: openAction.id })}>
          Add to the open action “{openAction.title}”
        </button>
      ) : (
        <>
          <label htmlFor={`${id}-owner`}>Owner (site team, or a contractor by name)</label>
          <input
            id={`${id}-owner`}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            required
          />
          <label htmlFor={`${id}-target`}>Target date (leave empty to set it from the risk)</label>
          <input
            id={`${id}-target`}
            type="date"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <button type="submit">Raise a site action</button>
        </>
      )}
    </form>
  );
}
