import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../routes/LanguageSwitch.tsx';
import { SiteFooter } from '../site/SiteFooter.tsx';

/** The frame of the pages one sees signed out: sign-in, a forgotten password, a link from a mail. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" bg="gray.0" p="md" style={{ flexDirection: 'column' }}>
      <Paper component="main" withBorder shadow="sm" p="xl" w={400} maw="100%" radius="md">
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('app.name')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
          </div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {children}
          <LanguageSwitch />
        </Stack>
      </Paper>
      <SiteFooter />
    </Center>
  );
}
