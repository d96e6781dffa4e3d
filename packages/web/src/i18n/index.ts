import { type Locale, messages } from '@council/shared';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { pickLocale } from './pickLocale.ts';

const STORAGE_KEY = 'council.locale';

export const i18n = i18next.createInstance();

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    lng: pickLocale(localStorage.getItem(STORAGE_KEY), navigator.languages ?? []),
    fallbackLng: 'da',
    resources: { da: { translation: messages.da }, en: { translation: messages.en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  void i18n.changeLanguage(locale);
}

document.documentElement.lang = i18n.language;
