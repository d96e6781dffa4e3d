import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm">{t('app.loading')}</Text>
    </Center>
  );
}

/** A failed query, said in the reader's language, with a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError) {
    if (error.status === 0) message = t('errors.network');
    if (error.status === 403) message = t('errors.forbidden');
    if (error.status === 404) message = t('errors.notFound');
  }
  return (
    <Alert color="red" title={t('app.error', { message })} role="alert">
      {onRetry && (
        <Button variant="light" color="red" size="xs" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}

export function EmptyState({ children }: { children: string }) {
  return (
    <Stack align="center" py="xl">
      <Text c="dimmed">{children}</Text>
    </Stack>
  );
}
