/**
 * What browsers say when the code of a page cannot be fetched: offline, or a new deployment whose
 * chunk names the page in hand no longer finds (Chromium, Firefox, Safari; Vite's CSS preload; webpack).
 */
const LOAD_FAILURE =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS|Loading (CSS )?chunk .+ failed/i;

/** Whether an error is a page's code failing to arrive, rather than a fault in the page. */
export function isLoadFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'ChunkLoadError' || (typeof message === 'string' && LOAD_FAILURE.test(message));
}

const RELOADED_AT = 'council:reloaded-after-load-failure';
/** After reloading by itself, the page does not do so again for this long, whatever it finds. */
export const RELOAD_GUARD_MS = 60_000;

/**
 * Whether the page may reload by itself now, and if so, notes that it does: once a minute at most,
 * so that a page whose code stays unreachable (a broken deployment) is not reloaded over and over.
 * Without storage to note it in, never: a reload that cannot be remembered could repeat forever.
 */
export function claimAutomaticReload(storage: Pick<Storage, 'getItem' | 'setItem'> | null, now: number): boolean {
  try {
    if (!storage) return false;
    const last = Number(storage.getItem(RELOADED_AT) ?? Number.NaN);
    if (now - last < RELOAD_GUARD_MS) return false;
    storage.setItem(RELOADED_AT, String(now));
    return true;
  } catch {
    return false; // storage refused (private mode, quota): no automatic reload
  }
}
