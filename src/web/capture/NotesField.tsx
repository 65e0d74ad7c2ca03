import { useDeferredValue, useMemo, useState } from 'react';
import { createChecker, type LanguageFinding } from '../../domain/neutral-language/checker.ts';

const kindWords: Record<LanguageFinding['kind'], string> = {
  judgement: 'Judgement',
  about_teacher: 'About the teacher',
  name: 'A name',
};

/** The notes as typed, with flagged phrases marked. */
function Marked({ text, findings }: { text: string; findings: LanguageFinding[] }) {
  const parts: (string | LanguageFinding)[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start < at) continue; // a narrower finding inside a wider one
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push(f);
    at = f.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <p className="notes-marked">
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts are positional.
          <span key={i}>{p}</span>
        ) : (
          <mark key={`${p.start}-${p.end}`} className={`finding-${p.kind}`}>
            {p.text}
          </mark>
        ),
      )}
    </p>
  );
}

/**
 * Notes, checked for neutral language as they are typed (protocol rule 9): judgements,
 * statements about the teacher, names. The check runs on this device, never blocks saving,
 * and the observer decides what to change.
 */
export function NotesField({
  initial,
  staffNames,
  onChange,
}: {
  initial: string;
  staffNames: string[];
  onChange: (notes: string) => void;
}) {
  const [notes, setNotes] = useState(initial);
  const checker = useMemo(() => createChecker({ staffNames }), [staffNames]);
  const checked = useDeferredValue(notes);
  const findings = useMemo(() => checker.check(checked), [checker, checked]);
  return (
    <div className="notes">
      <label htmlFor="visit-notes">Notes</label>
      <p id="notes-help" className="muted">
        Describe what pupils were doing and saying. Leave out judgements and names.
      </p>
      <textarea
        id="visit-notes"
        rows={6}
        maxLength={5000}
        value={notes}
        aria-describedby="notes-help notes-findings"
        onChange={(e) => {
          setNotes(e.target.value);
          onChange(e.target.value);
        }}
      />
      <div id="notes-findings" aria-live="polite">
        {findings.length === 0 ? (
          notes ? (
            <p className="muted">Neutral wording: nothing to change.</p>
          ) : null
        ) : (
          <>
            <p className="language-hint">
              {findings.length === 1 ? 'One phrase' : `${findings.length} phrases`} to look at.
              Saving is not held up; handing in is, until each is rewritten or kept with a reason (a
              pupil’s name must be rewritten):
            </p>
            <Marked text={checked} findings={findings} />
            <ul className="findings">
              {findings.map((f) => (
                <li key={`${f.start}-${f.end}-${f.rule}`}>
                  <strong>
                    {kindWords[f.kind]}: “{f.text}”
                  </strong>{' '}
                  {f.explanation} <span className="hint-text">Try: {f.hint}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
