import { Alert, Button, CopyButton, Group, List, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown the one time they exist in plain: to copy or write down before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="recovery-codes">
      {/* Focus comes here as the codes appear, so that a screen reader starts with what they are. */}
      <Title order={3} size="h5" tabIndex={-1} ref={(node) => node?.focus()}>
        {t('identity.twoFactor.recoveryTitle')}
      </Title>
      <Alert color="yellow">{t('identity.twoFactor.recoveryIntro')}</Alert>
      <List ff="monospace" spacing={2} listStyleType="none" ml={0}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('identity.twoFactor.recoveryCopied') : t('identity.twoFactor.recoveryCopy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('identity.twoFactor.recoverySaved')}</Button>
      </Group>
    </Stack>
  );
}
