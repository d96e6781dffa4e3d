import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Search arrives with its own issue (FTS5 over documents); until then the page says so plainly. */
export function SearchPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('search.title')}</Title>
      <Alert color="blue">{t('search.comingSoon')}</Alert>
    </Stack>
  );
}
