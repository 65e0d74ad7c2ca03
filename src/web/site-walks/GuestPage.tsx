import './site-walks.css';
import { useEffect, useState } from 'react';
import { findingOutcomeLabels, findingOutcomes } from '../../domain/site-walks/actions.ts';
import { riskScale } from '../../domain/site-walks/risk.ts';

type GuestWalk = {
  guest: { name: string; organisation: string };
  walk: {
    id: string;
    date: string;
    windowStart: string;
    windowEnd: string;
    howResultsUsed: string;
  };
  places: { id: string; name: string; building: string; items: { id: string; prompt: string }[] }[];
  findings: { id: string; placeId: string; itemId: string; outcome: string }[];
};

const TOKEN = 'site-guest-token';

async function guestFetch(path: string, init: RequestInit = {}) {
  const token = localStorage.getItem(TOKEN);
  const response = await fetch(path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      accept: 'application/json',
      ...(token ? { authorization: `Guest ${token}` } : {}),
    },
  });
  const data = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
  if (!response.ok)
    throw new Error(data?.error?.message ?? `The server answered ${response.status}.`);
  return data;
}

/**
 * /site-guest — a named guest on a site walk (a fire or local-authority officer) records findings
 * for that walk only, with no account: the single-use link opens once on this device.
 */
export function GuestPage() {
  const [walk, setWalk] = useState<GuestWalk | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      try {
        const code = window.location.hash.slice(1);
        if (code) {
          const opened = (await guestFetch('/api/site-guest/open', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ link: code }),
          })) as { token: string };
          localStorage.setItem(TOKEN, opened.token);
          history.replaceState(null, '', window.location.pathname);
        }
        setWalk((await guestFetch('/api/site-guest/walk')) as GuestWalk);
      } catch (e) {
        setError(e instanceof Error ? e.message : 'This link does not work.');
      }
    })();
  }, []);

  if (error)
    return (
      <main className="site-walk">
        <h1>Site walk</h1>
        <div role="alert" className="error">
          {error}
        </div>
      </main>
    );
  if (!walk) return <p role="status">Opening the walk…</p>;

  const record = async (placeId: string, itemId: string, form: FormData) => {
    const outcome = String(form.get('outcome') ?? '');
    const needs = outcome === 'needs_attention';
    try {
      await guestFetch(`/api/site-guest/findings/${crypto.randomUUID()}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          walkId: walk.walk.id,
          placeId,
          itemId,
          outcome,
          likelihood: needs ? Number(form.get('likelihood')) : null,
          severity: needs ? Number(form.get('severity')) : null,
          notes: String(form.get('notes') ?? ''),
        }),
      });
      setSaved('The finding was recorded.');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The finding was not recorded.');
    }
  };

  return (
    <main className="site-walk">
      <h1>
        Site walk, {walk.walk.date} {walk.walk.windowStart}–{walk.walk.windowEnd}
      </h1>
      <p>
        Welcome, {walk.guest.name}. You can record findings for this walk only.{' '}
        {walk.walk.howResultsUsed}
      </p>
      {saved ? <p role="status">{saved}</p> : null}
      {walk.places.map((p) => (
        <section key={p.id} aria-labelledby={`g-${p.id}`}>
          <h2 id={`g-${p.id}`}>
            {p.name} ({p.building})
          </h2>
          {p.items.map((i) => (
            <form
              key={i.id}
              onSubmit={(e) => {
                e.preventDefault();
                void record(p.id, i.id, new FormData(e.currentTarget));
              }}
            >
              <fieldset className="item">
                <legend>{i.prompt}</legend>
                {findingOutcomes.map((o) => (
                  <label key={o}>
                    <input type="radio" name="outcome" value={o} required />{' '}
                    {findingOutcomeLabels[o]}
                  </label>
                ))}
                <label htmlFor={`gl-${p.id}-${i.id}`}>Likelihood (if it needs attention)</label>
                <select id={`gl-${p.id}-${i.id}`} name="likelihood" defaultValue="3">
                  {riskScale.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
                <label htmlFor={`gs-${p.id}-${i.id}`}>Severity (if it needs attention)</label>
                <select id={`gs-${p.id}-${i.id}`} name="severity" defaultValue="3">
                  {riskScale.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
                <label htmlFor={`gn-${p.id}-${i.id}`}>Notes</label>
                <textarea id={`gn-${p.id}-${i.id}`} name="notes" />
                <button type="submit">Record</button>
              </fieldset>
            </form>
          ))}
        </section>
      ))}
    </main>
  );
}
