import '../responses/after.css';
import { Link, useParams } from 'react-router';
import type { DebriefDetail } from '../../contracts/debriefs.ts';
import type { DebriefPack } from '../../domain/debrief/pack.ts';
import { formatDay } from '../lib/format.ts';
import { ProposeExample } from '../practice/ProposeExample.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useDebrief } from './api.ts';
import { RecordForm, SummaryForm } from './DebriefForms.tsx';
import { PackView } from './PackView.tsx';

/** /debriefs/:debriefId — the pack, and (for leaders) the record of the debrief and its summary. */
export function DebriefPage() {
  const { debriefId = '' } = useParams();
  const data = useDebrief(debriefId);
  if (data.isPending) return <Loading what="the debrief" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  const d = data.data;
  const pack = d.pack as unknown as DebriefPack;
  return (
    <>
      <h1>{d.debrief.title}</h1>
      <p className="lede">
        <strong>{pack.focus.title}</strong>: {pack.focus.purpose}
      </p>
      <p>
        <Link to={`/schools/${d.debrief.schoolId}/actions`}>Actions board</Link> ·{' '}
        <Link to={`/schools/${d.debrief.schoolId}/debriefs`}>All debriefs</Link>
      </p>
      <section aria-labelledby="pack">
        <h2 id="pack">Debrief pack</h2>
        {d.earlier ? (
          <div className="side-by-side">
            <PackView
              pack={d.earlier.pack as unknown as DebriefPack}
              heading={`Before: ${d.earlier.title}`}
            />
            <PackView pack={pack} heading="Now: this follow-up walk" />
          </div>
        ) : (
          <PackView pack={pack} heading="What we saw" />
        )}
        {d.earlier ? (
          <p className="muted">This walk follows up the action “{d.earlier.actionTitle}”.</p>
        ) : null}
        <h3>For the conversation</h3>
        <ul>
          {pack.discussionPrompts.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
      {d.canEdit ? <RecordForm detail={d} /> : <Outcomes detail={d} />}
      {d.nextSteps.some((s) => s.actions.length > 0) ? (
        <section aria-labelledby="actions">
          <h2 id="actions">Actions from this debrief</h2>
          <ul>
            {d.nextSteps.flatMap((s) =>
              s.actions.map((a) => (
                <li key={a.id}>
                  {a.title} — {a.ownerName}, due {formatDay(a.dueOn)} ({a.priorityTitle})
                  {a.followUpWalkId ? (
                    <>
                      {' '}
                      · <Link to={`/walks/${a.followUpWalkId}`}>follow-up walk</Link>
                    </>
                  ) : null}
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
      {d.canEdit ? <SummaryForm detail={d} /> : null}
      {d.canEdit ? <ProposeExample detail={d} /> : null}
    </>
  );
}

function Outcomes({ detail }: { detail: DebriefDetail }) {
  const d = detail.debrief;
  return (
    <section aria-labelledby="outcomes">
      <h2 id="outcomes">What the debrief agreed</h2>
      <h3>Strengths to share and celebrate</h3>
      <ul>
        {d.strengths.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Areas to develop</h3>
      <ul>
        {d.areasToDevelop.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Agreed next steps</h3>
      <ol>
        {detail.nextSteps.map((s) => (
          <li key={s.id}>{s.text}</li>
        ))}
      </ol>
    </section>
  );
}
