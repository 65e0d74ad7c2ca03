import type { RecordBodyDto } from '../../contracts/records.ts';
import type { KeptMark, VisitRecords } from '../../contracts/responses.ts';
import { KeptText } from './KeptText.tsx';

export type LookFor = VisitRecords['lookFors'][number];

export const prevalenceLabels: Record<string, string> = {
  not_seen: 'Not seen',
  some: 'Some pupils',
  most: 'Most pupils',
  all: 'All pupils',
};

export function answerText(value: string | number | boolean, kind: string) {
  if (kind === 'seen') return value ? 'Seen' : 'Not seen';
  if (kind === 'prevalence') return prevalenceLabels[String(value)] ?? String(value);
  return String(value);
}

export function RecordBody({
  body,
  prompt,
  kept = [],
}: {
  body: RecordBodyDto;
  prompt: (id: string) => LookFor | undefined;
  kept?: readonly KeptMark[];
}) {
  const marked = (field: string, text: string) => (
    <KeptText text={text} marks={kept.filter((k) => k.field === field)} />
  );
  return (
    <>
      {body.answers.length > 0 ? (
        <dl className="record-answers">
          {body.answers.map((a) => (
            <div key={a.lookForId} style={{ display: 'contents' }}>
              <dt>{prompt(a.lookForId)?.prompt ?? 'A look-for no longer in the focus'}</dt>
              <dd>
                {typeof a.value === 'string' && a.kind === 'note'
                  ? marked(`answer:${a.lookForId}`, a.value)
                  : answerText(a.value, a.kind)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p>
        <strong>Notes:</strong>{' '}
        {body.notes ? marked('notes', body.notes) : <span className="muted">none</span>}
      </p>
      {body.studentVoice.map((s) => (
        <p key={s.promptId}>
          <strong>Pupils, asked “{prompt(s.promptId)?.prompt ?? 'a prompt'}”:</strong>{' '}
          {marked(`voice:${s.promptId}`, s.text)}
        </p>
      ))}
    </>
  );
}
