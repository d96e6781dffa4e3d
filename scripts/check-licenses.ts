/**
 * Fails when a production dependency carries a strong-copyleft licence (GPL or AGPL), or one that
 * cannot be read; see licenses.ts for what is allowed. Reads `pnpm licenses list --prod --json`, or
 * the file given as an argument (a saved report).
 *
 *   pnpm licenses:check
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type LicenseReport, offendersIn } from './licenses.ts';

function readReport(file: string | undefined): LicenseReport | null {
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8')) as LicenseReport;
  const run = spawnSync('pnpm', ['licenses', 'list', '--prod', '--json'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    process.stderr.write(run.stderr ?? '');
    console.error(`pnpm licenses list failed (exit ${run.status ?? run.signal}) ${run.error?.message ?? ''}`);
    return null;
  }
  try {
    return JSON.parse(run.stdout) as LicenseReport;
  } catch {
    console.error(`pnpm licenses list gave no JSON:\n${run.stdout}`);
    return null;
  }
}

const report = readReport(process.argv[2]);
if (!report) process.exit(2);
const packages = Object.values(report).reduce((n, list) => n + list.length, 0);
const offenders = offendersIn(report);
for (const o of offenders) {
  const why = o.class === 'strong-copyleft' ? 'strong copyleft' : 'licence unknown or unreadable';
  console.error(`${o.name}@${o.versions.join(', ')}: ${o.license} (${why})`);
}
if (offenders.length > 0) {
  console.error(
    `${offenders.length} of ${packages} production dependencies carry a strong-copyleft or unknown licence: ` +
      'replace them, or move them to devDependencies if production does not need them.',
  );
  process.exit(1);
}
console.log(
  `Licences: ${packages} production dependencies under ${Object.keys(report).length} licences, none strong copyleft`,
);
