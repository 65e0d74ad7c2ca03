import './after.css';
import { useParams } from 'react-router';
import type { VisitRecords } from '../../contracts/responses.ts';
import { formatDay, formatInstant } from '../lib/format.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { responseKeys, useVisitRecords } from './api.ts';
import { RecordBody } from './RecordBody.tsx';
import { CoachShare, Reflection } from './Reflection.tsx';
import { FlagItem, RespondForms } from './RespondForms.tsx';

const viewerLines: Record<VisitRecords['viewer'], string> = {
  teacher: 'These are the records of a visit to your class. Nobody is graded.',
  coach: 'Your colleague chose to share this visit with you as their coach.',
  leader: 'You are reading as a school leader. The teacher’s reflection is private to them.',
  observer: 'Your own record of this visit, with the teacher’s responses.',
};

/** /visits/:visitId/records — a visit's records, responses, flags, reflection and coach sharing. */
export function VisitRecordsPage() {
  const { visitId = '' } = useParams();
  const key = responseKeys.visit(visitId);
  const data = useVisitRecords(visitId);
  if (data.isPending) return <Loading what="the records" />;
  if (data.error) return <ErrorMessage error={data.error} />;
  const v = data.data;
  const prompt = (id: string) => v.lookFors.find((f) => f.id === id);
  return (
    <>
      <h1>
        {v.visit.classCode}, {formatDay(v.visit.date)}
      </h1>
      <p className="lede">
        <strong>{v.visit.focusTitle}</strong>: {v.visit.purpose}
      </p>
      <p className="muted">{viewerLines[v.viewer]}</p>
      {v.viewer === 'teacher' ? (
        <p>
          {v.window.open && v.window.closesOn
            ? `You can respond or flag a factual error until ${formatDay(v.window.closesOn)} (${v.window.schoolDays} school days after hand-in).`
            : v.window.closesOn
              ? `The response window closed on ${formatDay(v.window.closesOn)}.`
              : 'No record has been handed in yet.'}
        </p>
      ) : null}

      <section aria-labelledby="records">
        <h2 id="records">What the observers wrote</h2>
        {v.records.length === 0 ? <p>No record has been handed in yet.</p> : null}
        {v.records.map((r) => (
          <article key={r.id} className="card">
            <h3>
              Record by {r.observerName}
              {r.versionNo > 1 ? ` (version ${r.versionNo})` : ''}
            </h3>
            <RecordBody body={r.body} prompt={prompt} kept={r.kept} />
            {r.removed > 0 ? (
              <p className="muted">
                {r.removed === 1 ? 'One phrase was' : `${r.removed} phrases were`} taken out of this
                record as shown here: it was handed in before names and flagged wording were checked
                at hand-in.
              </p>
            ) : null}
            {r.photoIds.length > 0 ? (
              <div className="record-photos">
                {r.photoIds.map((p, i) => (
                  <img
                    key={p}
                    src={`/api/visits/${visitId}/records/${r.id}/photos/${p}`}
                    alt={`Taken with ${r.observerName}'s record (${i + 1} of ${r.photoIds.length})`}
                  />
                ))}
              </div>
            ) : null}
            {r.versions.length > 1 ? (
              <details>
                <summary>History: {r.versions.length} versions</summary>
                {r.versions.map((ver) => (
                  <div key={ver.versionNo}>
                    <h4>
                      Version {ver.versionNo}
                      {ver.versionNo === 1 ? ' (as handed in)' : ''}, {formatInstant(ver.createdAt)}
                    </h4>
                    <RecordBody body={ver.body} prompt={prompt} />
                  </div>
                ))}
              </details>
            ) : null}
          </article>
        ))}
      </section>

      {v.flags.length > 0 ? (
        <section aria-labelledby="flags">
          <h2 id="flags">Factual errors flagged</h2>
          {v.flags.map((f) => (
            <FlagItem key={f.id} flag={f} visit={v} queryKey={key} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="responses">
        <h2 id="responses">Responses</h2>
        {v.responses.length === 0 ? <p className="muted">No response yet.</p> : null}
        <ul>
          {v.responses.map((r) => (
            <li key={r.id}>
              <p>{r.body}</p>
              <p className="muted">
                {r.authorName}, {formatInstant(r.createdAt)}
              </p>
            </li>
          ))}
        </ul>
        {v.can.respond ? <RespondForms visit={v} queryKey={key} /> : null}
      </section>

      {v.viewer === 'teacher' || v.reflection ? <Reflection visit={v} queryKey={key} /> : null}
      {v.viewer === 'teacher' ? <CoachShare visit={v} queryKey={key} /> : null}
    </>
  );
}
