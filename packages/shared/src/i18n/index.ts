import { da } from './da.ts';
import { en } from './en.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every catalogue has exactly Danish's shape; the compiler holds English to it. */
export type Catalogue = Widen<typeof da>;

type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Catalogue>;

export const messages = { da, en } as const;

/** Fills `{name}` placeholders, for text written outside i18next (the server's records). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The council's written record (minutes, calendar, tasks from approvals) is kept in its language. */
export const RECORD_LOCALE = 'da' as const;
