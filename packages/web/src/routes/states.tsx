import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../features/forms/errors.ts';

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
  const message = useErrorText().message(error);
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
