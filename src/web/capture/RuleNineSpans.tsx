import { useState } from 'react';
import { Link } from 'react-router';
import type { RuleNineSpanDto } from '../../contracts/records.ts';
import { phraseKey, recordTexts } from '../../domain/neutral-language/hand-in.ts';
import type { RecordBody } from '../../domain/records/body.ts';

const kindWords: Record<RuleNineSpanDto['kind'], string> = {
  pupil_name: 'A pupil’s name',
  staff_name: 'A name',
  possible_name: 'Looks like a name',
  about_teacher: 'About the teacher',
  judgement: 'Judgement',
};

/** Keeps a flagged phrase with the observer's reason (replacing any earlier reason for it). */
export function withKept(body: RecordBody, span: RuleNineSpanDto, reason: string): RecordBody {
  const others = (body.kept ?? []).filter(
    (k) => !(k.field === span.field && phraseKey(k.phrase) === phraseKey(span.phrase)),
  );
  return { ...body, kept: [...others, { field: span.field, phrase: span.phrase, reason }] };
}

/**
 * The server's refusal spans that still apply to the record as it now is: the phrase is still
 * where the server found it, and it has not been kept with a reason since.
 */
export function openSpans(spans: readonly RuleNineSpanDto[], body: RecordBody): RuleNineSpanDto[] {
  const texts = new Map(recordTexts(body).map((t) => [t.field, t.text]));
  const kept = new Set(
    (body.kept ?? [])
      .filter((k) => k.reason.trim())
      .map((k) => `${k.field}\u0000${phraseKey(k.phrase)}`),
  );
  return spans.filter(
    (s) =>
      texts.get(s.field)?.slice(s.start, s.end) === s.phrase &&
      !(s.keepable && kept.has(`${s.field}\u0000${phraseKey(s.phrase)}`)),
  );
}

/**
 * What stopped the hand-in (protocol rule 9), shown on the record: each flagged phrase with why
 * and a neutral way to say it. A pupil's name must be rewritten; anything else can be rewritten
 * or kept with a reason, which the teacher will read beside it.
 */
export function RuleNineSpans({
  spans,
  rewriteTo,
  onKeep,
}: {
  spans: readonly RuleNineSpanDto[];
  rewriteTo: string;
  onKeep: (span: RuleNineSpanDto, reason: string) => void;
}) {
  if (spans.length === 0) return null;
  return (
    <div className="error rule-nine" role="alert">
      <p>
        Not handed in: {spans.length === 1 ? 'one phrase needs' : `${spans.length} phrases need`}{' '}
        changing first.
      </p>
      <ul className="findings">
        {spans.map((s) => (
          <li key={`${s.recordId}-${s.field}-${s.start}-${s.kind}`}>
            <strong>
              {kindWords[s.kind]}: <mark className={`finding-${s.kind}`}>{s.phrase}</mark>
            </strong>{' '}
            {s.reason} <span className="hint-text">Try: {s.hint}</span>
            {s.keepable ? <KeepForm span={s} onKeep={onKeep} /> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to={rewriteTo}>Rewrite this record</Link>
      </p>
    </div>
  );
}

function KeepForm({
  span,
  onKeep,
}: {
  span: RuleNineSpanDto;
  onKeep: (span: RuleNineSpanDto, reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="keep-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onKeep(span, reason.trim());
      }}
    >
      <label>
        Or keep “{span.phrase}” because (the teacher will see this){' '}
        <input
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          aria-label={`Reason for keeping “${span.phrase}”`}
        />
      </label>{' '}
      <button type="submit" className="button secondary" disabled={!reason.trim()}>
        Keep it
      </button>
    </form>
  );
}
