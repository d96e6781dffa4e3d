/**
 * The test suite's fuzzers (packages/server/src/testing/fuzz.ts), run longer against Council in its
 * own process, so that a crash is a dead process rather than a failed test.
 */
import path from 'node:path';
import { dataSnapshot, type FuzzReport, fuzzCollab, fuzzRest } from '@council/server/fuzz';
import BetterSqlite3 from 'better-sqlite3';
import { launchServer, removeData, settleServer, stopServer } from './launch.ts';
import { table } from './results.ts';

export interface FuzzResult extends FuzzReport {
  target: '/collab' | 'REST';
  seed: number;
}

export async function fuzz(cases: number, seed: number): Promise<FuzzResult[]> {
  const server = await launchServer('council', 1);
  const { target } = server;
  const httpUrl = target.url.replace(/^ws/, 'http').replace(/\/collab$/, '');
  const db = new BetterSqlite3(path.join(server.dataDir, 'council.sqlite'), { readonly: true });
  try {
    const collab = await fuzzCollab({
      wsUrl: target.url,
      httpUrl,
      document: target.documents[0] as string,
      token: target.writerToken,
      cases,
      seed,
    });
    const spec = (await (await fetch(`${httpUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(spec.paths)
      .flatMap(([route, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .filter((route) => route !== 'POST /api/auth/logout');
    const meetingId = (target.documents[0] as string).split(':')[1] as string;
    const rest = await fuzzRest({
      url: httpUrl,
      routes,
      tokens: [target.writerToken, target.viewerToken],
      ids: [meetingId, 'i1', '2026-001'],
      snapshot: async () => {
        await settleServer(server);
        return dataSnapshot(db);
      },
      cases: cases * 2,
      seed,
    });
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    if (!alive) collab.crashes += 1;
    return [
      { target: '/collab', seed, ...collab },
      { target: 'REST', seed, ...rest },
    ];
  } finally {
    db.close();
    await stopServer(server);
    removeData(server);
  }
}

export function fuzzTable(results: FuzzResult[]): string {
  return table(
    ['target', 'seed', 'cases', 'crashes', '5xx', 'corruptions', 'statuses'],
    results.map((r) => [
      r.target,
      r.seed,
      r.cases,
      r.crashes,
      r.serverErrors,
      r.corruptions,
      r.statuses
        ? Object.entries(r.statuses)
            .map(([s, n]) => `${s}: ${n}`)
            .join(', ')
        : '–',
    ]),
  );
}
