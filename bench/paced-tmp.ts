import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, SqliteDocumentStore } from '@council/server/bench';

const mode = process.argv[2] ?? 'default';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paced-'));
const db = openDatabase(path.join(dir, 'c.sqlite'));
if (mode === 'exclusive') db.pragma('locking_mode = EXCLUSIVE');
const store = new SqliteDocumentStore(db);
const fd = fs.openSync(path.join(dir, 'log.bin'), 'a');
const update = new Uint8Array(40).fill(7);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cpu = 0;
const n = 200;
for (let i = 0; i < n + 20; i++) {
  await sleep(50);
  const c = process.cpuUsage();
  if (mode === 'file') fs.writeSync(fd, update);
  else store.appendUpdate('meeting:x', update);
  const u = process.cpuUsage(c);
  if (i >= 20) cpu += u.user + u.system;
}
console.log(mode, (cpu / n).toFixed(1), 'µs CPU per paced append');
