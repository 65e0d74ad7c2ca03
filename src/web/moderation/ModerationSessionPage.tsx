import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { SessionDetail } from '../../contracts/moderation.ts';
import { answerText, percent } from '../observers/answers.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { AgreedReadings } from './AgreedReadings.tsx';
import { makeGuidance, moderationKeys, revealReadings, useSession } from './api.ts';
import { SceneReading } from './SceneReading.tsx';

/** /moderation/:sessionId — one moderation session. */
export function ModerationSessionPage() {
  const { sessionId = '' } = useParams();
  const session = useSession(sessionId);
  if (session.isPending) return <Loading what="the session" />;
  if (session.error) return <ErrorMessage error={session.error} />;
  const s = session.data;
  return (
    <>
      <p>
        <Link to="/moderation">Moderation sessions</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="lede">
        {s.heldOn} · {s.frameworkName}, version {s.versionNo} · {s.schoolName ?? 'Across the trust'}{' '}
        · facilitated by {s.facilitatorName}. Taking part: {s.participantNames.join(', ')}.
      </p>
      <p className="muted">
        Readings describe how we record, never a teacher. Nobody sees another person’s reading; once
        everyone has handed in (or the facilitator shows them), the session sees how many read each
        look-for each way.
      </p>
      {s.canFacilitate && !s.revealed && s.scenes.length > 0 ? <Reveal session={s} /> : null}
      {s.scenes.length > 0 ? (
        <section aria-labelledby="scenes-heading">
          <h2 id="scenes-heading">Practice scenes</h2>
          {s.scenes.map((scene) => (
            <SceneReading key={scene.id} session={s} scene={scene} />
          ))}
        </section>
      ) : null}
      {s.pairs.length > 0 ? <Pairs session={s} /> : null}
      <AgreedReadings session={s} />
      {s.canMakeGuidance ? <MakeGuidance session={s} /> : null}
    </>
  );
}

function Reveal({ session }: { session: SessionDetail }) {
  const client = useQueryClient();
  const reveal = useMutation({
    mutationFn: () => revealReadings(session.id),
    onSuccess: (d) => client.setQueryData(moderationKeys.session(session.id), d),
  });
  return (
    <p>
      <button type="button" className="button" onClick={() => reveal.mutate()}>
        Show the readings now
      </button>
      {reveal.error ? <ErrorMessage error={reveal.error} /> : null}
    </p>
  );
}

function Pairs({ session }: { session: SessionDetail }) {
  return (
    <section aria-labelledby="pairs-heading">
      <h2 id="pairs-heading">Paired records from real walks</h2>
      <p className="muted">
        Two observers recorded the same room. Only their judgements are shown: no names, notes,
        room, school or date.
      </p>
      {session.pairs.map((p) => (
        <table key={p.label}>
          <caption>{p.label}</caption>
          <thead>
            <tr>
              <th scope="col">Look-for</th>
              <th scope="col">Observer A</th>
              <th scope="col">Observer B</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr key={r.lookForId}>
                <th scope="row">{r.prompt}</th>
                <td>{answerText(r.a)}</td>
                <td>{answerText(r.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <ul>
        {session.pairFigures.map((f) => (
          <li key={f.lookForId}>
            {session.lookFors.find((l) => l.id === f.lookForId)?.prompt}:{' '}
            {f.figure.suppressed
              ? `agreement hidden (fewer than ${session.k} visited teachers)`
              : `${percent(f.figure.percentAgreement)} agreement, n = ${f.figure.n}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MakeGuidance({ session }: { session: SessionDetail }) {
  const client = useQueryClient();
  const make = useMutation({
    mutationFn: () => makeGuidance(session.id),
    onSuccess: () => client.invalidateQueries({ queryKey: moderationKeys.session(session.id) }),
  });
  const made = session.guidanceVersion;
  return (
    <section aria-labelledby="guidance-heading">
      <h2 id="guidance-heading">Make the agreed readings guidance</h2>
      {made ? (
        <p role="status">
          The agreed readings are the guidance of{' '}
          <Link to={`/frameworks/${made.frameworkId}/versions/${made.versionNo}`}>
            draft version {made.versionNo}
          </Link>
          . Each look-for continues the one the session read; publish the draft when it is ready.
        </p>
      ) : (
        <>
          <p>
            This starts a new draft version of {session.frameworkName}: each look-for carries on
            from this version, with the agreed reading as its guidance.
          </p>
          {make.error ? <ErrorMessage error={make.error} /> : null}
          <button type="button" className="button" onClick={() => make.mutate()}>
            Make a new draft version with this guidance
          </button>
        </>
      )}
    </section>
  );
}
