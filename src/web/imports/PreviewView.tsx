import { useId } from 'react';
import type { DiffDto, ImportPreview } from '../../contracts/imports.ts';
import { formatCount } from '../lib/format.ts';
import { TableScroll } from '../ui/TableScroll.tsx';
import type { UploadProgress } from './upload.ts';

export function ProgressView({
  progress,
  busy,
}: {
  progress: UploadProgress | null;
  busy: boolean;
}) {
  if (!progress) return null;
  return (
    <div className="import-progress" role="status" aria-live="polite">
      {busy ? (
        <progress max={100} value={progress.percent ?? undefined} aria-label="Import progress" />
      ) : null}
      <span>{busy ? progress.message : progress.phase === 'done' ? progress.message : ''}</span>
    </div>
  );
}

export function PreviewView({
  preview,
  mapping,
  setMapping,
  recheck,
  busy,
}: {
  preview: ImportPreview;
  mapping: Record<string, string | null>;
  setMapping: (m: Record<string, string | null>) => void;
  recheck: () => void;
  busy: boolean;
}) {
  const ids = useId();
  const diff = preview.diff;
  return (
    <>
      <section aria-labelledby={`${ids}-summary`}>
        <h2 id={`${ids}-summary`}>{preview.fileName}</h2>
        <p>
          {preview.format === 'xlsx' ? 'Excel workbook' : 'CSV file'}: headings on row{' '}
          {preview.headingRow}, {formatCount(preview.rowCount)} rows,{' '}
          {formatCount(preview.understood)} understood,{' '}
          <strong>
            {preview.problemCount === 0
              ? 'no problems'
              : `${formatCount(preview.problemCount)} problem${preview.problemCount === 1 ? '' : 's'}`}
          </strong>
          .
        </p>
      </section>

      {preview.problems.length ? (
        <section aria-labelledby={`${ids}-problems`} className="import-problems">
          <h2 id={`${ids}-problems`}>
            {preview.refused ? 'This file was refused' : 'Problems to fix'}
          </h2>
          <TableScroll label="Preview">
            <table className="setup-list">
              <caption>
                {preview.problemCount > preview.problems.length
                  ? `The first ${preview.problems.length} of ${preview.problemCount} problems`
                  : `${preview.problemCount} problem${preview.problemCount === 1 ? '' : 's'}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder.
                  <tr key={i}>
                    <td>{p.row ?? '—'}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {preview.refused ? null : (
        <section aria-labelledby={`${ids}-mapping`}>
          <h2 id={`${ids}-mapping`}>Columns</h2>
          <p className="hint">
            Which column of your file holds each of ours. Headings we recognised are chosen already;
            change any that are wrong, then check again.
          </p>
          <div className="mapping">
            {preview.fields.map((f) => (
              <div className="field" key={f.key}>
                <label htmlFor={`${ids}-${f.key}`}>
                  {f.label}
                  {f.required ? '' : ' (optional)'}
                </label>
                <select
                  id={`${ids}-${f.key}`}
                  value={mapping[f.key] ?? ''}
                  aria-describedby={`${ids}-${f.key}-hint`}
                  onChange={(e) =>
                    setMapping({ ...mapping, [f.key]: e.currentTarget.value || null })
                  }
                >
                  <option value="">— not in the file —</option>
                  {preview.headings
                    .filter((h) => h.trim())
                    .map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                </select>
                <span className="hint" id={`${ids}-${f.key}-hint`}>
                  {f.hint}
                </span>
              </div>
            ))}
          </div>
          {preview.ignoredHeadings.length ? (
            <p className="hint">
              Not imported: {preview.ignoredHeadings.map((h) => `“${h}”`).join(', ')}
            </p>
          ) : null}
          <button type="button" className="button secondary" onClick={recheck} disabled={busy}>
            Check again with these columns
          </button>
        </section>
      )}

      {preview.preview.rows.length ? (
        <section aria-labelledby={`${ids}-rows`}>
          <h2 id={`${ids}-rows`}>Rows as we understood them</h2>
          <TableScroll label="Preview">
            <table className="setup-list">
              <caption>
                The first {preview.preview.rows.length} of {formatCount(preview.understood)} rows
                understood
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  {preview.preview.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.preview.rows.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    {r.values.map((v, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                      <td key={i}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}

      {diff ? (
        <section aria-labelledby={`${ids}-changes`}>
          <h2 id={`${ids}-changes`}>
            {preview.canApply ? 'What applying it will change' : 'What it would change once fixed'}
          </h2>
          <dl className="figures">
            <div>
              <dt>Added</dt>
              <dd>{formatCount(diff.counts.adds)}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{formatCount(diff.counts.updates)}</dd>
            </div>
            <div>
              <dt>Unchanged</dt>
              <dd>{formatCount(diff.counts.unchanged)}</dd>
            </div>
            <div>
              <dt>Removed</dt>
              <dd>{formatCount(diff.counts.removals)}</dd>
            </div>
          </dl>
          {diff.newDepartments.length ? (
            <p>New departments: {diff.newDepartments.join(', ')}</p>
          ) : null}
          {diff.newYearGroups.length ? (
            <p>New year groups: {diff.newYearGroups.join(', ')}</p>
          ) : null}
          <Changes title="Added (first examples)" items={diff.adds} total={diff.counts.adds} />
          <Changes
            title="Updated (first examples)"
            items={diff.updates}
            total={diff.counts.updates}
          />
          <Changes
            title="Removed: not in the file"
            items={diff.removals}
            total={diff.counts.removals}
          />
          <Changes title="Not in the file, but kept" items={diff.kept} total={diff.counts.kept} />
        </section>
      ) : null}
    </>
  );
}

export function Changes({
  title,
  items,
  total,
}: {
  title: string;
  items: DiffDto['adds'];
  total: number;
}) {
  if (total === 0) return null;
  return (
    <details open={title.startsWith('Removed') || title.startsWith('Not in')}>
      <summary>
        {title}: {formatCount(total)}
      </summary>
      <ul className="changes">
        {items.map((item) => (
          <li key={item.key}>
            {item.row ? <span className="muted">Row {item.row}: </span> : null}
            <strong>{item.label}</strong>
            {item.changes?.length ? ` — ${item.changes.join('; ')}` : ''}
            {item.reason ? ` — ${item.reason}` : ''}
          </li>
        ))}
        {total > items.length ? (
          <li className="muted">…and {formatCount(total - items.length)} more</li>
        ) : null}
      </ul>
    </details>
  );
}
