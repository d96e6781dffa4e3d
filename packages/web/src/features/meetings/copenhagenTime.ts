const ZONE = 'Europe/Copenhagen';

/** `2027-02-04` + `09:00` → `2027-02-04T09:00:00+01:00`, the offset Copenhagen has on that day. */
export function copenhagenIso(date: string, time: string): string {
  const instant = new Date(`${date}T${time}:00Z`);
  const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = zoneName && zoneName !== 'GMT' ? zoneName.slice(3) : '+00:00';
  return `${date}T${time}:00${offset}`;
}

/** The day of an instant in Copenhagen, `YYYY-MM-DD`. */
export function copenhagenDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(new Date(iso));
}

/** The wall-clock time of an instant in Copenhagen, `HH:MM`. */
export function copenhagenClock(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
