import { Alert, Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown the one time they exist in plain: to copy or write down before going on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="recovery-codes">
      <Text fw={600}>{t('identity.twoFactor.recoveryTitle')}</Text>
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
