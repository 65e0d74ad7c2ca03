import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { VersionDetail } from '../../contracts/frameworks.ts';
import { answerKindLabels } from '../../domain/frameworks/types.ts';
import { frameworkKeys, newDraft, useFrameworks } from './api.ts';
import { Refusal } from './Problems.tsx';

export function VersionNav({ detail }: { detail: VersionDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const frameworks = useFrameworks();
  const canEditTrust = frameworks.data?.canEdit ?? false;
  const hasDraft = detail.framework.versions.some((v) => v.status === 'draft');
  const start = useMutation({
    mutationFn: () => newDraft(detail.framework.id),
    onSuccess: (next) => {
      queryClient.invalidateQueries({ queryKey: frameworkKeys.list() });
      navigate(`/frameworks/${next.framework.id}/versions/${next.version.versionNo}`);
    },
  });
  return (
    <nav aria-label="Versions" className="version-nav">
      <ul className="inline-list">
        {detail.framework.versions.map((v) => (
          <li key={v.id}>
            <a
              href={`/frameworks/${detail.framework.id}/versions/${v.versionNo}`}
              aria-current={v.versionNo === detail.version.versionNo ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/frameworks/${detail.framework.id}/versions/${v.versionNo}`);
              }}
            >
              Version {v.versionNo} ({v.status === 'draft' ? 'draft' : 'published'})
            </a>
          </li>
        ))}
      </ul>
      {detail.version.status === 'published' ? (
        <p className="actions">
          <a
            className="button secondary"
            href={`/api/frameworks/${detail.framework.id}/versions/${detail.version.versionNo}/export`}
            download
          >
            Export as JSON
          </a>
          {canEditTrust && !hasDraft ? (
            <button
              type="button"
              className="button"
              onClick={() => start.mutate()}
              disabled={start.isPending}
            >
              Start a new version
            </button>
          ) : null}
        </p>
      ) : null}
      <Refusal error={start.error} />
    </nav>
  );
}

export function PublishedView({ detail }: { detail: VersionDetail }) {
  return (
    <>
      {detail.body.description ? <p>{detail.body.description}</p> : null}
      {detail.body.lenses.map((lens) => (
        <section key={lens.id} aria-labelledby={`lens-${lens.id}`} className="lens">
          <h2 id={`lens-${lens.id}`}>{lens.name}</h2>
          {lens.description ? <p className="muted">{lens.description}</p> : null}
          <ul className="look-fors">
            {lens.lookFors.map((f) => (
              <li key={f.id}>
                <p className="prompt">
                  {f.prompt}{' '}
                  <span className="muted">
                    · {answerKindLabels[f.answerKind]}
                    {f.audience === 'pupils' ? ' · asked of pupils' : ''}
                    {f.continues && f.continues !== f.key ? ` · continues “${f.continues}”` : ''}
                  </span>
                </p>
                {f.guidance.looksLike ? (
                  <p className="guidance">
                    <strong>What this looks like:</strong> {f.guidance.looksLike}
                  </p>
                ) : null}
                {f.guidance.doesNotMean ? (
                  <p className="guidance">
                    <strong>What it does not mean:</strong> {f.guidance.doesNotMean}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
