import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { VisitingWalkDto } from '../../contracts/observers.ts';
import { FormError } from '../ui/Field.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  decideWalk,
  observerKeys,
  proposeWalk,
  useHostSchools,
  useNetworks,
  useVisitingWalks,
} from './api.ts';

/**
 * /walks-across-schools (issue 15): a trust leader or a network's lead proposes a walk in another
 * school; the host school's head agrees or declines with a reason before it can be published.
 * Visiting observers see only their walk in the host school.
 */
export function VisitingWalksPage() {
  const walks = useVisitingWalks();
  const networks = useNetworks();
  const hosts = useHostSchools(true);
  return (
    <>
      <h1>Walks across schools</h1>
      <p className="lede">
        Observers from one school visit another: a network (such as the maths network) or the trust
        proposes the walk, the host school’s head agrees or declines, and the host school’s own
        rules (notice, caps, programme) apply. Visitors see only that walk and their own records.
      </p>
      {hosts.data ? (
        <ProposeForm hosts={hosts.data.schools} networks={networks.data?.networks ?? []} />
      ) : null}
      <section aria-labelledby="visiting-list">
        <h2 id="visiting-list">Walks you have a part in</h2>
        {walks.isPending ? <Loading what="the walks" /> : null}
        {walks.error ? <ErrorMessage error={walks.error} /> : null}
        {walks.data?.walks.length === 0 ? <p>None yet.</p> : null}
        <ul className="cards">
          {walks.data?.walks.map((w) => (
            <li key={w.walkId} className="card">
              <VisitingWalk w={w} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const statusText = {
  proposed: 'Waiting for the host school',
  agreed: 'Agreed',
  declined: 'Declined',
};

function VisitingWalk({ w }: { w: VisitingWalkDto }) {
  return (
    <article aria-label={`Walk in ${w.hostSchoolName} on ${w.date}`}>
      <h3>
        {w.hostSchoolName}, {w.date}, {w.windowStart}–{w.windowEnd}
      </h3>
      <p>
        <strong>{statusText[w.status]}</strong>
        {w.calibration ? ' · calibration walk' : ''}
        {w.networkName ? ` · ${w.networkName}` : ''}
        {w.proposedByName ? ` · proposed by ${w.proposedByName}` : ''}
      </p>
      <p>
        {w.focusTitle}: {w.purpose}
      </p>
      <p className="muted">
        Visiting:{' '}
        {w.observers.map((o) => `${o.fullName} (${o.homeSchoolName ?? 'the trust'})`).join(', ')}
      </p>
      {w.declineReason ? <p>Reason: {w.declineReason}</p> : null}
      {w.canDecide ? <Decide walkId={w.walkId} /> : null}
      {w.status === 'agreed' && !w.canDecide && !w.iVisit ? null : null}
      {w.status === 'agreed' && w.iVisit && w.walkStatus === 'published' ? (
        <Link to={`/capture/walks/${w.walkId}`} className="button">
          Open for capture
        </Link>
      ) : null}
      {w.status === 'agreed' && !w.iVisit && w.walkStatus === 'draft' ? (
        <Link to={`/walks/${w.walkId}`}>Plan the route and publish</Link>
      ) : null}
    </article>
  );
}

function Decide({ walkId }: { walkId: string }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (agree: boolean) =>
      decideWalk(walkId, { agree, reason: agree ? undefined : reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: observerKeys.visiting }),
  });
  return (
    <div>
      <div className="walk-actions">
        <button type="button" className="button" onClick={() => decide.mutate(true)}>
          Agree to this walk
        </button>
      </div>
      <label htmlFor={`reason-${walkId}`}>Reason, if declining</label>
      <input
        id={`reason-${walkId}`}
        value={reason}
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" className="button secondary" onClick={() => decide.mutate(false)}>
        Decline
      </button>
      {decide.error ? <ErrorMessage error={decide.error} /> : null}
    </div>
  );
}

function ProposeForm({
  hosts,
  networks,
}: {
  hosts: { id: string; name: string; foci: { id: string; title: string }[] }[];
  networks: {
    id: string;
    name: string;
    iLead: boolean;
    members: { personId: string; fullName: string; schoolNames: string[] }[];
  }[];
}) {
  const client = useQueryClient();
  const led = networks.filter((n) => n.iLead);
  const [networkId, setNetworkId] = useState(led[0]?.id ?? '');
  const [hostId, setHostId] = useState('');
  const [focusId, setFocusId] = useState('');
  const [date, setDate] = useState('');
  const [windowStart, setStart] = useState('09:00');
  const [windowEnd, setEnd] = useState('12:00');
  const [purpose, setPurpose] = useState('');
  const [calibration, setCalibration] = useState(false);
  const [observerIds, setObservers] = useState<string[]>([]);
  const network = networks.find((n) => n.id === networkId);
  const host = hosts.find((h) => h.id === hostId);
  const propose = useMutation({
    mutationFn: () =>
      proposeWalk({
        hostSchoolId: hostId,
        networkId: networkId || null,
        calibration,
        date,
        windowStart,
        windowEnd,
        focusId,
        purpose: purpose || undefined,
        observerIds,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: observerKeys.visiting }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate();
  };
  const candidates = network?.members ?? [];
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose a walk in another school</h2>
      <form onSubmit={submit} className="stack">
        <label htmlFor="v-network">On behalf of</label>
        <select id="v-network" value={networkId} onChange={(e) => setNetworkId(e.target.value)}>
          <option value="">The trust</option>
          {networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
        <label htmlFor="v-host">Host school</label>
        <select id="v-host" value={hostId} onChange={(e) => setHostId(e.target.value)} required>
          <option value="">Choose a school</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
        <label htmlFor="v-focus">Focus (one of the host school’s)</label>
        <select id="v-focus" value={focusId} onChange={(e) => setFocusId(e.target.value)} required>
          <option value="">Choose a focus</option>
          {host?.foci.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
        <label htmlFor="v-date">Date</label>
        <input
          id="v-date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
        />
        <label htmlFor="v-start">From</label>
        <input
          id="v-start"
          type="time"
          value={windowStart}
          onChange={(e) => setStart(e.target.value)}
        />
        <label htmlFor="v-end">Until</label>
        <input id="v-end" type="time" value={windowEnd} onChange={(e) => setEnd(e.target.value)} />
        <label htmlFor="v-purpose">Purpose</label>
        <textarea
          id="v-purpose"
          rows={2}
          value={purpose}
          maxLength={2000}
          onChange={(e) => setPurpose(e.target.value)}
        />
        {candidates.length ? (
          <fieldset>
            <legend>Visiting observers (at most two)</legend>
            {candidates.map((m) => (
              <label key={m.personId} className="choice">
                <input
                  type="checkbox"
                  checked={observerIds.includes(m.personId)}
                  onChange={(e) =>
                    setObservers(
                      e.target.checked
                        ? [...observerIds, m.personId]
                        : observerIds.filter((id) => id !== m.personId),
                    )
                  }
                />{' '}
                {m.fullName} ({m.schoolNames.join(', ') || 'the trust'})
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="muted">Choose a network to pick its members as observers.</p>
        )}
        <label className="choice">
          <input
            type="checkbox"
            checked={calibration}
            onChange={(e) => setCalibration(e.target.checked)}
          />{' '}
          A calibration walk: two observers from different schools record the same rooms
        </label>
        <button type="submit" className="button">
          Propose the walk
        </button>
        <FormError
          error={propose.error}
          fields={['hostSchoolId', 'focusId', 'observerIds', 'date']}
        />
        {propose.data ? (
          <p role="status">Proposed. {propose.data.hostSchoolName}’s head will agree or decline.</p>
        ) : null}
      </form>
    </section>
  );
}
