import type { Locale } from '@council/shared';
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLocale } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={i18n.language}
      onChange={(value) => setLocale(value as Locale)}
      data={[
        { value: 'da', label: 'Dansk' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
