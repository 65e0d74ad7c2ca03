import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SessionList } from '../../contracts/moderation.ts';
import { PeoplePicker } from '../ui/PeoplePicker.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { createSession, moderationKeys, useSessions } from './api.ts';

/** /moderation — the moderation sessions I run or take part in, and a new one. */
export function ModerationPage() {
  const sessions = useSessions();
  return (
    <>
      <h1>Moderation sessions</h1>
      <p className="lede">
        Observers record the same practice scenes, or look at the same anonymised pairs of records,
        together, and agree how each look-for reads. The agreed reading can become the look-for’s
        guidance. Each person’s reading is theirs: the session sees only how many read it each way.
      </p>
      {sessions.isPending ? <Loading what="moderation sessions" /> : null}
      {sessions.error ? <ErrorMessage error={sessions.error} /> : null}
      {sessions.data ? (
        <>
          {sessions.data.sessions.length === 0 ? <p>No moderation sessions yet.</p> : null}
          <ul className="cards">
            {sessions.data.sessions.map((s) => (
              <li key={s.id} className="card">
                <h2>
                  <Link to={`/moderation/${s.id}`}>{s.title}</Link>
                </h2>
                <p className="muted">
                  {s.heldOn} · {s.frameworkName}, version {s.versionNo} · {s.schoolName ?? 'Trust'}{' '}
                  · facilitated by {s.facilitatorName}
                </p>
              </li>
            ))}
          </ul>
          {sessions.data.canRun ? <NewSession list={sessions.data} /> : null}
        </>
      ) : null}
    </>
  );
}

function NewSession({ list }: { list: SessionList }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [schoolId, setSchoolId] = useState(list.trustWide ? '' : (list.schools[0]?.id ?? ''));
  const [versionId, setVersionId] = useState(list.versions[0]?.id ?? '');
  const [sceneIds, setSceneIds] = useState<string[]>([]);
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  const [pairCount, setPairCount] = useState(0);
  const version = list.versions.find((v) => v.id === versionId);
  const make = useMutation({
    mutationFn: () =>
      createSession({
        title,
        heldOn,
        versionId,
        schoolId: schoolId || null,
        participantIds,
        sceneIds,
        pairCount,
      }),
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: moderationKeys.list });
      navigate(`/moderation/${id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    make.mutate();
  };
  return (
    <section aria-labelledby="new-session">
      <h2 id="new-session">Run a session</h2>
      <form onSubmit={submit}>
        <label htmlFor="session-title">Title</label>
        <input
          id="session-title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor="session-date">Date</label>
        <input
          id="session-date"
          type="date"
          value={heldOn}
          onChange={(e) => setHeldOn(e.target.value)}
        />
        <label htmlFor="session-school">Where</label>
        <select id="session-school" value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
          {list.trustWide ? <option value="">Across the trust</option> : null}
          {list.schools.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label htmlFor="session-version">Framework version</label>
        <select
          id="session-version"
          value={versionId}
          onChange={(e) => {
            setVersionId(e.target.value);
            setSceneIds([]);
          }}
        >
          {list.versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.frameworkName}, version {v.versionNo}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Practice scenes to record together</legend>
          {version?.scenes.length ? null : (
            <p className="muted">This version has no practice scenes yet.</p>
          )}
          {version?.scenes.map((s) => (
            <label key={s.id} className="checkbox">
              <input
                type="checkbox"
                checked={sceneIds.includes(s.id)}
                onChange={(e) =>
                  setSceneIds(
                    e.target.checked ? [...sceneIds, s.id] : sceneIds.filter((x) => x !== s.id),
                  )
                }
              />
              {s.title}
            </label>
          ))}
        </fieldset>
        <label htmlFor="session-pairs">Anonymised paired records from real walks to review</label>
        <input
          id="session-pairs"
          type="number"
          min={0}
          max={10}
          value={pairCount}
          onChange={(e) => setPairCount(Number(e.target.value) || 0)}
        />
        <PeoplePicker
          legend="Participants"
          people={list.people.map((p) => ({ ...p, roles: ['observer'] }))}
          chosen={participantIds}
          onChange={setParticipantIds}
        />
        {make.error ? <ErrorMessage error={make.error} /> : null}
        <button type="submit" className="button">
          Set up the session
        </button>
      </form>
    </section>
  );
}
