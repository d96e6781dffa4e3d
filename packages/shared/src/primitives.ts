import { z } from 'zod';

/** Ids are short opaque strings; they appear in document names, so they are restricted. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid id');
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const DecisionNumber = z.string().regex(/^\d{4}-\d{3,}$/, 'A decision number looks like 2026-014');

/** The calendar date of an instant as people in Denmark read it (`YYYY-MM-DD`), whatever zone the server runs in. */
export const copenhagenDate = (instant: string | Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(instant));
