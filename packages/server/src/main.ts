import { createCouncilServer } from './app.ts';
import { configFromEnv } from './config.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';

const config = configFromEnv();
if (config.production && !config.publicUrl) {
  throw new Error('Set COUNCIL_PUBLIC_URL to the address people use, e.g. https://raad.example.dk');
}
const council = createCouncilServer(config);

if (config.seedDemo) {
  const seeded = await seedDemoIfEmpty(council);
  if (seeded) printDemoSignIns(seeded);
}

const port = await council.listen(config.port, config.host);
council.logger.info({ port, database: config.databaseFile }, `Council is running at http://localhost:${port}`);

function printDemoSignIns(signIns: { email: string; role: string }[]): void {
  process.stdout.write('\nDemo sign-ins (password for all: demo-council-2011):\n');
  for (const s of signIns) process.stdout.write(`  ${s.role.padEnd(18)} ${s.email}\n`);
  process.stdout.write('\n');
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await council.close();
    process.exit(0);
  });
}
