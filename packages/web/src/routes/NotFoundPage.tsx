import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>404</Title>
      <Text>{t('app.notFound')}</Text>
      <Anchor component={Link} to="/meetings">
        {t('app.backHome')}
      </Anchor>
    </Stack>
  );
}
