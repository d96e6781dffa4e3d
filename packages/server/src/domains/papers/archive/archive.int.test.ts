import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWithPages, tinyPng, uploadPaper } from '../../../testing/papers.ts';
import { startTestServer, type TestServer } from '../../../testing/server.ts';

/** The archival export of an approved meeting, as the council and as the public get it. */
let server: TestServer;
let meetingId: string;
let chair: string;
let architect: string;
beforeAll(async () => {
  server = await startTestServer();
  chair = (await server.person('chair')).token;
  architect = (await server.person('network_architect')).token;
  const meeting = await server.factory.meeting({
    status: 'minutes-draft',
    title: 'Rådsmøde 3/2027',
    content: {
      agenda: [
        {
          id: 'open',
          title: 'Fælles integrationsplatform',
          kind: 'discussion',
          durationMinutes: 30,
          confidential: false,
        },
        { id: 'secret', title: 'Udbud af hosting', kind: 'discussion', durationMinutes: 30, confidential: true },
      ],
      notes: { open: ['Platformen blev drøftet.'], secret: ['Tilbuddene FORTROLIG-NOTE blev vurderet.'] },
    },
  });
  meetingId = meeting.id;
  const upload = async (itemId: string, bytes: Uint8Array, name: string) =>
    expect((await uploadPaper(server.url, chair, meetingId, itemId, bytes, name)).status).toBe(201);
  await upload('open', await pdfWithPages(['Bilag A side 1', 'Bilag A side 2', 'Bilag A side 3']), 'Platform.pdf');
  await upload('open', Buffer.from('Kommune;Tilsluttet\nAarhus;ja\n'), 'Tilslutning på Ærø.csv');
  await upload('secret', await pdfWithPages(['Tilbudsliste HEMMELIG-BILAG']), 'Tilbud.pdf');
  await upload('open', tinyPng(), 'Skitse.png');
  const approved = await server.api('POST', `/api/meetings/${meetingId}/approve`, {
    token: chair,
    body: { confirm: ['attendance'] },
  });
  expect(approved.status).toBe(200);
});
afterAll(() => server.stop());

const get = (route: string, token: string) =>
  fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${token}` } });

/** Every page rendered by poppler's pdftoppm, and the text pdftotext reads, from a temporary file. */
function readWithPoppler(pdf: Uint8Array): { pages: number; text: string; images: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-archive-'));
  const file = path.join(dir, 'archive.pdf');
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '20', '-png', file, path.join(dir, 'page')]);
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).length;
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // pdfimages lists two heading lines, then one line per image.
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length - 2;
  fs.rmSync(dir, { recursive: true });
  return { pages, text, images };
}

describe('the archival export', () => {
  it('gives the council one PDF with the minutes and every paper, that poppler renders page by page', async () => {
    const res = await get(`/api/meetings/${meetingId}/archive.pdf`, chair);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    const pdf = new Uint8Array(await res.arrayBuffer());
    const pageCount = (await PDFDocument.load(pdf)).getPageCount();
    const { pages, text, images } = readWithPoppler(pdf);
    expect(pages).toBe(pageCount);
    expect(images).toBe(1);
    for (const words of [
      'Indhold',
      'Fælles integrationsplatform',
      'Bilag A side 3',
      'HEMMELIG-BILAG',
      'Tilslutning på Ærø.csv',
    ])
      expect(text).toContain(words);
    expect(text).toContain(`Side ${pageCount} af ${pageCount}`);
  });

  it('gives the public a variant without confidential items’ papers, and refuses it the council’s', async () => {
    expect((await get(`/api/meetings/${meetingId}/archive.pdf?variant=council`, architect)).status).toBe(403);
    const res = await get(`/api/meetings/${meetingId}/archive.pdf`, architect);
    expect(res.status).toBe(200);
    const { text } = readWithPoppler(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain('Bilag A side 3');
    expect(text).not.toContain('HEMMELIG-BILAG');
    expect(text).not.toContain('FORTROLIG-NOTE');
    expect(text).not.toContain('Tilbud.pdf');
  });

  it('zips the PDF, the original papers, their metadata and checksums that hold', async () => {
    for (const [token, variant, papers] of [
      [chair, 'council', ['Platform.pdf', 'Tilslutning på Ærø.csv', 'Skitse.png', 'Tilbud.pdf']],
      [architect, 'public', ['Platform.pdf', 'Tilslutning på Ærø.csv', 'Skitse.png']],
    ] as const) {
      const res = await get(`/api/meetings/${meetingId}/archive.zip?variant=${variant}`, token);
      expect(res.status).toBe(200);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const names = Object.keys(files);
      expect(names.filter((n) => n.startsWith('bilag/')).map((n) => n.replace(/^bilag\/\d+-\d+ /, ''))).toEqual(papers);
      const metadata = JSON.parse(strFromU8(files['metadata.json'] as Uint8Array));
      expect(metadata).toMatchObject({ variant, meeting: { id: meetingId } });
      expect(metadata.papers.map((p: { fileName: string }) => p.fileName)).toEqual(papers);
      const sums = strFromU8(files.SHA256SUMS as Uint8Array)
        .trim()
        .split('\n');
      expect(sums).toHaveLength(names.length - 1);
      for (const line of sums) {
        const [sum, name] = line.split(/ {2}/) as [string, string];
        expect(
          createHash('sha256')
            .update(files[name] as Uint8Array)
            .digest('hex'),
          name,
        ).toBe(sum);
      }
      if (variant === 'public') expect(JSON.stringify(metadata)).not.toContain('Tilbud');
      // Unpacked by Debian's unzip, Danish names and all, every checksum holds.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'council-archive-zip-'));
      fs.writeFileSync(
        path.join(dir, 'archive.zip'),
        Buffer.from(
          await (await get(`/api/meetings/${meetingId}/archive.zip?variant=${variant}`, token)).arrayBuffer(),
        ),
      );
      execFileSync('unzip', ['-q', 'archive.zip', '-d', 'out'], { cwd: dir });
      expect(
        execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: path.join(dir, 'out'), encoding: 'utf8' }),
      ).toContain('Tilslutning på Ærø.csv: OK');
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('is made of approved minutes only, and for those who may see the meeting', async () => {
    const draft = await server.factory.meeting({ status: 'draft' });
    expect((await get(`/api/meetings/${draft.id}/archive.pdf`, chair)).status).toBe(409);
    expect((await get(`/api/meetings/${draft.id}/archive.zip`, architect)).status).toBe(404);
    expect((await get('/api/meetings/m-nothere/archive.pdf', chair)).status).toBe(404);
    expect((await get(`/api/meetings/${meetingId}/archive.pdf?variant=secret`, chair)).status).toBe(400);
  });
});
