import { Anchor, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { claimAutomaticReload, isLoadFailure } from '../features/errors/loadFailure.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** How often to look again whether Council answers, while a page's code could not be fetched. */
const RETRY_MS = 5000;

/**
 * What the router shows when a page fails: a page whose code could not be fetched (offline, or a
 * new deployment) says so and loads again by itself; any other error says so calmly, without
 * details, with a way on. `standalone` is for errors above the app's frame, which is then missing.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  const content =
    isRouteErrorResponse(error) && error.status === 404 ? (
      <NotFoundPage />
    ) : isLoadFailure(error) ? (
      <LoadFailed />
    ) : (
      <Crashed />
    );
  return standalone ? (
    <Container component="main" size="sm" py="xl">
      {content}
    </Container>
  ) : (
    content
  );
}

function LoadFailed() {
  const { t } = useTranslation();
  useReloadWhenReachable();
  return (
    <Stack align="flex-start" gap="sm" data-testid="load-failed">
      <Title order={2}>{t('app.loadFailed.title')}</Title>
      <Text>{t('app.loadFailed.body')}</Text>
      <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
    </Stack>
  );
}

function Crashed() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" data-testid="page-error">
      <Title order={2}>{t('app.crashed.title')}</Title>
      <Text>{t('app.crashed.body')}</Text>
      <Group>
        <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
        {/* A full load, not a client-side navigation: whatever broke starts afresh. */}
        <Anchor href="/">{t('app.backHome')}</Anchor>
      </Group>
    </Stack>
  );
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

async function councilAnswers(): Promise<boolean> {
  try {
    return (await fetch('/', { method: 'HEAD', cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * Reloads the page once Council answers again, so that a reload never lands on the browser's own
 * offline page. By itself only once a minute (a page whose code stays unreachable is not reloaded
 * over and over); when the browser says it is back online, at once, since that happens only once
 * per time it went offline.
 */
function useReloadWhenReachable() {
  useEffect(() => {
    let stopped = false;
    let wentOnline = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async () => {
      clearTimeout(timer);
      if (stopped) return;
      if (navigator.onLine && (await councilAnswers())) {
        if (stopped) return;
        const claimed = claimAutomaticReload(sessionStorageOrNull(), Date.now());
        if (claimed || wentOnline) window.location.reload();
        return;
      }
      if (!stopped) timer = setTimeout(() => void attempt(), RETRY_MS);
    };
    const online = () => {
      wentOnline = true;
      void attempt();
    };
    window.addEventListener('online', online);
    void attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', online);
    };
  }, []);
}
