import { useTranslation } from 'react-i18next';

const INTL_LOCALE = { da: 'da-DK', en: 'en-GB' } as const;
/** Meetings happen in Denmark; show their times there, wherever the reader's computer is. */
const TIME_ZONE = 'Europe/Copenhagen';

/** Dates and numbers in the chosen language's conventions. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = INTL_LOCALE[i18n.language as keyof typeof INTL_LOCALE] ?? 'da-DK';
  return {
    date: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso)),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }).format(
        new Date(iso),
      ),
    /** A moment in a log: short date and time. */
    stamp: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(
        new Date(iso),
      ),
    time: (iso: string) =>
      new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso)),
    /** A day on an axis: short month and year. */
    shortDate: (iso: string) =>
      new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: TIME_ZONE }).format(new Date(iso)),
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    /** A share in per cent with at most one decimal: 43,3 in Danish. */
    percent: (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n),
    /** A file's size: 412 kB, 3,4 MB. */
    bytes: (n: number) => {
      const [value, unit] =
        n < 1000 ? [n, 'byte'] : n < 1_000_000 ? [n / 1000, 'kilobyte'] : [n / 1_000_000, 'megabyte'];
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit,
        // Narrow bytes read "12 B" in English ("12 byte" in both languages otherwise).
        unitDisplay: unit === 'byte' ? 'narrow' : 'short',
        maximumFractionDigits: 1,
      }).format(value);
    },
  };
}
