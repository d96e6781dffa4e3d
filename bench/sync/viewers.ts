/**
 * Fan-out viewers, in their own process: R light clients (wire.ts) that authenticate, sync, and
 * then only scan incoming frames for the writers' markers and time them.
 *
 * IPC: {setup} → {connected}; then per round: {expect: n} → waits until n markers arrived in all
 * (or 10 s) → {report} of that round.
 */
import { Histogram } from './histogram.ts';
import { sleep } from './proc.ts';
import { LightClient, nowMicros, scanMarkers, type Target } from './wire.ts';

export interface ViewersSetup {
  target: Target;
  viewers: number;
  writers: number;
}

export interface ViewersReport {
  received: number;
  repeats: number;
  latency: number[];
}

async function run(setup: ViewersSetup): Promise<void> {
  const latency = new Histogram();
  let received = 0;
  let repeats = 0;
  const clients: LightClient[] = [];
  const document = setup.target.documents[0] as string;
  for (let batch = 0; batch < setup.viewers; batch += 100) {
    const connecting: Promise<void>[] = [];
    for (let i = batch; i < Math.min(setup.viewers, batch + 100); i++) {
      const client = new LightClient(setup.target, document, setup.target.viewerToken);
      const lastSeq = new Int32Array(setup.writers).fill(-1);
      client.onFrame = (frame) => {
        const now = nowMicros();
        scanMarkers(frame, (writer, seq, sent) => {
          if (seq <= (lastSeq[writer] as number)) {
            repeats += 1;
            return;
          }
          lastSeq[writer] = seq;
          received += 1;
          latency.add(now - sent);
        });
      };
      clients.push(client);
      connecting.push(client.connect());
    }
    await Promise.all(connecting);
  }
  process.send?.({ connected: true });
  process.on('message', async ({ expect }: { expect: number }) => {
    const end = performance.now() + 10_000;
    while (received < expect && performance.now() < end) await sleep(20);
    const report: ViewersReport = { received, repeats, latency: [...latency.counts] };
    received = 0;
    repeats = 0;
    latency.clear();
    process.send?.({ report });
  });
}

process.once('message', (setup: ViewersSetup) => {
  run(setup).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
