import './site-walks.css';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { actionStatusLabels } from '../../domain/site-walks/actions.ts';
import { type AreaKind, areaKindLabels, areaKinds } from '../../domain/site-walks/areas.ts';
import { riskBandLabels } from '../../domain/site-walks/risk.ts';
import { cadenceLabels, cadences } from '../../domain/site-walks/schedule.ts';
import { formatDay } from '../lib/format.ts';
import { preparePhoto } from '../offline/photos.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  addArea,
  addSchedule,
  closeAction,
  putJpeg,
  setAreaKind,
  siteKeys,
  updateAction,
  useChecklist,
  useEstate,
  useSchedules,
  useSiteAction,
  useSiteActions,
  useSiteDashboard,
  useSiteWalks,
  useTrustSiteDashboard,
} from './api.ts';

function SiteNav({ schoolId }: { schoolId: string }) {
  return (
    <nav aria-label="Site safety" className="site-nav">
      <Link to={`/schools/${schoolId}/site-walks`}>Site walks</Link> ·{' '}
      <Link to={`/schools/${schoolId}/estate`}>Estate</Link> ·{' '}
      <Link to={`/schools/${schoolId}/site-actions`}>Site actions</Link> ·{' '}
      <Link to={`/schools/${schoolId}/site-safety`}>Dashboard</Link>
    </nav>
  );
}

/** /schools/:schoolId/site-walks — the school's site walks. */
export function SiteWalksPage() {
  const { schoolId = '' } = useParams();
  const walks = useSiteWalks(schoolId);
  return (
    <div className="site-walk">
      <h1>Site walks</h1>
      <SiteNav schoolId={schoolId} />
      <p>
        <Link className="button" to={`/schools/${schoolId}/site-walks/new`}>
          Plan a site walk
        </Link>
      </p>
      <Schedules schoolId={schoolId} />
      <h2>Walks</h2>
      {walks.isPending ? <Loading what="the site walks" /> : null}
      {walks.error ? <ErrorMessage error={walks.error} /> : null}
      <ul className="cards">
        {walks.data?.walks.map((w) => (
          <li key={w.id} className="card">
            <Link to={`/site-walks/${w.id}`}>
              {formatDay(w.date)} {w.windowStart}: {w.checklistName}
            </Link>
            <p className="muted">
              {w.status} · {w.places} {w.places === 1 ? 'place' : 'places'} · {w.findings} findings
              {w.scheduled ? ' · scheduled' : ''}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /schools/:schoolId/estate — rooms and areas by building and floor, with their kinds. */
export function EstatePage() {
  const { schoolId = '' } = useParams();
  const client = useQueryClient();
  const estate = useEstate(schoolId);
  const [error, setError] = useState<unknown>(null);
  const [area, setArea] = useState({
    name: '',
    building: '',
    floor: 0,
    kind: 'corridor' as AreaKind,
  });
  if (estate.isPending) return <Loading what="the estate" />;
  if (estate.error) return <ErrorMessage error={estate.error} />;
  const e = estate.data;
  const refresh = () => client.invalidateQueries({ queryKey: siteKeys.estate(schoolId) });
  const buildings = [...new Set(e.places.map((p) => p.building))];
  return (
    <div className="site-walk">
      <h1>Estate</h1>
      <SiteNav schoolId={schoolId} />
      <p className="lede">
        Every room and area a site walk can visit. Rooms come from set-up and the rooms import; add
        the areas that are not rooms here.
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      {buildings.map((b) => (
        <section key={b} aria-labelledby={`b-${b}`}>
          <h2 id={`b-${b}`}>{b}</h2>
          <ul className="cards">
            {e.places
              .filter((p) => p.building === b)
              .map((p) => (
                <li key={p.id} className="card">
                  <label htmlFor={`kind-${p.id}`}>
                    {p.name}, floor {p.floor}
                    {p.openActions ? ` · ${p.openActions} open actions` : ''}
                  </label>
                  <select
                    id={`kind-${p.id}`}
                    value={p.kind}
                    disabled={!e.canEdit}
                    onChange={async (x) => {
                      try {
                        await setAreaKind(schoolId, p.id, { kind: x.target.value });
                        await refresh();
                      } catch (err) {
                        setError(err);
                      }
                    }}
                  >
                    {areaKinds.map((k) => (
                      <option key={k} value={k}>
                        {areaKindLabels[k]}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {e.canEdit ? (
        <form
          onSubmit={async (x) => {
            x.preventDefault();
            setError(null);
            try {
              await addArea(schoolId, area);
              setArea({ ...area, name: '' });
              await refresh();
            } catch (err) {
              setError(err);
            }
          }}
        >
          <h2>Add an area</h2>
          <label htmlFor="area-name">Name</label>
          <input
            id="area-name"
            value={area.name}
            onChange={(x) => setArea({ ...area, name: x.target.value })}
          />
          <label htmlFor="area-building">Building (or “Grounds”)</label>
          <input
            id="area-building"
            value={area.building}
            onChange={(x) => setArea({ ...area, building: x.target.value })}
          />
          <label htmlFor="area-floor">Floor (0 for the ground floor)</label>
          <input
            id="area-floor"
            type="number"
            value={area.floor}
            onChange={(x) => setArea({ ...area, floor: Number(x.target.value) })}
          />
          <label htmlFor="area-kind">Kind of area</label>
          <select
            id="area-kind"
            value={area.kind}
            onChange={(x) => setArea({ ...area, kind: x.target.value as AreaKind })}
          >
            {areaKinds.map((k) => (
              <option key={k} value={k}>
                {areaKindLabels[k]}
              </option>
            ))}
          </select>
          <button type="submit">Add the area</button>
        </form>
      ) : null}
    </div>
  );
}

/** /schools/:schoolId/site-actions — open actions by risk, closing with evidence. */
export function SiteActionsPage() {
  const { schoolId = '' } = useParams();
  const client = useQueryClient();
  const actions = useSiteActions(schoolId);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => client.invalidateQueries({ queryKey: siteKeys.actions(schoolId) });
  const { hash } = useLocation();
  const loaded = actions.data !== undefined;
  // A mail's link names one action: bring it into view and to the keyboard once the list is in.
  useEffect(() => {
    if (!loaded || !hash.startsWith('#action-')) return;
    const card = document.getElementById(hash.slice(1));
    card?.scrollIntoView({ block: 'start' });
    card?.focus();
  }, [loaded, hash]);
  return (
    <div className="site-walk">
      <h1>Site actions</h1>
      <SiteNav schoolId={schoolId} />
      {actions.isPending ? <Loading what="the site actions" /> : null}
      {actions.error ? <ErrorMessage error={actions.error} /> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {actions.data?.actions.length === 0 ? <p>No site actions yet.</p> : null}
      <ul className="cards">
        {actions.data?.actions.map((a) => (
          <li
            key={a.id}
            id={`action-${a.id}`}
            tabIndex={-1}
            className={`card${a.overdue ? ' overdue' : ''}`}
          >
            <h2>{a.title}</h2>
            <p>
              {a.place.name} ({a.place.building}) · {riskBandLabels[a.band]} ·{' '}
              {actionStatusLabels[a.status]}
              {a.overdue ? ' · Overdue' : ''}
            </p>
            <p className="muted">
              Owner: {a.owner.name} · Target {formatDay(a.targetDate)}
            </p>
            {a.closureNote ? <p>Closed: {a.closureNote}</p> : null}
            {actions.data?.canManage && (a.status === 'open' || a.status === 'in_progress') ? (
              <ActionControls action={a} onDone={refresh} onError={setError} />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ActionControls({
  action,
  onDone,
  onError,
}: {
  action: { id: string; title: string; targetDate: string; status: string };
  onDone: () => void;
  onError: (e: unknown) => void;
}) {
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [target, setTarget] = useState(action.targetDate);
  const id = action.id;
  return (
    <div className="action-controls">
      <label htmlFor={`target-${id}`}>Target date</label>
      <input
        id={`target-${id}`}
        type="date"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      />
      <button
        type="button"
        onClick={async () => {
          try {
            await updateAction(id, { targetDate: target });
            onDone();
          } catch (e) {
            onError(e);
          }
        }}
      >
        Change the target date
      </button>
      <label htmlFor={`photo-${id}`}>Photo of the fix</label>
      <input
        id={`photo-${id}`}
        type="file"
        accept="image/*"
        capture="environment"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) setPhoto((await preparePhoto(f)).blob);
        }}
      />
      <label htmlFor={`note-${id}`}>What was done</label>
      <textarea id={`note-${id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button
        type="button"
        onClick={async () => {
          try {
            const photoId = crypto.randomUUID();
            if (photo) await putJpeg(`/api/site-actions/${id}/photos/${photoId}`, photo);
            await closeAction(id, { note, photoId });
            onDone();
          } catch (e) {
            onError(e);
          }
        }}
      >
        Close with this evidence
      </button>
    </div>
  );
}

/** /schools/:schoolId/site-safety — the school's site-safety dashboard. */
export function SiteDashboardPage() {
  const { schoolId = '' } = useParams();
  const d = useSiteDashboard(schoolId);
  if (d.isPending) return <Loading what="site safety" />;
  if (d.error) return <ErrorMessage error={d.error} />;
  const x = d.data;
  return (
    <div className="site-walk">
      <h1>Site safety, {x.school.name}</h1>
      <SiteNav schoolId={schoolId} />
      <p>
        <a href={`/api/schools/${schoolId}/site-report.pdf`}>Report for governors (PDF)</a> ·{' '}
        <a href={`/api/schools/${schoolId}/site-report.csv`}>Findings and actions (CSV)</a>
      </p>
      <h2>Open actions by risk and age</h2>
      <p>
        {x.openActions.total} open, {x.openActions.overdue} overdue.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Under a week</th>
            <th scope="col">1–4 weeks</th>
            <th scope="col">Over 4 weeks</th>
          </tr>
        </thead>
        <tbody>
          {x.openActions.byBandAndAge.map((b) => (
            <tr key={b.band}>
              <th scope="row">{riskBandLabels[b.band]}</th>
              <td>{b.underAWeek}</td>
              <td>{b.oneToFourWeeks}</td>
              <td>{b.overFourWeeks}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Findings needing attention, by category and month</h2>
      {x.findingsByCategory.length === 0 ? <p>None yet.</p> : null}
      <ul>
        {x.findingsByCategory.map((f) => (
          <li key={`${f.month}-${f.category}`}>
            {f.month}: {f.category}, {f.count}
          </li>
        ))}
      </ul>
      <h2>Inspections against the schedule</h2>
      {x.inspections.length === 0 ? <p>No recurring inspections are scheduled.</p> : null}
      <ul>
        {x.inspections.map((i) => (
          <li key={i.schedule}>
            {i.schedule}: {i.done} of {i.due} done so far
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /site-actions/:actionId — a mail's link: the action, on its school's list of site actions. */
export function SiteActionLinkPage() {
  const { actionId = '' } = useParams();
  const action = useSiteAction(actionId);
  if (action.isPending) return <Loading what="the site action" />;
  if (action.error) return <ErrorMessage error={action.error} />;
  const { schoolId, id } = action.data.action;
  return <Navigate to={`/schools/${schoolId}/site-actions#action-${id}`} replace />;
}

/**
 * /trust/site-safety — each school's site safety beside the others, for trust leaders: open and
 * overdue actions, critical ones, inspections done against the schedule. Places and schools only;
 * no one is named.
 */
export function TrustSiteDashboardPage() {
  const d = useTrustSiteDashboard();
  if (d.isPending) return <Loading what="site safety across the trust" />;
  if (d.error) return <ErrorMessage error={d.error} />;
  const schools = d.data.schools;
  return (
    <div className="site-walk">
      <h1>Site safety across the trust</h1>
      {schools.length === 0 ? (
        <p>No school has site walks yet.</p>
      ) : (
        <table>
          <caption>Site actions and inspections by school</caption>
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Open actions</th>
              <th scope="col">Overdue</th>
              <th scope="col">Critical</th>
              <th scope="col">Inspections done</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/schools/${s.id}/site-safety`}>{s.name}</Link>
                </th>
                <td>{s.openActions}</td>
                <td>{s.overdue}</td>
                <td>{s.critical}</td>
                <td>
                  {s.inspectionsDue === 0
                    ? 'None scheduled'
                    : `${s.inspectionsDone} of ${s.inspectionsDue}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** /site-walks/:walkId/checklist — the checklist to print, with the statement of next steps. */
export function ChecklistPage() {
  const { walkId = '' } = useParams();
  const c = useChecklist(walkId);
  if (c.isPending) return <Loading what="the checklist" />;
  if (c.error) return <ErrorMessage error={c.error} />;
  const x = c.data;
  return (
    <div className="site-walk checklist-print">
      <h1>
        Health-and-safety walk, {formatDay(x.walk.date)} {x.walk.windowStart}–{x.walk.windowEnd}
      </h1>
      <p>How the results will be used: {x.walk.howResultsUsed}</p>
      <p>
        {x.walk.namesRooms
          ? 'Feedback may name individual rooms. It never names a teacher.'
          : 'Feedback will not name individual rooms or teachers.'}
      </p>
      <button type="button" onClick={() => window.print()}>
        Print
      </button>
      {x.checklists.map((l) => (
        <section key={l.name} aria-label={l.name}>
          <h2>{l.name}</h2>
          {l.categories.map((cat) => (
            <div key={cat.name}>
              <h3>{cat.name}</h3>
              <ul>
                {cat.items.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** Recurring inspections: the list with inspections done so far, and a form to add one. */
function Schedules({ schoolId }: { schoolId: string }) {
  const client = useQueryClient();
  const schedules = useSchedules(schoolId);
  const estate = useEstate(schoolId);
  const [form, setForm] = useState({
    title: '',
    cadence: 'weekly' as (typeof cadences)[number],
    weekday: 1,
    windowStart: '08:00',
    windowEnd: '08:30',
    howResultsUsed: '',
    startsOn: '',
  });
  const [rooms, setRooms] = useState<string[]>([]);
  const [leadId, setLeadId] = useState('');
  const [checklistId, setChecklistId] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const e = estate.data;
  return (
    <section aria-labelledby="schedules">
      <h2 id="schedules">Recurring inspections</h2>
      {schedules.data?.schedules.length === 0 ? <p>None yet.</p> : null}
      <ul>
        {schedules.data?.schedules.map((s) => (
          <li key={s.id}>
            {s.title} ({cadenceLabels[s.cadence].toLowerCase()}): {s.done} of {s.due} done so far
            {s.next ? `; next ${formatDay(s.next)}` : ''}
          </li>
        ))}
      </ul>
      {e?.canEdit ? (
        <details>
          <summary>Add a recurring inspection</summary>
          {message ? <p role="status">{message}</p> : null}
          {error ? <ErrorMessage error={error} /> : null}
          <form
            onSubmit={async (x) => {
              x.preventDefault();
              setError(null);
              try {
                const r = await addSchedule(schoolId, {
                  ...form,
                  leadId: leadId || e.people.find((p) => p.siteManager)?.id,
                  checklistVersionId: checklistId || e.checklists[0]?.versionId,
                  roomIds: rooms,
                  namesRooms: false,
                });
                setMessage(`${r.walksCreated} walks were created in advance.`);
                await client.invalidateQueries({ queryKey: siteKeys.schedules(schoolId) });
                await client.invalidateQueries({ queryKey: siteKeys.walks(schoolId) });
              } catch (err) {
                setError(err);
              }
            }}
          >
            <label htmlFor="sch-title">Name</label>
            <input
              id="sch-title"
              value={form.title}
              onChange={(x) => setForm({ ...form, title: x.target.value })}
            />
            <label htmlFor="sch-cadence">How often</label>
            <select
              id="sch-cadence"
              value={form.cadence}
              onChange={(x) =>
                setForm({ ...form, cadence: x.target.value as (typeof cadences)[number] })
              }
            >
              {cadences.map((c) => (
                <option key={c} value={c}>
                  {cadenceLabels[c]}
                </option>
              ))}
            </select>
            <label htmlFor="sch-day">Day</label>
            <select
              id="sch-day"
              value={form.weekday}
              onChange={(x) => setForm({ ...form, weekday: Number(x.target.value) })}
            >
              {weekdays.map((d, i) => (
                <option key={d} value={i + 1}>
                  {d}
                </option>
              ))}
            </select>
            <label htmlFor="sch-start">From</label>
            <input
              id="sch-start"
              type="time"
              value={form.windowStart}
              onChange={(x) => setForm({ ...form, windowStart: x.target.value })}
            />
            <label htmlFor="sch-end">To</label>
            <input
              id="sch-end"
              type="time"
              value={form.windowEnd}
              onChange={(x) => setForm({ ...form, windowEnd: x.target.value })}
            />
            <label htmlFor="sch-from">Starting on</label>
            <input
              id="sch-from"
              type="date"
              value={form.startsOn}
              onChange={(x) => setForm({ ...form, startsOn: x.target.value })}
            />
            <label htmlFor="sch-lead">Lead</label>
            <select id="sch-lead" value={leadId} onChange={(x) => setLeadId(x.target.value)}>
              {e.people
                .filter((p) => p.siteManager)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
            <label htmlFor="sch-checklist">Checklist</label>
            <select
              id="sch-checklist"
              value={checklistId}
              onChange={(x) => setChecklistId(x.target.value)}
            >
              {e.checklists.map((c) => (
                <option key={c.versionId} value={c.versionId}>
                  {c.name}
                </option>
              ))}
            </select>
            <label htmlFor="sch-how">How the results will be used</label>
            <textarea
              id="sch-how"
              value={form.howResultsUsed}
              onChange={(x) => setForm({ ...form, howResultsUsed: x.target.value })}
            />
            <fieldset>
              <legend>Places</legend>
              {e.places.map((p) => (
                <label key={p.id}>
                  <input
                    type="checkbox"
                    checked={rooms.includes(p.id)}
                    onChange={() =>
                      setRooms((r) =>
                        r.includes(p.id) ? r.filter((x) => x !== p.id) : [...r, p.id],
                      )
                    }
                  />{' '}
                  {p.name} ({p.building})
                </label>
              ))}
            </fieldset>
            <button type="submit">Add the inspection</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
