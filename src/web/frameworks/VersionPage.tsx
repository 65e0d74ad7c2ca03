import { formatInstantDay } from '../lib/format.ts';
import './frameworks.css';
import { useParams } from 'react-router';
import { frameworkKindLabels } from '../../domain/frameworks/types.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useVersion } from './api.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { PublishedView, VersionNav } from './VersionViews.tsx';

export function VersionPage() {
  const { frameworkId = '', versionNo = '1' } = useParams();
  const version = useVersion(frameworkId, versionNo);
  const previousNo = Number(versionNo) - 1;
  const previous = useVersion(
    frameworkId,
    String(previousNo),
    previousNo >= 1 && version.data?.version.status === 'draft',
  );
  if (version.isPending) return <Loading what="the framework" />;
  if (version.error) return <ErrorMessage error={version.error} />;
  const detail = version.data;
  return (
    <>
      <h1>{detail.framework.name}</h1>
      <p className="lede">
        {frameworkKindLabels[detail.framework.kind]} · Version {detail.version.versionNo}:{' '}
        {detail.version.status === 'published'
          ? `published ${formatInstantDay(detail.version.publishedAt ?? '')}`
          : 'draft'}
      </p>
      <VersionNav detail={detail} />
      {detail.canEdit ? (
        <DraftEditor key={detail.version.id} detail={detail} previous={previous.data ?? null} />
      ) : (
        <PublishedView detail={detail} />
      )}
    </>
  );
}
