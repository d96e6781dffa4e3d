import { Alert, Anchor, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useErrorText } from '../features/forms/errors.tsx';

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
  // Not allowed: trying again will not help; say so calmly, with a way home.
  if (error instanceof ApiError && error.status === 403) {
    return <NotFound title={t('app.noAccessTitle')}>{t('app.noAccess')}</NotFound>;
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

/**
 * Whether the API said there is no such thing: 404, which it also answers for what the reader may
 * not see, or 400 for an id in the address that cannot be one. Trying again would not help.
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

/** Something that does not exist, or that the reader may not see: said calmly, with a way home. */
export function NotFound({ children, title }: { children: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" data-testid="not-found">
      <Title order={2}>{title ?? t('app.notFoundTitle')}</Title>
      <Text>{children}</Text>
      <Anchor component={Link} to="/">
        {t('app.backHome')}
      </Anchor>
    </Stack>
  );
}

export function EmptyState({ children }: { children: string }) {
  return (
    <Stack align="center" py="xl">
      <Text c="dimmed">{children}</Text>
    </Stack>
  );
}
