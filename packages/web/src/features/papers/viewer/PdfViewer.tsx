import { Alert, Anchor, Button, Center, Group, Loader, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentView } from './DocumentView.tsx';
import { type LoadFailure, mayDownload, mayRetry } from './loadError.ts';
import classes from './pdfViewer.module.css';
import { usePdfDocument } from './usePdfDocument.ts';

export interface PdfViewerProps {
  /** A same-origin route answering the PDF's bytes (`/api/papers/<id>/file`); the session cookie goes along. */
  url: string;
  /** The paper's title, naming the viewer's page region for assistive technology. */
  title: string;
  /** The page to open at (1-based); out of range is brought within it. */
  initialPage?: number;
  /** A search to run at once, e.g. the words the reader searched for to find the paper. */
  initialQuery?: string;
}

/**
 * A PDF shown inline with pdf.js: pages drawn as they come near the view, selectable text,
 * search, zoom, thumbnails and keys. Loaded lazily (`lazy(() => import('./viewer/PdfViewer.tsx'))`),
 * so that pdf.js is downloaded only by those who open a paper.
 */
export default function PdfViewer({ url, title, initialPage, initialQuery }: PdfViewerProps) {
  const [attempt, setAttempt] = useState(0);
  const state = usePdfDocument(url, attempt);
  if (state.status === 'ready') {
    return (
      <DocumentView
        key={url}
        session={state.session}
        title={title}
        initialPage={initialPage}
        initialQuery={initialQuery}
      />
    );
  }
  // While loading, the viewer already takes its room, so the page does not jump when it opens;
  // a failure is said in a box of its own size.
  return state.status === 'loading' ? (
    <div className={classes.viewer}>
      <Loading percent={state.percent} />
    </div>
  ) : (
    <LoadError failure={state.failure} url={url} onRetry={() => setAttempt((n) => n + 1)} />
  );
}

function Loading({ percent }: { percent: number | null }) {
  const { t } = useTranslation();
  return (
    <Center h="100%" role="status">
      <Loader size="sm" aria-hidden />
      <Text ml="sm">{t('pdfViewer.loading')}</Text>
      {/* Seen, not read out: a screen reader would otherwise say every step. */}
      {percent !== null && (
        <Text ml="xs" aria-hidden>
          {t('pdfViewer.loadingPercent', { percent: percent / 100 })}
        </Text>
      )}
    </Center>
  );
}

function LoadError({ failure, url, onRetry }: { failure: LoadFailure; url: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('pdfViewer.errorTitle')} role="alert" maw="40rem" data-testid="pdf-error">
      <Text size="sm">{t(`pdfViewer.errors.${failure}`)}</Text>
      {(mayRetry(failure) || mayDownload(failure)) && (
        <Group gap="sm" mt="sm">
          {mayRetry(failure) && (
            <Button variant="light" color="red" size="xs" onClick={onRetry}>
              {t('pdfViewer.retry')}
            </Button>
          )}
          {mayDownload(failure) && (
            <Anchor href={url} download size="sm">
              {t('pdfViewer.download')}
            </Anchor>
          )}
        </Group>
      )}
    </Alert>
  );
}
