// The Debian programs the tests use: Chromium for the e2e tests (playwright's own download cannot
// work here), poppler-utils (pdftoppm, pdftotext) to check that archival PDFs render page by page,
// and unzip for archival ZIPs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
  // Unpacks archival ZIPs as an archivist would, to check their names and checksums.
  { path: '/usr/bin/unzip', pkg: 'unzip' },
];
const missing = TOOLS.filter((tool) => !existsSync(tool.path)).map((tool) => tool.pkg);
if (missing.length === 0) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(
    `Missing ${missing.join(', ')}. Install with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
console.log(`Installing Debian ${missing.join(', ')} for the tests …`);
execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, {
  stdio: 'inherit',
});
