import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Download my data": a plain link, so the browser saves the JSON file the server names. */
export function PersonalDataSection() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="data-heading">
      <Stack gap="xs">
        <Title order={3} id="data-heading">
          {t('identity.data.heading')}
        </Title>
        <Text size="sm">{t('identity.data.intro')}</Text>
        <Anchor href="/api/me/data" download>
          {t('identity.data.download')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
