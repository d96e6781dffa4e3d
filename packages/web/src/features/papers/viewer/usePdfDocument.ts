import { useEffect, useState } from 'react';
import { type LoadFailure, loadFailure } from './loadError.ts';
import { openPdf } from './pdfjs.ts';
import { PdfSession } from './pdfSession.ts';

export type DocumentState =
  | { status: 'loading'; percent: number | null }
  | { status: 'error'; failure: LoadFailure }
  | { status: 'ready'; session: PdfSession };

/**
 * Loads the PDF at `url`; a new `attempt` loads it again. Leaving (or a new url) destroys the
 * loading task, which ends the worker's work on it and frees the document.
 */
export function usePdfDocument(url: string, attempt: number): DocumentState {
  const [state, setState] = useState<DocumentState>({ status: 'loading', percent: null });
  useEffect(() => {
    // `attempt` only asks for the effect to run again.
    void attempt;
    let current = true;
    setState({ status: 'loading', percent: null });
    const task = openPdf(url);
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      // Without a Content-Length the total is unknown; say only that it is loading.
      if (current && total > 0)
        setState({ status: 'loading', percent: Math.min(100, Math.round((loaded / total) * 100)) });
    };
    task.promise
      .then((doc) => PdfSession.open(doc))
      .then(
        (session) => current && setState({ status: 'ready', session }),
        (error: unknown) => current && setState({ status: 'error', failure: loadFailure(error) }),
      );
    return () => {
      current = false;
      void task.destroy();
    };
  }, [url, attempt]);
  return state;
}
