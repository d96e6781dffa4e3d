/**
 * Notifications (issue 17): what raising an event and sending its mail cost, and whether sending
 * mail slows the collaboration server.
 *
 * Usage: pnpm bench:notify [--only enqueue,sender,fanout] [--recipients 500] [--runs 200]
 *        [--mails 2000] [--fanout-mails 5000] [--duration 20] [--warmup 5]
 *
 * - enqueue: one event to `recipients` people (each a notification and a mail row), in one
 *   transaction as a command would write it; `runs` times; latency percentiles. Target p95 < 50 ms.
 * - sender: `mails` mails through the real sender to an SMTP server on 127.0.0.1 (smtp-server);
 *   mails per second, from the commit until the SMTP server has accepted the last one.
 * - fanout: the sync benchmark's fan-out at 10 writers and 100 viewers, once plainly and once while
 *   the same server process sends `fanout-mails` mails (written before the warm-up); p99 of both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv, createCouncilServer, Factory, projectionNotifier, startSmtp } from '@council/server/bench';
import { fanout, fanoutTable } from '../sync/fanout.ts';
import { Histogram } from '../sync/histogram.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'enqueue,sender,fanout' },
    recipients: { type: 'string', default: '500' },
    runs: { type: 'string', default: '200' },
    mails: { type: 'string', default: '2000' },
    'fanout-mails': { type: 'string', default: '5000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
  },
});
const wanted = (part: string) => (values.only as string).split(',').includes(part);
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'council-bench-notify-'));
const council = (dir: string, env: Record<string, string> = {}) =>
  createCouncilServer({
    ...configFromEnv({ LOG_LEVEL: 'silent', ...env }),
    databaseFile: path.join(dir, 'council.sqlite'),
    webDist: null,
    seedDemo: false,
  });

if (wanted('enqueue')) {
  const recipients = Number(values.recipients);
  const runs = Number(values.runs);
  const dir = tempDir();
  const server = council(dir);
  const factory = new Factory(server.db);
  const ids: string[] = [];
  for (let i = 0; i < recipients; i++) ids.push((await factory.person({ role: 'council_member' })).id);
  const notifier = projectionNotifier(server.db);
  const latency = new Histogram();
  for (let run = -10; run < runs; run++) {
    const start = performance.now();
    server.db.transaction(() => {
      notifier.notify({
        kind: 'taskAssigned', // mailed at once by default: a notification and a mail row per person
        recipients: ids,
        actorId: null,
        dedupeKey: `bench:${run}`,
        values: { task: 'Kortlæg integrationer', group: 'Arbejdsgruppe for data og integration' },
        url: '/tasks',
      });
    })();
    if (run >= 0) latency.add((performance.now() - start) * 1000);
  }
  console.log(
    `enqueue: one event to ${recipients} people, ${runs} runs: p50 ${latency.percentile(50)?.toFixed(2)} ms, p95 ${latency.percentile(95)?.toFixed(2)} ms, p99 ${latency.percentile(99)?.toFixed(2)} ms`,
  );
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (wanted('sender')) {
  const mails = Number(values.mails);
  const smtp = await startSmtp(0, { parse: false });
  const dir = tempDir();
  const server = council(dir, { COUNCIL_SMTP_URL: smtp.url });
  await server.listen(0);
  const { queueBenchMail } = await import('@council/server/bench');
  const start = performance.now();
  queueBenchMail(server, mails);
  while (smtp.accepted < mails) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `sender: ${mails} mails to a local SMTP server in ${seconds.toFixed(1)} s, ${(mails / seconds).toFixed(0)} mails/s`,
  );
  await server.close();
  await smtp.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (wanted('fanout')) {
  const count = Number(values['fanout-mails']);
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const smtp = await startSmtp(0, { parse: false });
  const plain = await fanout('council', 10, 100, durationMs, warmupMs, { env: { COUNCIL_SMTP_URL: smtp.url } });
  const before = smtp.accepted;
  const mailing = await fanout('council', 10, 100, durationMs, warmupMs, {
    env: { COUNCIL_SMTP_URL: smtp.url },
    // Written before the warm-up, so the measured window sees the sending, not the one-off write of
    // 5,000 notifications; at about 100 mails/s the sending lasts well past the window.
    beforeWarmup: (server) => server.child.send({ mail: count }),
  });
  console.log(
    `\nFan-out at (10, 100), ${durationMs / 1000} s, without and with ${count} mails being sent meanwhile (written before the warm-up)`,
  );
  console.log(fanoutTable([plain, mailing]));
  console.log(`mails the SMTP server accepted during the second run: ${smtp.accepted - before} of ${count}`);
  await smtp.close();
}
