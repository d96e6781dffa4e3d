import type { TwoFactorSetup } from '@council/shared';
import { Code, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The secret of a two-factor setup: its QR code to scan, and the key to type where one cannot. */
export function TwoFactorSecret({ setup }: { setup: TwoFactorSetup }) {
  const { t } = useTranslation();
  // Base64 rather than a raw SVG string in the src, so no character of it needs escaping.
  const src = `data:image/svg+xml;base64,${btoa(setup.qrSvg)}`;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('identity.twoFactor.setupSteps')}</Text>
      <Image src={src} alt={t('identity.twoFactor.qrAlt')} w={180} h={180} bg="white" />
      <Text size="sm">{t('identity.twoFactor.secret')}:</Text>
      <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
        {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
      </Code>
    </Stack>
  );
}
