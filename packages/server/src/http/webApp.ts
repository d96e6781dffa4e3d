import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, Router } from 'express';
import type { Logger } from '../logger.ts';

/** An error with the status it answers with, as `send` and body-parser make them. */
const withStatus = (status: number, message: string) => Object.assign(new Error(message), { status });

const PAGES: Record<number, { da: string; en: string }> = {
  400: { da: 'Adressen kunne ikke forstås.', en: 'The address could not be understood.' },
  404: { da: 'Siden findes ikke.', en: 'This page does not exist.' },
  500: { da: 'Noget gik galt på serveren.', en: 'Something went wrong on the server.' },
};

/** A plain page in both languages, with a way home: never a stack trace, nothing of the server's files. */
function plainPage(status: number): string {
  const text = PAGES[status] ?? (status >= 500 ? PAGES[500] : PAGES[400]);
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Council</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Council</h1>
<p>${text?.da}</p>
<p lang="en">${text?.en}</p>
<p><a href="/">Til forsiden</a> · <a href="/" lang="en">Go to the home page</a></p>
</body>
</html>
`;
}

/**
 * Everything outside /api: the built web app and its client-side routes. Files are served relative
 * to the app's folder, so that the folder itself may sit anywhere, also below one whose name starts
 * with a dot (`/srv/.apps/council`); `send` refuses dot segments only within what is requested.
 */
export function webAppRoutes(webDist: string | null, logger: Logger): Router {
  const router = Router();
  // A path that does not decode is no page of ours: a plain 400 rather than the app shell.
  router.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      return next(withStatus(400, 'Malformed URL'));
    }
    next();
  });
  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    const root = path.resolve(webDist);
    router.use(express.static(root, { index: false, maxAge: '1h', dotfiles: 'ignore' }));
    // A chunk that is not there (a page loaded before a new deployment asks for the old names) is
    // a 404: the app shell in its place would fail as a module with a misleading type error.
    router.use('/assets', (_req, _res, next) => next(withStatus(404, 'No such asset')));
    // Client-side routes: every other GET gets the app shell.
    router.get(/^(?!\/(api|collab)(\/|$)).*/, (_req, res, next) => {
      res.sendFile('index.html', { root }, (err) => err && next(err));
    });
  }
  router.use((_req, _res, next) => next(withStatus(404, 'Not found')));
  router.use(pageErrors(logger));
  return router;
}

/** The last word on any request outside /api, so that Express's own error page (with its stack trace) is never sent. */
export function pageErrors(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err); // Express then only closes the connection
    const given = Number(err?.status ?? err?.statusCode);
    const status = given >= 400 && given < 500 ? given : 500;
    if (status === 500) logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(status).type('html').set('Cache-Control', 'no-store').send(plainPage(status));
  };
}
