import './frameworks.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { FrameworkSummary } from '../../contracts/frameworks.ts';
import {
  type FrameworkKind,
  frameworkKindLabels,
  frameworkKinds,
} from '../../domain/frameworks/types.ts';
import { useOrganisationWords } from '../lib/words.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import {
  createFramework,
  frameworkKeys,
  importFramework,
  useFrameworks,
  useLibrary,
} from './api.ts';
import { Refusal } from './Problems.tsx';

function latest(f: FrameworkSummary) {
  return f.versions.at(-1);
}

export function FrameworksPage() {
  const frameworks = useFrameworks();
  const words = useOrganisationWords();
  if (frameworks.isPending) return <Loading what="frameworks" />;
  if (frameworks.error) return <ErrorMessage error={frameworks.error} />;
  const { canEdit } = frameworks.data;
  return (
    <>
      <h1>Frameworks</h1>
      <p className="lede">
        {words.noun === 'school' ? 'The school’s' : 'The trust’s'} shared frameworks: lenses and
        look-fors about pupils and learning, the same in every{' '}
        {words.noun === 'school' ? 'class' : 'school'}. A published version never changes; start a
        new version to revise it.
      </p>
      {frameworks.data.frameworks.length === 0 ? (
        <p>{words.noun === 'school' ? 'The school' : 'The trust'} has no frameworks yet.</p>
      ) : (
        <ul className="cards">
          {frameworks.data.frameworks.map((f) => {
            const v = latest(f);
            const published = f.versions.filter((x) => x.status === 'published').at(-1);
            return (
              <li key={f.id} className="card">
                <h2 className="card-title">
                  <Link to={`/frameworks/${f.id}/versions/${v?.versionNo ?? 1}`}>{f.name}</Link>
                </h2>
                <p>{frameworkKindLabels[f.kind]}</p>
                <p className="muted">
                  {published ? `Version ${published.versionNo} published` : 'Not yet published'}
                  {v?.status === 'draft' ? ` · draft of version ${v.versionNo}` : ''}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {canEdit ? (
        <>
          <CreateFramework />
          <ImportFramework />
        </>
      ) : null}
    </>
  );
}

function CreateFramework() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const library = useLibrary();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<FrameworkKind>('learning');
  const [from, setFrom] = useState('');
  const create = useMutation({
    mutationFn: () => createFramework({ name, kind, ...(from ? { fromLibrary: from } : {}) }),
    onSuccess: (detail) => {
      queryClient.invalidateQueries({ queryKey: frameworkKeys.list() });
      navigate(`/frameworks/${detail.framework.id}/versions/${detail.version.versionNo}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-framework">
      <h2 id="new-framework">New framework</h2>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="fw-name">Framework name</label>
        <input id="fw-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="fw-kind">Kind of walk</label>
        <select
          id="fw-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as FrameworkKind)}
        >
          {frameworkKinds.map((k) => (
            <option key={k} value={k}>
              {frameworkKindLabels[k]}
            </option>
          ))}
        </select>
        <label htmlFor="fw-from">Start from</label>
        <select id="fw-from" value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">An empty framework</option>
          {library.data?.library.map((l) => (
            <option key={l.id} value={l.id}>
              Built-in: {l.name} ({l.lensCount} lenses, {l.lookForCount} look-fors)
            </option>
          ))}
        </select>
        <Refusal error={create.error} />
        <button type="submit" className="button" disabled={create.isPending}>
          Create draft
        </button>
      </form>
    </section>
  );
}

function ImportFramework() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const importIt = useMutation({
    mutationFn: (body: unknown) => importFramework(body),
    onSuccess: (result) => {
      queryClient.invalidateQueries({ queryKey: frameworkKeys.list() });
      navigate(`/frameworks/${result.framework.id}/versions/1`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const body: unknown = JSON.parse(text);
      setParseError(null);
      importIt.mutate(body);
    } catch {
      setParseError('That is not valid JSON. Paste the whole exported file.');
    }
  };
  return (
    <section aria-labelledby="import-framework">
      <h2 id="import-framework">Import a framework</h2>
      <p className="muted">
        Paste a framework exported from Learning Walks (see docs/frameworks.md). It arrives as a new
        draft for you to check and publish.
      </p>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="fw-import">Framework JSON</label>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Choose a framework file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
        <textarea id="fw-import" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
        {parseError ? (
          <div className="error" role="alert">
            {parseError}
          </div>
        ) : null}
        <Refusal error={importIt.error} />
        <button type="submit" className="button" disabled={importIt.isPending || !text.trim()}>
          Import as a draft
        </button>
      </form>
    </section>
  );
}
