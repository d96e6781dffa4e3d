import { GlobalWorkerOptions, getDocument, type PDFDocumentLoadingTask } from 'pdfjs-dist';
// The worker is a file of our own origin (the CSP's script-src is 'self'), hashed by Vite like any asset.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where vite.config.ts puts the files pdf.js fetches at run time (`pdfjsAssets`). */
const assets = `${import.meta.env.BASE_URL}pdfjs/`;

/**
 * Starts loading a PDF from a same-origin API route. pdf.js fetches it with credentials
 * 'same-origin', so the session cookie goes along; nothing else is needed for our own routes.
 */
export function openPdf(url: string): PDFDocumentLoadingTask {
  return getDocument({
    url,
    // The CSP has no 'unsafe-eval': pdf.js must not compile PostScript functions with `new Function`.
    isEvalSupported: false,
    // Nor 'wasm-unsafe-eval': pdf.js's WebAssembly decoders would fail, so it uses its JavaScript
    // ones (JBIG2, CCITT, and JPEG 2000 from `wasmUrl`) from the start. ICC colour profiles are
    // then not applied; colours fall back to pdf.js's own conversion.
    useWasm: false,
    wasmUrl: `${assets}wasm/`,
    cMapUrl: `${assets}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${assets}standard_fonts/`,
    // The file route answers ranges, but pdf.js's range mode (a full stream and range requests at
    // once) stalled at 100 % on a 3 MB paper in Chromium; one stream, read as it arrives, does not.
    disableRange: true,
  });
}

/** CSS pixels per PDF point at 100 % zoom: a page shows at its printed size, as in pdf.js's viewer. */
export const CSS_UNITS = 96 / 72;
