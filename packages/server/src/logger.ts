import { pino } from 'pino';

export type Logger = pino.Logger;

/** JSON lines to standard output, or to `destination` (tests read what the server logs). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'council' } }, destination ?? pino.destination(1));
}
