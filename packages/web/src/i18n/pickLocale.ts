import type { Locale } from '@council/shared';

/**
 * The language to start in: the choice made on this device, else the first of the browser's
 * preferred languages that Council speaks (so an English browser gets English), else Danish.
 */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (saved === 'da' || saved === 'en') return saved;
  for (const tag of browserLanguages) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'da' || language === 'en') return language;
  }
  return 'da';
}
