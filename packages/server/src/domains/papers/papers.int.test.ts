import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { COUNCIL_ROLES, type MeetingStatus, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobDirOf } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { loginAt, startChildServer } from '../../testing/childServer.ts';
import { Factory } from '../../testing/factories.ts';
import { docx, dropUpload, encryptedPdf, pdfWithPages, uploadPaper, zipBomb } from '../../testing/papers.ts';
import { startTestServer, type TestServer, tempDatabaseFile, waitFor } from '../../testing/server.ts';

/** Meeting papers: what is accepted, who sees what, what freezes, and what a bad file leaves behind. */
let server: TestServer;
// Small limits, so that "too large" and "the meeting is full" cost little to reach.
beforeAll(async () => {
  server = await startTestServer(undefined, null, { COUNCIL_MAX_PAPER_MB: '1', COUNCIL_MAX_MEETING_PAPERS_MB: '2' });
});
afterAll(() => server.stop());

type Person = Awaited<ReturnType<TestServer['person']>>;
const people = new Map<Role, Person>();
const as = async (role: Role) => {
  if (!people.has(role)) people.set(role, await server.person(role));
  return people.get(role) as Person;
};
const TWO_ITEMS = {
  agenda: [
    {
      id: 'open',
      title: 'Fælles integrationsplatform',
      kind: 'discussion' as const,
      durationMinutes: 30,
      confidential: false,
    },
    { id: 'secret', title: 'Udbud af hosting', kind: 'discussion' as const, durationMinutes: 30, confidential: true },
  ],
};
const meeting = (status: MeetingStatus = 'published') => server.factory.meeting({ status, content: TWO_ITEMS });
const upload = async (role: Role, meetingId: string, itemId: string, bytes: Uint8Array, name: string) =>
  uploadPaper(server.url, (await as(role)).token, meetingId, itemId, bytes, name);
const list = async (role: Role, meetingId: string) =>
  server.api('GET', `/api/meetings/${meetingId}/papers`, { token: (await as(role)).token });
const fetchFile = async (role: Role, paperId: string, query = '') =>
  fetch(`${server.url}/api/papers/${paperId}/file${query}`, {
    headers: { authorization: `Bearer ${(await as(role)).token}` },
  });
const blobs = () => blobDirOf({ blobDir: null, databaseFile: server.databaseFile });
const stagingIsEmpty = () => fs.readdirSync(path.join(blobs(), 'staging')).length === 0;
const storedBlobs = () =>
  fs
    .readdirSync(blobs())
    .filter((d) => d !== 'staging')
    .flatMap((d) => fs.readdirSync(path.join(blobs(), d)));

describe('meeting papers', () => {
  it('stores a PDF, serves it safely, and finds its words by page', async () => {
    const m = await meeting();
    const pdf = await pdfWithPages(['Indledning', 'Baggrund', 'Fjernvarmeprojektet i Aarhus']);
    const res = await upload('secretary', m.id, 'open', pdf, 'Bilag 1 – Økonomi.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      itemId: 'open',
      title: 'Bilag 1 – Økonomi',
      current: { version: 1, kind: 'pdf', size: pdf.length, fileName: 'Bilag 1 – Økonomi.pdf' },
    });

    const file = await fetchFile('network_architect', res.body.id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    expect(file.headers.get('content-disposition')).toBe(
      `inline; filename="Bilag 1 _ _konomi.pdf"; filename*=UTF-8''Bilag%201%20%E2%80%93%20%C3%98konomi.pdf`,
    );
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    const download = await fetchFile('network_architect', res.body.id, '?download=1');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    // Ranges, which the viewer asks for: a slice, the tail, and one past the end.
    const token = (await as('network_architect')).token;
    const ranged = (range: string) =>
      fetch(`${server.url}/api/papers/${res.body.id}/file`, { headers: { authorization: `Bearer ${token}`, range } });
    const slice = await ranged('bytes=0-9');
    expect(slice.status).toBe(206);
    expect(slice.headers.get('content-range')).toBe(`bytes 0-9/${pdf.length}`);
    expect(Buffer.from(await slice.arrayBuffer()).toString('latin1')).toBe(
      Buffer.from(pdf.subarray(0, 10)).toString('latin1'),
    );
    const tail = await ranged('bytes=-6');
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(pdf.subarray(pdf.length - 6)))).toBe(true);
    expect((await ranged(`bytes=${pdf.length}-`)).status).toBe(416);
    expect((await ranged('bytes=0-1,4-5')).status).toBe(200);

    await server.council.extractor.idle();
    await server.council.outbox.drain();
    const hits = await server.api('GET', '/api/search?q=Fjernvarmeprojektet', {
      token: (await as('network_architect')).token,
    });
    expect(hits.body.hits).toEqual([
      expect.objectContaining({
        type: 'paper',
        title: 'Bilag 1 – Økonomi',
        url: `/meetings/${m.id}/papers/${res.body.id}?page=3`,
      }),
    ]);
    expect((await list('chair', m.id)).body.papers[0].current).toMatchObject({ extraction: 'done', pages: 3 });
  });

  it('reads Word documents into the search index and serves Office files as downloads only', async () => {
    const m = await meeting();
    const res = await upload('chair', m.id, 'open', docx(['Arkitekturprincipper for Sønderborg']), 'Notat.docx');
    expect(res.status).toBe(201);
    const file = await fetchFile('observer', res.body.id);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    await server.council.extractor.idle();
    await server.council.outbox.drain();
    const hits = await server.api('GET', '/api/search?q=Arkitekturprincipper', { token: (await as('observer')).token });
    expect(hits.body.hits.map((h: { title: string }) => h.title)).toEqual(['Notat']);
  });

  it('is found once per paper, at its best page: the first page when its title matches', async () => {
    const m = await meeting();
    // Long enough for several slices of the index (50 pages each).
    const pages = Array.from({ length: 450 }, (_, i) => (i === 429 ? 'Solcelleanlæg på taget' : `Side ${i + 1}`));
    const id = (await upload('chair', m.id, 'open', await pdfWithPages(pages), 'Klimarapport.pdf')).body.id;
    await server.council.extractor.idle();
    await server.council.outbox.drain();
    const token = (await as('observer')).token;
    const urls = async (q: string) =>
      (await server.api('GET', `/api/search?q=${q}`, { token })).body.hits.map((h: { url: string }) => h.url);
    expect(await urls('Klimarapport')).toEqual([`/meetings/${m.id}/papers/${id}?page=1`]);
    expect(await urls('Solcelleanlæg')).toEqual([`/meetings/${m.id}/papers/${id}?page=430`]);
    // Removed, every slice of it leaves the index.
    await server.api('DELETE', `/api/papers/${id}`, { token: (await as('chair')).token });
    await server.council.outbox.drain();
    expect(await urls('Solcelleanlæg')).toEqual([]);
    expect(await urls('Klimarapport')).toEqual([]);
  });

  it('keeps and lists a file whose text cannot be read, flagged', async () => {
    const m = await meeting();
    const res = await upload('chair', m.id, 'open', Buffer.from('%PDF-1.7\nno objects here\n%%EOF\n'), 'Skannet.pdf');
    expect(res.status).toBe(201);
    await server.council.extractor.idle();
    const [paper] = (await list('observer', m.id)).body.papers;
    expect(paper).toMatchObject({ title: 'Skannet', current: { extraction: 'failed', pages: null } });
    expect((await fetchFile('observer', paper.id)).status).toBe(200);
  });

  it('refuses every bad file with its rule, and keeps nothing of it', async () => {
    const m = await meeting();
    const pdf = await pdfWithPages(['Et bilag']);
    const cases: [Uint8Array, string, string, number][] = [
      [new Uint8Array(0), 'tom.pdf', 'empty_file', 400],
      [Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary'), 'program.exe', 'unsupported_type', 400],
      [Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'side.txt', 'unsupported_type', 400],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'logo.svg',
        'unsupported_type',
        400,
      ],
      [pdf, 'bilag.docx', 'type_mismatch', 400],
      [Buffer.from('\x00\x01\x02\x03 binary noise'), 'scanning.pdf', 'type_mismatch', 400],
      [docx(['Tekst']), 'bilag.pdf', 'type_mismatch', 400],
      [pdf.subarray(0, Math.floor(pdf.length / 2)), 'halvt.pdf', 'truncated_pdf', 400],
      [await encryptedPdf(), 'hemmelig.pdf', 'encrypted_pdf', 400],
      [zipBomb(), 'bombe.docx', 'unsafe_archive', 400],
      [Buffer.from('PK\x03\x04 not really a zip'), 'brudt.docx', 'unsafe_archive', 400],
      [new Uint8Array(1024 * 1024 + 1).fill(0x41), 'stor.txt', 'file_too_large', 413],
      [pdf, 'uden-endelse', 'type_mismatch', 400],
    ];
    for (const [bytes, name, rule, status] of cases) {
      const res = await upload('secretary', m.id, 'open', bytes, name);
      expect(res.body?.error, name).toBeDefined();
      expect({ name, status: res.status, rule: res.body.error.issues?.[0]?.params?.rule }).toEqual({
        name,
        status,
        rule,
      });
      expect(res.body.error.message).toBeTruthy();
    }
    expect((await list('secretary', m.id)).body).toMatchObject({ papers: [], usedBytes: 0 });
    expect(stagingIsEmpty()).toBe(true);
  });

  it('keeps nothing of an upload whose connection drops, and stays up', async () => {
    const m = await meeting();
    const before = storedBlobs().length;
    const token = (await as('secretary')).token;
    await dropUpload(server.url, token, `/api/meetings/${m.id}/items/open/papers?name=x.pdf`, 900_000, 300_000);
    await waitFor(stagingIsEmpty, 'the staging file to go');
    expect(storedBlobs().length).toBe(before);
    expect((await list('secretary', m.id)).body.papers).toEqual([]);
    expect((await upload('secretary', m.id, 'open', await pdfWithPages(['Igen']), 'igen.pdf')).status).toBe(201);
  });

  it('stops a meeting at its total, counting every version', async () => {
    const m = await meeting();
    const text = (n: number) => new Uint8Array(900 * 1024).fill(0x41 + n);
    expect((await upload('secretary', m.id, 'open', text(0), 'a.txt')).status).toBe(201);
    expect((await upload('secretary', m.id, 'open', text(1), 'b.txt')).status).toBe(201);
    const full = await upload('secretary', m.id, 'open', text(2), 'c.txt');
    expect(full.status).toBe(413);
    expect(full.body.error.issues[0].params.rule).toBe('meeting_papers_full');
  });

  it('lets the council change papers and everyone read the open ones; a confidential item’s papers are the council’s', async () => {
    const m = await meeting('published');
    const pdf = await pdfWithPages(['Hostingudbud, tilbudsliste']);
    const open = (await upload('secretary', m.id, 'open', pdf, 'Åben.pdf')).body.id;
    const secret = (await upload('secretary', m.id, 'secret', pdf, 'Fortrolig.pdf')).body.id;
    await server.council.extractor.idle();
    await server.council.outbox.drain();

    const uploads: Record<string, number> = {};
    const listed: Record<string, string[]> = {};
    const served: Record<string, [number, number]> = {};
    const found: Record<string, number> = {};
    for (const role of ROLES) {
      const mine = await as(role);
      uploads[role] = (await upload(role, m.id, 'open', await pdfWithPages([role]), `${role}.pdf`)).status;
      listed[role] = (await list(role, m.id)).body.papers
        .filter((p: { id: string }) => [open, secret].includes(p.id))
        .map((p: { title: string }) => p.title);
      served[role] = [(await fetchFile(role, open)).status, (await fetchFile(role, secret)).status];
      found[role] = (await server.api('GET', '/api/search?q=tilbudsliste', { token: mine.token })).body.hits.length;
    }
    const council = (role: Role) => COUNCIL_ROLES.includes(role);
    expect(uploads).toEqual(Object.fromEntries(ROLES.map((r) => [r, council(r) ? 201 : 403])));
    expect(listed).toEqual(Object.fromEntries(ROLES.map((r) => [r, council(r) ? ['Åben', 'Fortrolig'] : ['Åben']])));
    expect(served).toEqual(Object.fromEntries(ROLES.map((r) => [r, [200, council(r) ? 200 : 404]])));
    expect(found).toEqual(Object.fromEntries(ROLES.map((r) => [r, council(r) ? 2 : 1])));

    // Outside the council, a confidential item's papers cannot even be touched: 404, as if absent.
    const architect = await as('network_architect');
    for (const [method, route, body] of [
      ['PATCH', `/api/papers/${secret}`, { title: 'x' }],
      ['DELETE', `/api/papers/${secret}`, undefined],
      ['POST', `/api/papers/${secret}/restore`, undefined],
    ] as const) {
      expect((await server.api(method, route, { token: architect.token, body })).status).toBe(404);
    }
    expect((await upload('network_architect', m.id, 'secret', pdf, 'x.pdf')).status).toBe(404);
  });

  it('hides a draft meeting’s papers from the network', async () => {
    const m = await meeting('draft');
    const id = (await upload('chair', m.id, 'open', await pdfWithPages(['Udkast']), 'Udkast.pdf')).body.id;
    expect((await list('network_architect', m.id)).status).toBe(404);
    expect((await fetchFile('network_architect', id)).status).toBe(404);
    expect((await fetchFile('council_member', id)).status).toBe(200);
  });

  it('renames, moves, replaces, removes and restores, changing only what is named', async () => {
    const m = await meeting();
    const token = (await as('secretary')).token;
    const ids: string[] = [];
    for (const name of ['a.pdf', 'b.pdf', 'c.pdf'])
      ids.push((await upload('secretary', m.id, 'open', await pdfWithPages([name]), name)).body.id);
    const titles = async () => (await list('secretary', m.id)).body.papers.map((p: { title: string }) => p.title);

    const renamed = await server.api('PATCH', `/api/papers/${ids[0]}`, { token, body: { title: 'Budget 2027' } });
    expect(renamed.status).toBe(200);
    expect(await titles()).toEqual(['Budget 2027', 'b', 'c']);
    await server.api('PATCH', `/api/papers/${ids[2]}`, { token, body: { position: 0 } });
    expect(await titles()).toEqual(['c', 'Budget 2027', 'b']);
    expect((await server.api('PATCH', `/api/papers/${ids[0]}`, { token, body: {} })).status).toBe(400);
    expect((await server.api('PATCH', `/api/papers/${ids[0]}`, { token, body: { title: 7 } })).status).toBe(400);

    const replaced = await uploadVersion(token, ids[0] as string, await pdfWithPages(['Ny udgave']), 'budget-v2.pdf');
    expect(replaced.status).toBe(201);
    expect(replaced.body.title).toBe('Budget 2027');
    expect(replaced.body.versions.map((v: { version: number; fileName: string }) => [v.version, v.fileName])).toEqual([
      [2, 'budget-v2.pdf'],
      [1, 'a.pdf'],
    ]);
    expect((await fetchFile('observer', ids[0] as string, '?version=1')).status).toBe(200);

    expect((await server.api('DELETE', `/api/papers/${ids[1]}`, { token })).body.removedAt).toBeTruthy();
    const afterRemoval = (await list('secretary', m.id)).body;
    expect(afterRemoval.papers.map((p: { title: string }) => p.title)).toEqual(['c', 'Budget 2027']);
    expect(afterRemoval.removed.map((p: { title: string }) => p.title)).toEqual(['b']);
    expect((await list('observer', m.id)).body.removed).toEqual([]);
    expect((await fetchFile('observer', ids[1] as string)).status).toBe(200);
    await server.api('POST', `/api/papers/${ids[1]}/restore`, { token });
    expect(await titles()).toEqual(['c', 'Budget 2027', 'b']);

    const audit = await server.api('GET', `/api/audit?resource=meeting:${m.id}`, { token: (await as('chair')).token });
    const actions = (audit.body.entries as { action: string }[]).map((a) => a.action);
    for (const action of ['paper.upload', 'paper.update', 'paper.replace', 'paper.remove', 'paper.restore'])
      expect(actions).toContain(action);
  });

  it('freezes papers with the approved minutes, which list them (the public version leaves the confidential ones out)', async () => {
    const m = await meeting('minutes-draft');
    const id = (await upload('secretary', m.id, 'open', await pdfWithPages(['Før']), 'Budget.pdf')).body.id;
    await upload('secretary', m.id, 'secret', await pdfWithPages(['Før']), 'Tilbudsliste.pdf');
    const token = (await as('secretary')).token;
    const removed = (await upload('secretary', m.id, 'open', await pdfWithPages(['Væk']), 'Fjernet.pdf')).body.id;
    await server.api('DELETE', `/api/papers/${removed}`, { token });
    const approval = await server.api('POST', `/api/meetings/${m.id}/approve`, {
      token: (await as('chair')).token,
      body: { confirm: ['attendance'] },
    });
    expect(approval.status).toBe(200);

    expect((await upload('secretary', m.id, 'open', await pdfWithPages(['Efter']), 'efter.pdf')).status).toBe(409);
    expect((await uploadVersion(token, id, await pdfWithPages(['Efter']), 'efter.pdf')).status).toBe(409);
    expect((await server.api('PATCH', `/api/papers/${id}`, { token, body: { title: 'Nyt' } })).status).toBe(409);
    expect((await server.api('DELETE', `/api/papers/${id}`, { token })).status).toBe(409);
    expect((await server.api('POST', `/api/papers/${removed}/restore`, { token })).status).toBe(409);
    expect((await upload('network_architect', m.id, 'open', await pdfWithPages(['x']), 'x.pdf')).status).toBe(403);
    expect((await fetchFile('network_architect', id)).status).toBe(200);

    const council = (await server.api('GET', `/api/meetings/${m.id}/minutes`, { token })).body.markdown;
    // Markdown escapes the brackets around each file's name.
    expect(council).toContain('Bilag:\n\n- Budget \\(Budget.pdf\\)');
    expect(council).toContain('- Tilbudsliste \\(Tilbudsliste.pdf\\)');
    expect(council).not.toContain('Fjernet');
    const architect = (await as('network_architect')).token;
    const publicMinutes = (await server.api('GET', `/api/meetings/${m.id}/minutes`, { token: architect })).body
      .markdown;
    expect(publicMinutes).toContain('Budget \\(Budget.pdf\\)');
    expect(publicMinutes).not.toContain('Tilbudsliste');
  });

  it('refuses an upload that was on its way when the minutes were approved, and keeps nothing of it', async () => {
    const m = await meeting('minutes-draft');
    const pdf = Buffer.from(await pdfWithPages(['Sent']));
    const token = (await as('secretary')).token;
    const chair = (await as('chair')).token;
    const answer = new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${server.url}/api/meetings/${m.id}/items/open/papers?name=sent.pdf`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': String(pdf.length) } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write(pdf.subarray(0, 100));
      // The chair approves while the rest of the file is still to come.
      void server
        .api('POST', `/api/meetings/${m.id}/approve`, {
          token: chair,
          body: { confirm: ['attendance'] },
        })
        .then((approved) => {
          expect(approved.status).toBe(200);
          request.end(pdf.subarray(100));
        });
    });
    expect(await answer).toBe(409);
    expect((await list('secretary', m.id)).body.papers).toEqual([]);
    expect(stagingIsEmpty()).toBe(true);
  });

  it('answers 404 for unknown meetings, items and papers, and 400 for malformed ids', async () => {
    const m = await meeting();
    const pdf = await pdfWithPages(['x']);
    expect((await upload('chair', 'm-nothere', 'open', pdf, 'x.pdf')).status).toBe(404);
    expect((await upload('chair', m.id, 'nothere', pdf, 'x.pdf')).status).toBe(404);
    expect((await fetchFile('chair', 'p-nothere')).status).toBe(404);
    expect((await fetchFile('chair', 'bad id!')).status).toBe(400);
    const noName = await fetch(`${server.url}/api/meetings/${m.id}/items/open/papers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await as('chair')).token}` },
      body: pdf,
    });
    expect(noName.status).toBe(400);
  });
});

async function uploadVersion(token: string, paperId: string, bytes: Uint8Array, name: string) {
  const response = await fetch(`${server.url}/api/papers/${paperId}/versions?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies field by field
  return { status: response.status, body: (await response.json()) as any };
}

describe('meeting papers across a crash', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('loses no acknowledged paper when the server is killed with SIGKILL, and reads its text after the restart', async () => {
    const databaseFile = tempDatabaseFile();
    const db = openDatabase(databaseFile);
    const factory = new Factory(db);
    const person = await factory.person({ role: 'secretary' });
    const m = await factory.meeting({ status: 'published' });
    db.close();
    const first = await startChildServer(databaseFile, children);
    const url = `http://127.0.0.1:${first.port}`;
    const token = await loginAt(first.port, person.email, person.password);
    const pdfs = await Promise.all(
      [1, 2, 3].map((n) => pdfWithPages([`Bilag ${n}`, `Kraftvarme side 2 af bilag ${n}`])),
    );
    const ids: string[] = [];
    for (const [n, pdf] of pdfs.entries()) {
      const res = await uploadPaper(url, token, m.id, 'i1', pdf, `Bilag ${n + 1}.pdf`);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // At once, before the extraction worker can have read them all.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startChildServer(databaseFile, children);
    const again = `http://127.0.0.1:${second.port}`;
    const token2 = await loginAt(second.port, person.email, person.password);
    for (const [n, id] of ids.entries()) {
      const file = await fetch(`${again}/api/papers/${id}/file`, { headers: { authorization: `Bearer ${token2}` } });
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(pdfs[n] as Uint8Array))).toBe(true);
    }
    await waitFor(
      async () => {
        const res = await fetch(`${again}/api/search?q=Kraftvarme`, { headers: { authorization: `Bearer ${token2}` } });
        return ((await res.json()) as { hits: unknown[] }).hits.length === 3;
      },
      'the restarted server to read every paper into search',
      // A worker per file, each loading pdf.js: seconds on a busy two-core machine.
      30_000,
    );
  }, 60_000);
});

describe('meeting papers on a full disk', () => {
  it('refuses with 503 what it cannot store, acknowledges nothing of it, and goes on', async (context) => {
    // The blob folder on its own 3 MB tmpfs (root, or CAP_SYS_ADMIN; otherwise the test skips itself).
    const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-blobs-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', blobDir], { stdio: 'pipe' });
    } catch (error) {
      context.skip(`cannot mount a tmpfs: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`);
    }
    const full = await startTestServer(undefined, null, { COUNCIL_BLOB_DIR: blobDir });
    try {
      const token = (await full.person('secretary')).token;
      const m = await full.factory.meeting({ status: 'published' });
      const text = (n: number, megabytes: number) => new Uint8Array(megabytes * 1024 * 1024).fill(0x41 + n);
      expect((await uploadPaper(full.url, token, m.id, 'i1', text(0, 2), 'a.txt')).status).toBe(201);
      const refused = await uploadPaper(full.url, token, m.id, 'i1', text(1, 2), 'b.txt');
      expect(refused.status).toBe(503);
      expect(fs.readdirSync(path.join(blobDir, 'staging'))).toEqual([]);
      const listed = await full.api('GET', `/api/meetings/${m.id}/papers`, { token });
      expect(listed.body.papers.map((p: { title: string }) => p.title)).toEqual(['a']);
      expect((await uploadPaper(full.url, token, m.id, 'i1', Buffer.from('Lille note\n'), 'c.txt')).status).toBe(201);
    } finally {
      await full.stop();
      execFileSync('umount', ['-l', blobDir]);
      fs.rmSync(blobDir, { recursive: true, force: true });
    }
  });
});
