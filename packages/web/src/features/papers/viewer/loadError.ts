/** Why a PDF could not be shown, each with its own sentence for the reader. */
export type LoadFailure = 'forbidden' | 'notFound' | 'password' | 'invalid' | 'network' | 'unknown';

/**
 * What a failed `getDocument` means. pdf.js rebuilds the worker's exceptions on the main thread and
 * exports only some of their classes (not PasswordException), so they are told apart by name.
 */
export function loadFailure(error: unknown): LoadFailure {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { name, status } = error as { name?: unknown; status?: unknown };
  switch (name) {
    case 'PasswordException':
      return 'password';
    case 'InvalidPDFException':
    case 'FormatError':
      return 'invalid';
    case 'ResponseException':
      if (status === 401 || status === 403) return 'forbidden';
      // The API answers 404 both for what is gone and for what the reader may not see.
      if (status === 404 || status === 410) return 'notFound';
      // Status 0: the request never got an answer (offline, or the connection dropped).
      return status === 0 ? 'network' : 'unknown';
    case 'UnknownErrorException': {
      // A fetch that failed in the worker comes back wrapped, with only its message to go by.
      const message = (error as { message?: unknown }).message;
      return typeof message === 'string' && /fetch|network/i.test(message) ? 'network' : 'unknown';
    }
    default:
      // fetch's own failure (offline) reaches us as a TypeError.
      return error instanceof TypeError ? 'network' : 'unknown';
  }
}

/** Whether trying again might help: not for a refusal, a missing file or a file that is broken. */
export function mayRetry(failure: LoadFailure): boolean {
  return failure === 'network' || failure === 'unknown';
}

/** Whether the reader could still open the file elsewhere (their own PDF program). */
export function mayDownload(failure: LoadFailure): boolean {
  return failure === 'password' || failure === 'invalid' || failure === 'unknown';
}
