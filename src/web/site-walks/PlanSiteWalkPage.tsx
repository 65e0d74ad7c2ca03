import './site-walks.css';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { areaKindLabels, specialistChecklistFor } from '../../domain/site-walks/areas.ts';
import { ApiFailure } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { planSiteWalk, useEstate } from './api.ts';

type PlacePlan = { specialistId: string; checklistVersionId: string };

/** /schools/:schoolId/site-walks/new — plan a site walk over places (phone-first). */
export function PlanSiteWalkPage() {
  const { schoolId = '' } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const estate = useEstate(schoolId);
  const [date, setDate] = useState('');
  const [windowStart, setStart] = useState('09:00');
  const [windowEnd, setEnd] = useState('10:00');
  const [leadId, setLead] = useState('');
  const [companionId, setCompanion] = useState('');
  const [checklist, setChecklist] = useState('');
  const [howResultsUsed, setHow] = useState('');
  const [namesRooms, setNamesRooms] = useState(false);
  const [chosen, setChosen] = useState<Record<string, PlacePlan>>({});
  const [guest, setGuest] = useState({ name: '', organisation: '' });
  const [error, setError] = useState<unknown>(null);

  if (estate.isPending) return <Loading what="the estate" />;
  if (estate.error) return <ErrorMessage error={estate.error} />;
  const e = estate.data;
  const managers = e.people.filter((p) => p.siteManager);
  const lead = leadId || managers.find((m) => m.id === me?.person.id)?.id || managers[0]?.id || '';
  const mainChecklist = checklist || e.checklists[0]?.versionId || '';
  const checklistNamed = (name: string) =>
    e.checklists.find((c) => c.name.toLowerCase().includes(name))?.versionId ?? '';

  const toggle = (roomId: string, kind: keyof typeof areaKindLabels) =>
    setChosen((c) => {
      if (c[roomId]) {
        const { [roomId]: _gone, ...rest } = c;
        return rest;
      }
      // Suggest the specialist checklist for the area's kind, when the trust has one.
      const suggested = specialistChecklistFor[kind];
      const versionId = suggested ? checklistNamed(suggested.split('-')[0]!) : '';
      return { ...c, [roomId]: { specialistId: '', checklistVersionId: versionId } };
    });

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    try {
      const created = await planSiteWalk(schoolId, {
        date,
        windowStart,
        windowEnd,
        leadId: lead,
        companionId: companionId || null,
        checklistVersionId: mainChecklist,
        howResultsUsed,
        namesRooms,
        places: e.places
          .filter((p) => chosen[p.id])
          .map((p) => ({
            roomId: p.id,
            specialistId: chosen[p.id]!.specialistId || null,
            ...(chosen[p.id]!.checklistVersionId
              ? { checklistVersionId: chosen[p.id]!.checklistVersionId }
              : {}),
          })),
        guests: guest.name ? [guest] : [],
      });
      navigate(`/site-walks/${created.siteWalk.id}`);
    } catch (err) {
      setError(err);
    }
  };

  const buildings = [...new Set(e.places.map((p) => p.building))];
  return (
    <form className="site-walk plan" onSubmit={submit} noValidate>
      <p>
        <Link to={`/schools/${schoolId}/site-walks`}>Site walks</Link>
      </p>
      <h1>Plan a site walk</h1>
      <p className="lede">
        Walk places, not lessons. At most two people may be in a place at any time, counting a guest
        and a specialist.
      </p>
      {error ? (
        <div role="alert" className="error">
          {error instanceof ApiFailure ? error.message : 'The walk could not be planned.'}
        </div>
      ) : null}
      <label htmlFor="sw-date">Date</label>
      <input
        id="sw-date"
        type="date"
        value={date}
        onChange={(x) => setDate(x.target.value)}
        required
      />
      <div className="pair">
        <div>
          <label htmlFor="sw-start">From</label>
          <input
            id="sw-start"
            type="time"
            value={windowStart}
            onChange={(x) => setStart(x.target.value)}
          />
        </div>
        <div>
          <label htmlFor="sw-end">To</label>
          <input
            id="sw-end"
            type="time"
            value={windowEnd}
            onChange={(x) => setEnd(x.target.value)}
          />
        </div>
      </div>
      <label htmlFor="sw-lead">Lead (business or site manager)</label>
      <select id="sw-lead" value={lead} onChange={(x) => setLead(x.target.value)}>
        {managers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor="sw-companion">Walking with (optional)</label>
      <select id="sw-companion" value={companionId} onChange={(x) => setCompanion(x.target.value)}>
        <option value="">Nobody</option>
        {e.people
          .filter((p) => p.id !== lead)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
      <label htmlFor="sw-checklist">Checklist</label>
      <select
        id="sw-checklist"
        value={mainChecklist}
        onChange={(x) => setChecklist(x.target.value)}
      >
        {e.checklists.map((c) => (
          <option key={c.versionId} value={c.versionId}>
            {c.name}
          </option>
        ))}
      </select>
      <label htmlFor="sw-how">How the results will be used</label>
      <textarea id="sw-how" value={howResultsUsed} onChange={(x) => setHow(x.target.value)} />
      <label className="check">
        <input
          type="checkbox"
          checked={namesRooms}
          onChange={(x) => setNamesRooms(x.target.checked)}
        />{' '}
        Feedback may name individual rooms (teachers are never named)
      </label>
      <fieldset>
        <legend>Places</legend>
        {buildings.map((b) => (
          <div key={b}>
            <h2>{b}</h2>
            {e.places
              .filter((p) => p.building === b)
              .map((p) => (
                <div key={p.id} className="place-choice">
                  <label>
                    <input
                      type="checkbox"
                      checked={Boolean(chosen[p.id])}
                      onChange={() => toggle(p.id, p.kind)}
                    />{' '}
                    {p.name}{' '}
                    <span className="muted">
                      ({areaKindLabels[p.kind]}, floor {p.floor})
                    </span>
                  </label>
                  {chosen[p.id] ? (
                    <div className="place-options">
                      <label htmlFor={`spec-${p.id}`}>Specialist for {p.name} (optional)</label>
                      <select
                        id={`spec-${p.id}`}
                        value={chosen[p.id]!.specialistId}
                        onChange={(x) =>
                          setChosen((c) => ({
                            ...c,
                            [p.id]: { ...c[p.id]!, specialistId: x.target.value },
                          }))
                        }
                      >
                        <option value="">None</option>
                        {e.people.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`cl-${p.id}`}>Checklist for {p.name}</label>
                      <select
                        id={`cl-${p.id}`}
                        value={chosen[p.id]!.checklistVersionId}
                        onChange={(x) =>
                          setChosen((c) => ({
                            ...c,
                            [p.id]: { ...c[p.id]!, checklistVersionId: x.target.value },
                          }))
                        }
                      >
                        <option value="">The walk’s checklist</option>
                        {e.checklists.map((c) => (
                          <option key={c.versionId} value={c.versionId}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                </div>
              ))}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>A guest without an account (optional)</legend>
        <label htmlFor="sw-guest">Name</label>
        <input
          id="sw-guest"
          value={guest.name}
          onChange={(x) => setGuest({ ...guest, name: x.target.value })}
        />
        <label htmlFor="sw-guest-org">Organisation (fire service, local authority, insurer)</label>
        <input
          id="sw-guest-org"
          value={guest.organisation}
          onChange={(x) => setGuest({ ...guest, organisation: x.target.value })}
        />
      </fieldset>
      <button type="submit">Plan the walk</button>
    </form>
  );
}
