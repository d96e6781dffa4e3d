import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { fileUrl, usePapers } from '../features/papers/usePapers.ts';
import { useFormat } from '../i18n/format.ts';
import { NotFound, PageLoader, QueryError } from './states.tsx';

// pdf.js is large: it loads when a PDF is opened, never with the app.
const PdfViewer = lazy(() => import('../features/papers/viewer/PdfViewer.tsx'));

/** One paper, read in the browser: PDFs in the viewer, images as they are; anything else downloads. */
export default function PaperPage() {
  const { id = '', paperId = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const format = useFormat();
  const papers = usePapers(id);
  if (papers.isPending) return <PageLoader />;
  if (papers.isError) return <QueryError error={papers.error} onRetry={() => papers.refetch()} />;
  const paper = papers.data.papers.find((p) => p.id === paperId) ?? papers.data.removed.find((p) => p.id === paperId);
  if (!paper) return <NotFound>{t('papers.notFound')}</NotFound>;
  const { current } = paper;
  const page = Number(params.get('page')) || undefined;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to={`/meetings/${id}?tab=papers`} size="sm">
            {t('papers.back')}
          </Anchor>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {paper.title}
          </Title>
          <Text size="sm" c="dimmed">
            {current.fileName} · {format.bytes(current.size)}
          </Text>
        </div>
        <Anchor href={fileUrl(paper.id, undefined, true)} download size="sm">
          {t('papers.download')}
        </Anchor>
      </Group>
      {current.kind === 'pdf' ? (
        <Suspense fallback={<PageLoader />}>
          <PdfViewer
            key={current.sha256}
            url={fileUrl(paper.id)}
            title={paper.title}
            initialPage={page}
            initialQuery={params.get('q') ?? undefined}
          />
        </Suspense>
      ) : current.kind === 'png' || current.kind === 'jpeg' ? (
        // At its own size (never stretched past it), framed so that a white image has an edge.
        <img
          src={fileUrl(paper.id)}
          alt={paper.title}
          style={{
            maxWidth: '100%',
            width: 'auto',
            height: 'auto',
            alignSelf: 'flex-start',
            border: '1px solid var(--mantine-color-gray-3)',
          }}
        />
      ) : (
        <Text>{t('papers.downloadOnly')}</Text>
      )}
    </Stack>
  );
}
