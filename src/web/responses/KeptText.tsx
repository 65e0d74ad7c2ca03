import type { KeptMark } from '../../contracts/responses.ts';

const kindWords: Record<KeptMark['kind'], string> = {
  staff_name: 'a name',
  about_teacher: 'about the teacher',
  judgement: 'a judgement',
  possible_name: 'looks like a name',
  pupil_name: 'a name',
};

/**
 * A record's text with the phrases the observer kept marked (protocol rule 9): each flagged
 * phrase kept at hand-in is highlighted, followed by the observer's reason, so the reader sees
 * that it was flagged and why it stands.
 */
export function KeptText({ text, marks }: { text: string; marks: readonly KeptMark[] }) {
  const parts: (string | KeptMark)[] = [];
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < at) continue;
    if (m.start > at) parts.push(text.slice(at, m.start));
    parts.push(m);
    at = m.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are positional.
          <span key={i}>{p}</span>
        ) : (
          <span key={`${p.start}-${p.end}`} className="kept-phrase">
            <mark className="kept" title={`Kept by the observer: ${p.reason}`}>
              {p.phrase}
            </mark>{' '}
            <small className="kept-reason">
              (flagged as {kindWords[p.kind]}; kept by the observer: “{p.reason}”)
            </small>
          </span>
        ),
      )}
    </>
  );
}
