/**
 * Hocuspocus 4.7 prints "closing connection … because of exception" with the whole stack for every
 * error a hook throws (Connection.processMessages, straight to console.error), even when the hook
 * refuses on purpose, as SizeLimitExtension does: the only way a hook can stop a message from being
 * applied is to throw. Our refusals are logged once, structured, where they are made; this keeps
 * their stack traces out of the log, and passes everything else through untouched.
 */
const REFUSAL = Symbol('council.collab.refusal');

/** An error a hook throws to refuse a message on purpose; it carries the close code and reason. */
export function refusal(close: { code: number; reason: string }): Error {
  return Object.assign(new Error(close.reason), close, { [REFUSAL]: true });
}

export function isRefusal(value: unknown): boolean {
  return typeof value === 'object' && value !== null && REFUSAL in value;
}

const quieted = new WeakSet<object>();

/** Drops from `target.error` (the console) every line that carries a refusal; once per target. */
export function quietRefusals(target: Pick<Console, 'error'> = console): void {
  if (quieted.has(target)) return;
  quieted.add(target);
  const print = target.error.bind(target);
  target.error = (...args: unknown[]) => {
    if (!args.some(isRefusal)) print(...args);
  };
}
