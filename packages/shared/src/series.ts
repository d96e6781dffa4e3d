import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './primitives.ts';
import { TEMPLATE_LIMITS } from './templates.ts';

/**
 * Meeting series (issue 18): meetings at a steady cadence (every N weeks, monthly, quarterly),
 * made ahead as drafts from a template, one per date.
 */

export const SERIES_UNITS = ['weeks', 'months'] as const;
export const SeriesUnit = z.enum(SERIES_UNITS);
export type SeriesUnit = z.infer<typeof SeriesUnit>;

export const SERIES_LIMITS = { every: 52, horizon: 6, durationMinutes: 720 } as const;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time looks like 09:30');

export const CreateSeries = z.object({
  name: z.string().trim().min(1).max(TEMPLATE_LIMITS.name),
  templateId: Id,
  /** Every `every` weeks or months: monthly is 1 month, quarterly 3. */
  unit: SeriesUnit,
  every: z.number().int().min(1).max(SERIES_LIMITS.every),
  /** The date of the series' first meeting; the others follow from it. */
  firstDate: IsoDate,
  /** Copenhagen time. */
  startTime: Time,
  durationMinutes: z.number().int().min(15).max(SERIES_LIMITS.durationMinutes),
  location: z.string().trim().max(300).default(''),
  /** How many meetings ahead are kept as drafts. */
  horizon: z.number().int().min(1).max(SERIES_LIMITS.horizon).default(2),
});
export type CreateSeries = z.input<typeof CreateSeries>;

export const MeetingSeries = z.object({
  id: Id,
  name: z.string(),
  templateId: Id,
  /** null when the template's row could not be read. */
  templateName: z.string().nullable(),
  unit: SeriesUnit,
  every: z.number().int(),
  firstDate: IsoDate,
  startTime: z.string(),
  durationMinutes: z.number().int(),
  location: z.string(),
  horizon: z.number().int(),
  createdAt: IsoDateTime,
  /** The meetings the series has made, by date, with the meeting's own status and title. */
  meetings: z.array(
    z.object({ occursOn: IsoDate, meetingId: Id, title: z.string().nullable(), status: z.string().nullable() }),
  ),
});
export type MeetingSeries = z.infer<typeof MeetingSeries>;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The n-th date of a series (0 is the first date); a month without the first date's day gets its last day. */
export function seriesDate(firstDate: string, unit: SeriesUnit, every: number, n: number): string {
  const [year, month, day] = firstDate.split('-').map(Number) as [number, number, number];
  if (unit === 'weeks') return new Date(Date.UTC(year, month - 1, day + 7 * every * n)).toISOString().slice(0, 10);
  const months = month - 1 + every * n;
  const y = year + Math.floor(months / 12);
  const m = months % 12;
  return new Date(Date.UTC(y, m, Math.min(day, daysInMonth(y, m)))).toISOString().slice(0, 10);
}

/** The next `count` dates of a series on or after `from` (`YYYY-MM-DD`). */
export function nextSeriesDates(
  series: { firstDate: string; unit: SeriesUnit; every: number },
  from: string,
  count: number,
): string[] {
  const dates: string[] = [];
  // Skips ahead to about `from` rather than walking every date since the first.
  const [fy, fm, fd] = series.firstDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const elapsed =
    series.unit === 'weeks'
      ? Math.floor((Date.UTC(y, m - 1, d) - Date.UTC(fy, fm - 1, fd)) / (7 * 86_400_000 * series.every))
      : Math.floor(((y - fy) * 12 + (m - fm)) / series.every);
  for (let n = Math.max(0, elapsed - 1); dates.length < count; n++) {
    const date = seriesDate(series.firstDate, series.unit, series.every, n);
    if (date >= from) dates.push(date);
  }
  return dates;
}

/** `2027-02-04` + `09:00` → the instant that is in Copenhagen, as `2027-02-04T09:00:00+01:00`. */
export function copenhagenInstant(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = zoneName && zoneName !== 'GMT' ? zoneName.slice(3) : '+00:00';
  return `${date}T${time}:00${offset}`;
}
