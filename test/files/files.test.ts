import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type supertest from 'supertest';
import { createUser, login, registerUser, achievementBody } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ZIP_TAIL = Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('files', () => {
  const server = withTestServer({ uploadMaxBytes: 64 * 1024 });
  let supplier: supertest.Agent;
  let stranger: supertest.Agent;
  const tmpDir = () => path.join(server.config.filesDir, 'tmp');
  const storedBlobs = () => fs.readdirSync(server.config.filesDir).filter((f) => f !== 'tmp');

  before(async () => {
    supplier = server.agent();
    await registerUser(supplier, 'supplier');
    stranger = server.agent();
    await registerUser(stranger, 'enterprise');
  });

  const upload = (agent: supertest.Agent, data: Buffer, name: string, contentType = 'application/pdf') => agent.post('/api/files').attach('file', data, { filename: name, contentType });

  it('stores a PDF with its Chinese name, sha256 and detected type, and downloads it with an RFC 5987 name', async () => {
    const res = await upload(supplier, PDF, '甘蔗收获机技术说明书.pdf');
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ name: '甘蔗收获机技术说明书.pdf', mime: 'application/pdf', size: PDF.length });
    expect(res.body.sha256).to.match(/^[0-9a-f]{64}$/);
    const dl = await supplier.get(`/api/files/${res.body.id}`).buffer(true);
    expect(dl.status).to.equal(200);
    expect(dl.headers['content-disposition']).to.include(`filename*=UTF-8''${encodeURIComponent('甘蔗收获机技术说明书.pdf')}`);
    expect(Buffer.compare(dl.body as Buffer, PDF)).to.equal(0);
  });

  it('keeps identical content once on disk', async () => {
    const before = storedBlobs().length;
    const a = await upload(supplier, PNG, '样机照片.png', 'image/png');
    const b = await upload(supplier, PNG, '样机照片-副本.png', 'image/png');
    expect(a.status).to.equal(201);
    expect(b.status).to.equal(201);
    expect(a.body.id).not.to.equal(b.body.id);
    expect(a.body.sha256).to.equal(b.body.sha256);
    expect(storedBlobs().length).to.equal(before + 1);
  });

  const refused: [string, Buffer, string, string, number][] = [
    ['an executable named .pdf', EXE, 'report.pdf', 'application/pdf', 415],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'page.html', 'text/html', 415],
    ['HTML named .pdf', Buffer.from('<html><body>hi</body></html>'), 'page.pdf', 'application/pdf', 415],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', 'image/svg+xml', 415],
    ['a PDF+ZIP polyglot', Buffer.concat([PDF, ZIP_TAIL]), 'polyglot.pdf', 'application/pdf', 415],
    ['a PNG named .pdf', PNG, 'image.pdf', 'application/pdf', 415],
    ['a double extension', PDF, 'manual.exe.pdf', 'application/pdf', 415],
    ['a PDF named .pdf.exe', PDF, 'manual.pdf.exe', 'application/octet-stream', 415],
    ['an oversize file', Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]), 'big.pdf', 'application/pdf', 413],
  ];
  for (const [what, data, name, type, status] of refused) {
    it(`refuses ${what} (${status}) and stores nothing`, async () => {
      const before = storedBlobs().length;
      const res = await upload(supplier, data, name, type);
      expect(res.status).to.equal(status);
      expect(res.body.error.code).to.equal(status === 413 ? 'payload_too_large' : 'unsupported_file_type');
      expect(storedBlobs().length).to.equal(before);
      expect(fs.readdirSync(tmpDir())).to.deep.equal([]);
    });
  }

  it('answers 400 naming the file field when no file is sent', async () => {
    const res = await supplier.post('/api/files').field('note', 'x');
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0].path).to.equal('file');
    const json = await supplier.post('/api/files').send({ file: 'x' });
    expect(json.status).to.equal(400);
  });

  it('requires login to upload', async () => {
    expect((await upload(server.agent(), PDF, 'a.pdf')).status).to.equal(401);
  });

  it('lets others download only what is attached to a listing they may see', async () => {
    const file = (await upload(supplier, PDF, '检测报告.pdf')).body;
    expect((await stranger.get(`/api/files/${file.id}`)).status, 'unattached').to.equal(404);
    const created = await supplier.post('/api/achievements').send(achievementBody({ attachments: [file.id] }));
    expect(created.status).to.equal(201);
    expect(created.body.attachments.map((a: { id: string }) => a.id)).to.deep.equal([file.id]);
    expect((await stranger.get(`/api/files/${file.id}`)).status, 'attached to a draft').to.equal(404);
    await supplier.post(`/api/achievements/${created.body.id}/submit`).expect(200);
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    expect((await reviewer.get(`/api/files/${file.id}`)).status, 'reviewer sees pending attachments').to.equal(200);
    await reviewer.post(`/api/reviews/achievement/${created.body.id}`).send({ decision: 'approve' }).expect(200);
    // Listing attachments are confidential: the owner, staff and deal participants under a 保密承诺 (test/deals).
    expect((await stranger.get(`/api/files/${file.id}`)).status, 'published, logged in, no deal').to.equal(404);
    expect((await supplier.get(`/api/files/${file.id}`)).status, 'published, owner').to.equal(200);
    expect((await server.agent().get(`/api/files/${file.id}`)).status, 'published, anonymous').to.equal(401);
  });

  it('refuses to attach another organization file or a forged id (400 on the item)', async () => {
    const theirs = (await upload(stranger, PDF, '他人的文件.pdf')).body;
    const res = await supplier.post('/api/achievements').send(achievementBody({ attachments: [theirs.id, '00000000-0000-4000-8000-000000000000'] }));
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).to.deep.equal(['attachments.0', 'attachments.1']);
    const { rows } = await testEnv().db.$client.query('select count(*)::int as n from file_links where file_id = $1', [theirs.id]);
    expect(rows[0].n).to.equal(0);
  });
});
