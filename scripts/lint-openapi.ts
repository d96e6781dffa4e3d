/**
 * Lints the OpenAPI document the server serves, built by the product's own `openApiDocument`, with
 * Redocly's `recommended` rules. Any error and any warning fails (Redocly itself fails on errors only).
 * Offline: telemetry and the update check are off, and the document is a temporary file.
 *
 *   pnpm lint:api
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApiDocument } from '../packages/server/src/http/openapi.ts';

interface Report {
  version: string;
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer?: string }[] }[];
}

const redocly = path.resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'redocly');

/** `#/paths/~1api~1me/get` → `/paths//api/me/get`, as people read it. */
const readable = (pointer = '') => pointer.replace(/^#/, '').replaceAll('~1', '/').replaceAll('~0', '~');

/** JSON pointer escaping of one path segment. */
const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Operations that only ever redirect (single sign-on's start and callback, reached by top-level
 * navigation): they have no 2XX answer by nature, so `operation-2xx-response` is told to ignore
 * exactly these, through Redocly's ignore file beside the document; every other rule still holds.
 */
function redirectOnly(document: { paths: Record<string, Record<string, { responses?: object }>> }): string[] {
  return Object.entries(document.paths).flatMap(([route, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => {
        const codes = Object.keys(op.responses ?? {});
        return codes.some((c) => c.startsWith('3')) && !codes.some((c) => c.startsWith('2'));
      })
      .map(([method]) => `#/paths/${pointerSegment(route)}/${method}/responses`),
  );
}

function lint(file: string): number {
  const document = openApiDocument(null) as { paths: Record<string, Record<string, { responses?: object }>> };
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const redirects = redirectOnly(document);
  if (redirects.length > 0) {
    const ignore = { [path.basename(file)]: { 'operation-2xx-response': redirects } };
    fs.writeFileSync(
      path.join(path.dirname(file), '.redocly.lint-ignore.yaml'),
      `${JSON.stringify(ignore, null, 2)}\n`,
    );
  }
  const run = spawnSync(redocly, ['lint', file, '--extends', 'recommended', '--format', 'json'], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    // Redocly did not get as far as a report: show why.
    process.stderr.write(run.stderr ?? '');
    console.error(`redocly lint gave no report (exit ${run.status ?? run.signal}) ${run.error?.message ?? ''}`);
    return 2;
  }
  for (const p of report.problems) {
    const severity = p.severity === 'error' ? 'error' : 'warning';
    console.log(`${severity} ${p.ruleId} at ${readable(p.location[0]?.pointer)}: ${p.message}`);
  }
  const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  const { errors, warnings, ignored } = report.totals;
  console.log(
    `OpenAPI lint (Redocly ${report.version}, recommended): ${operations} operations, ${errors} errors, ${warnings} warnings` +
      (ignored ? ` (${ignored} ignored: redirect-only operations without a 2XX answer)` : ''),
  );
  return errors + warnings > 0 ? 1 : 0;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-openapi-'));
let code: number;
try {
  code = lint(path.join(dir, 'openapi.json'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
