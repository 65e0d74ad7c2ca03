import type { AgreementFigure } from '../../contracts/observers.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { answerText, percent, twoDp } from './answers.ts';
import { useMyAgreement, useTrustAgreement } from './api.ts';

/**
 * /agreement — calibration on real walks (issue 15). Trust leaders see agreement per look-for
 * and per school (hidden under k visited teachers), never per observer; everyone sees their own
 * pairs, privately, once both records are handed in.
 */
export function AgreementPage() {
  const { me } = useSession();
  const leader = Boolean(
    me?.memberships.some((m) => m.role === 'trust_admin' || m.role === 'trust_leader'),
  );
  return (
    <>
      <h1>Observer agreement</h1>
      <p className="lede">
        When two observers visit the same room they record independently. How often they agree shows
        whether the look-fors are clear: it describes recording, never teaching.
      </p>
      {leader ? <TrustAgreement /> : null}
      <MyAgreement />
    </>
  );
}

function Figure({ f, prevalence }: { f: AgreementFigure; prevalence: boolean }) {
  if (f.suppressed) return <td colSpan={4}>Hidden: fewer than the minimum group of teachers</td>;
  return (
    <>
      <td>{f.n}</td>
      <td>
        {percent(f.percentAgreement)}{' '}
        <span className="muted">
          ({percent(f.percentLower)}–{percent(f.percentUpper)})
        </span>
      </td>
      <td>
        {twoDp(f.seen?.kappa)}{' '}
        <span className="muted">
          ({twoDp(f.seen?.lower)} to {twoDp(f.seen?.upper)})
        </span>
      </td>
      <td>
        {prevalence ? (
          <>
            {twoDp(f.weighted?.kappa)}{' '}
            <span className="muted">
              ({twoDp(f.weighted?.lower)} to {twoDp(f.weighted?.upper)})
            </span>
          </>
        ) : (
          '–'
        )}
        {f.needsClearerGuidance ? <strong className="flag"> Needs clearer guidance</strong> : null}
      </td>
    </>
  );
}

const head = (
  <tr>
    <th scope="col">Look-for</th>
    <th scope="col">n (pairs)</th>
    <th scope="col">Agreement (95% interval)</th>
    <th scope="col">Kappa, seen / not seen</th>
    <th scope="col">Weighted kappa, prevalence</th>
  </tr>
);

function TrustAgreement() {
  const data = useTrustAgreement(true);
  if (data.isPending) return <Loading what="the trust’s agreement" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  return (
    <section aria-labelledby="trust-agreement">
      <h2 id="trust-agreement">Across the trust</h2>
      <p className="muted">
        Pairs of handed-in records of the same room. Figures resting on fewer than {data.data.k}{' '}
        visited teachers are hidden. Kappa corrects agreement for chance (Cohen’s kappa; weighted
        kappa counts a near miss on the prevalence scale as part agreement).
      </p>
      {data.data.lookFors.length === 0 ? (
        <p>No room has been recorded by two observers yet.</p>
      ) : (
        <TableScroll label="Agreement per look-for, scrolls sideways">
          <table>
            <caption className="visually-hidden">Agreement per look-for across the trust</caption>
            <thead>{head}</thead>
            <tbody>
              {data.data.lookFors.map((f) => (
                <tr key={f.lookForId}>
                  <th scope="row">
                    {f.prompt}
                    <br />
                    <span className="muted">
                      {f.frameworkName}, version {f.versionNo}
                    </span>
                  </th>
                  <Figure f={f.overall} prevalence={f.answerKind === 'prevalence'} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data.data.lookFors.map((f) => (
        <details key={f.lookForId}>
          <summary>By school: {f.prompt}</summary>
          <TableScroll label={`Agreement by school: ${f.prompt}`}>
            <table>
              <thead>{head}</thead>
              <tbody>
                {f.schools.map((s) => (
                  <tr key={s.schoolId}>
                    <th scope="row">{s.schoolName}</th>
                    <Figure f={s.figure} prevalence={f.answerKind === 'prevalence'} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ))}
    </section>
  );
}

function MyAgreement() {
  const data = useMyAgreement();
  if (data.isPending) return <Loading what="your agreement" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  return (
    <section aria-labelledby="my-agreement">
      <h2 id="my-agreement">Your own agreement (only you see this)</h2>
      {data.data.pairs.length === 0 ? (
        <p>You have not yet recorded a room that another observer also recorded.</p>
      ) : null}
      {data.data.pairs.map((p) => (
        <article key={p.visitId} className="card">
          <h3>
            {p.room}, {p.schoolName}, {p.date} — with {p.partnerName}
          </h3>
          {p.state !== 'both_in' ? (
            <p>
              {p.state === 'waiting_for_me'
                ? 'Hand in your record to compare.'
                : `Waiting for ${p.partnerName} to hand in. Neither of you sees the other’s record until both are in.`}
            </p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Look-for</th>
                  <th scope="col">You</th>
                  <th scope="col">{p.partnerName}</th>
                </tr>
              </thead>
              <tbody>
                {p.answers.map((a) => (
                  <tr key={a.lookForId}>
                    <th scope="row">{a.prompt}</th>
                    <td>{answerText(a.mine)}</td>
                    <td>{answerText(a.partner)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
      {data.data.lookFors.length ? (
        <table>
          <caption>Your agreement per look-for</caption>
          <thead>{head}</thead>
          <tbody>
            {data.data.lookFors.map((f) => (
              <tr key={f.lookForId}>
                <th scope="row">{f.prompt}</th>
                <Figure f={f.figure} prevalence={f.figure.weighted !== null} />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
