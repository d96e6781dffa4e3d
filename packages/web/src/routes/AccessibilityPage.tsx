import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SiteFooter, useSite } from '../features/site/SiteFooter.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The built-in accessibility statement: the target, how it is tested, the known gaps, whom to tell. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const site = useSite();
  const contact = site.data?.accessibilityContact;
  const sections = [
    ['testedTitle', 'tested'],
    ['gapsTitle', 'gaps'],
    ['operatorTitle', 'operator'],
  ] as const;
  return (
    <Stack maw={760} mx="auto" p="md">
      <Paper component="main" withBorder p="xl">
        <Stack>
          <Title order={1} size="h2">
            {t('accessibility.title')}
          </Title>
          <Text>{t('accessibility.intro')}</Text>
          {sections.map(([title, body]) => (
            <section key={title}>
              <Title order={2} size="h4">
                {t(`accessibility.${title}`)}
              </Title>
              <Text>{t(`accessibility.${body}`)}</Text>
            </section>
          ))}
          <section>
            <Title order={2} size="h4">
              {t('accessibility.contactTitle')}
            </Title>
            <Text>{contact ? t('accessibility.contact', { contact }) : t('accessibility.noContact')}</Text>
          </section>
          <Anchor component={Link} to="/">
            {t('app.backHome')}
          </Anchor>
          <LanguageSwitch />
        </Stack>
      </Paper>
      <SiteFooter />
    </Stack>
  );
}
