/**
 * Durability: 10 writers send a one-second burst of edits; the server is killed with SIGKILL at a
 * random moment between 0.2 and 4 s after the burst began (during it, or up to 3 s after) and
 * restarted; a fresh client then reads the document. Every edit the server acknowledged
 * before it died must be there. Writers are light clients that send one marker per update and count
 * Hocuspocus's per-update acknowledgements (SyncStatus), which arrive in order per connection.
 */
import { seeded } from '@council/server/fuzz';
import * as Y from 'yjs';
import { launchServer, removeData, stopServer } from './launch.ts';
import { sleep } from './proc.ts';
import { fixed, table } from './results.ts';
import type { ServerKind } from './server.ts';
import { LightClient, marker, scanMarkers } from './wire.ts';

export interface DurabilityResult {
  server: ServerKind;
  trials: number;
  acknowledged: number;
  found: number;
  lost: number;
  trialsWithLoss: number;
  killAfterMs: number[];
}

const WRITERS = 10;
const UPDATE_EVERY_MS = 5;
const BURST_MS = 1000;

async function trial(kind: ServerKind, killAfterMs: number): Promise<{ acknowledged: number; found: number }> {
  let server = await launchServer(kind, 1);
  const document = server.target.documents[0] as string;
  const acknowledged = new Set<string>();
  const writers = await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const client = new LightClient(server.target, document, server.target.writerToken);
      await client.connect();
      const doc = new Y.Doc();
      const text = doc.getText(`burst-${w}`);
      const pending: string[] = [];
      client.onAck = (applied) => {
        const id = pending.shift();
        if (applied && id) acknowledged.add(id);
      };
      doc.on('update', (update: Uint8Array) => client.sendUpdate(update));
      let seq = 0;
      const burstEnd = performance.now() + BURST_MS;
      const timer = setInterval(() => {
        if (client.ws.readyState !== client.ws.OPEN || performance.now() > burstEnd) return;
        pending.push(`${w}:${seq}`);
        text.insert(text.length, marker(w, seq));
        seq += 1;
      }, UPDATE_EVERY_MS);
      return { client, stop: () => clearInterval(timer) };
    }),
  );
  await sleep(killAfterMs);
  await stopServer(server, 'SIGKILL');
  for (const writer of writers) {
    writer.stop();
    writer.client.close();
  }

  server = await launchServer(kind, 1, server.dataDir);
  const found = new Set<string>();
  const reader = new LightClient(server.target, document, server.target.viewerToken);
  reader.onFrame = (frame) => scanMarkers(frame, (w, seq) => found.add(`${w}:${seq}`));
  await reader.connect();
  reader.close();
  await stopServer(server);
  removeData(server);
  return { acknowledged: acknowledged.size, found: [...acknowledged].filter((id) => found.has(id)).length };
}

export async function durability(kind: ServerKind, trials: number): Promise<DurabilityResult> {
  const rand = seeded(7).next; // every run kills at the same moments
  const result: DurabilityResult = {
    server: kind,
    trials,
    acknowledged: 0,
    found: 0,
    lost: 0,
    trialsWithLoss: 0,
    killAfterMs: [],
  };
  for (let i = 0; i < trials; i++) {
    const killAfterMs = Math.round(200 + rand() * 3800);
    const { acknowledged, found } = await trial(kind, killAfterMs);
    result.killAfterMs.push(killAfterMs);
    result.acknowledged += acknowledged;
    result.found += found;
    result.lost += acknowledged - found;
    if (found < acknowledged) result.trialsWithLoss += 1;
  }
  return result;
}

export function durabilityTable(results: DurabilityResult[]): string {
  return table(
    ['server', 'trials', 'acknowledged', 'found after restart', 'lost', 'trials that lost edits'],
    results.map((r) => [
      r.server,
      r.trials,
      r.acknowledged,
      r.found,
      r.lost === 0 ? '0' : `**${r.lost}**`,
      `${r.trialsWithLoss} (${fixed((r.trialsWithLoss / r.trials) * 100, 0)}%)`,
    ]),
  );
}
