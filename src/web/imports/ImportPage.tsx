import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ImportApplyResult, ImportPreview, ProblemDto } from '../../contracts/imports.ts';
import { type ImportKind, importKindLabels, importKinds } from '../../domain/imports/types.ts';
import { ApiFailure } from '../lib/api.ts';
import { formatCount } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TeacherLessons } from './TeacherLessons.tsx';
import { postWithProgress, readAsBase64, type UploadProgress } from './upload.ts';
import './imports.css';
import { useSchool } from '../schools/api.ts';
import { PreviewView, ProgressView } from './PreviewView.tsx';

const kindHelp: Record<ImportKind, string> = {
  staff: 'One row per member of staff: email, name, staff code, roles and departments.',
  rooms: 'One row per room: its name, building and floor.',
  timetable:
    'One row per lesson: class code, subject, year group, teacher, room, week, day and period. Import staff and rooms first.',
};

type Upload = { fileName: string; contentBase64: string };

/** Import staff, rooms or the timetable from CSV or XLSX: preview, map columns, fix, apply. */
export function ImportPage() {
  const { schoolId = '' } = useParams();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const school = useSchool(schoolId);
  const [kind, setKind] = useState<ImportKind>('timetable');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  useEffect(() => {
    if (result) summaryRef.current?.focus();
  }, [result]);

  const base = `/api/schools/${schoolId}/imports/${kind}`;
  async function send<T>(step: 'preview' | 'apply', body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    setProgress({ phase: 'uploading', message: 'Sending the file', percent: 0 });
    try {
      return await postWithProgress<T>(`${base}/${step}`, body, me?.csrfToken ?? null, setProgress);
    } finally {
      setBusy(false);
    }
  }

  async function check(file: Upload, chosen: Record<string, string | null>) {
    setResult(null);
    setConfirmed(false);
    try {
      const found = await send<ImportPreview>('preview', { ...file, mapping: chosen });
      setPreview(found);
      setMapping(found.mapping);
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  }

  async function chooseFile(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    try {
      const next = { fileName: file.name, contentBase64: await readAsBase64(file) };
      setUpload(next);
      setMapping({});
      await check(next, {});
    } catch (e) {
      setError(e);
    }
  }

  function changeKind(next: ImportKind) {
    setKind(next);
    setUpload(null);
    setPreview(null);
    setResult(null);
    setMapping({});
    setProgress(null);
    setError(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  async function apply(e: FormEvent) {
    e.preventDefault();
    if (!upload || !preview) return;
    try {
      const applied = await send<ImportApplyResult>('apply', {
        ...upload,
        mapping,
        confirmRemovals: confirmed,
      });
      setResult(applied);
      setPreview(null);
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(err);
      const details = err instanceof ApiFailure ? err.details : null;
      if (details && typeof details === 'object' && 'problems' in details) {
        setPreview({
          ...preview,
          problems: (details as { problems: ProblemDto[] }).problems,
          canApply: false,
        });
      }
    }
  }

  if (school.isPending) return <Loading what="the school" />;
  if (school.error) return <ErrorMessage error={school.error} />;
  const s = school.data;
  const removals = preview?.diff?.counts.removals ?? 0;
  const mayApply = Boolean(preview?.canApply) && (removals === 0 || confirmed) && !busy;

  return (
    <section className="import-page">
      <p>
        <Link to={`/schools/${schoolId}`}>{s.name}</Link>
      </p>
      <h1>Import staff, rooms or the timetable</h1>
      <p className="lede">
        From your MIS or a spreadsheet, as CSV or Excel (.xlsx). Nothing changes until you apply,
        and then everything in the file is applied or nothing is. Never include pupils’ names, dates
        of birth or pupil numbers: such files are refused.
      </p>

      <fieldset className="segmented kind-choice">
        <legend>What are you importing?</legend>
        {importKinds.map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => changeKind(k)}
            />
            {importKindLabels[k]}
          </label>
        ))}
      </fieldset>
      <p className="hint">{kindHelp[kind]}</p>
      <p>
        Sample file ({s.name === 'Riverside Academy' ? 'this school’s' : 'the demo school’s'} {kind}
        ):{' '}
        <a href={`${base}/sample?format=csv`} download>
          {importKindLabels[kind]} sample (CSV)
        </a>{' '}
        ·{' '}
        <a href={`${base}/sample?format=xlsx`} download>
          {importKindLabels[kind]} sample (Excel)
        </a>
      </p>

      <div className="field">
        <label htmlFor={`${ids}-file`}>File to import (CSV or .xlsx)</label>
        <input
          id={`${ids}-file`}
          ref={fileInput}
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => chooseFile(e.currentTarget.files)}
          disabled={busy}
        />
      </div>

      <ProgressView progress={progress} busy={busy} />
      {error ? <ErrorMessage error={error} /> : null}

      {result ? (
        <section aria-labelledby={`${ids}-done`} className="card import-result">
          <h2 id={`${ids}-done`} ref={summaryRef} tabIndex={-1}>
            {result.changed ? 'Import applied' : 'Nothing to change'}
          </h2>
          <p role="status">{result.message}</p>
          {result.newDepartments.length ? (
            <p>New departments: {result.newDepartments.join(', ')}</p>
          ) : null}
          {result.newYearGroups.length ? (
            <p>New year groups: {result.newYearGroups.join(', ')}</p>
          ) : null}
          <p>
            <Link to={`/schools/${schoolId}`}>Back to {s.name}</Link>
          </p>
          {kind === 'timetable' ? <TeacherLessons schoolId={schoolId} /> : null}
        </section>
      ) : null}

      {preview ? (
        <PreviewView
          preview={preview}
          mapping={mapping}
          setMapping={setMapping}
          recheck={() => upload && check(upload, mapping)}
          busy={busy}
        />
      ) : null}

      {preview && !preview.refused && preview.diff ? (
        <form onSubmit={apply} className="apply-form">
          {removals > 0 && preview.canApply ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />{' '}
              Yes, remove the {formatCount(removals)} listed above that are not in the file
            </label>
          ) : null}
          <button type="submit" className="button" disabled={!mayApply}>
            Apply the import
          </button>
          {!preview.canApply ? (
            <p className="hint">
              Fix the problems listed above (in the file or the column mapping) first.
            </p>
          ) : removals > 0 && !confirmed ? (
            <p className="hint">Confirm the removals to apply.</p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
