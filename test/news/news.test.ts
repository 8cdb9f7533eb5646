import { expect } from 'chai';
import type supertest from 'supertest';
import { auditTrail } from '../../server/components/audit/index.js';
import { getTaxonomy } from '../../server/components/taxonomy/index.js';
import { createUser, login, registerUser, uniq } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const article = (over: Record<string, unknown> = {}) => ({
  title: `关于开展2027年度示范区年度报告工作的通知${uniq()}`,
  category: 'notice',
  body: '各示范区：\n\n请于 **1 月底前** 报送上一年度建设情况报告。\n\n1. 建设成效\n2. 指标完成情况',
  source: '自治区科技厅',
  ...over,
});

describe('news and policy articles', () => {
  const server = withTestServer();
  let admin: supertest.Agent;
  let zoneAdmin: supertest.Agent;
  let otherZoneAdmin: supertest.Agent;
  let supplier: supertest.Agent;
  let anonymous: supertest.Agent;
  let zoneId: string;
  let otherZoneId: string;

  before(async () => {
    const zones = (await getTaxonomy(testEnv().db)).zones;
    zoneId = zones[0]!.id;
    otherZoneId = zones[1]!.id;
    admin = await login(server.agent(), (await createUser('admin')).email);
    zoneAdmin = await login(server.agent(), (await createUser('zone_admin', { zoneId })).email);
    otherZoneAdmin = await login(server.agent(), (await createUser('zone_admin', { zoneId: otherZoneId })).email);
    supplier = server.agent();
    await registerUser(supplier, 'supplier');
    anonymous = server.agent();
  });

  const create = async (agent: supertest.Agent, over: Record<string, unknown> = {}) => {
    const res = await agent.post('/api/news').send(article(over));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; title: string; zoneId: string | null; status: string };
  };

  it('keeps a draft away from the public until it is published, then lists and shows it with its Markdown rendered', async () => {
    const draft = await create(admin);
    expect(draft).to.include({ status: 'draft', zoneId: null });
    await anonymous.get(`/api/news/${draft.id}`).expect(404);
    const hidden = await anonymous.get('/api/news').query({ q: draft.title });
    expect(hidden.body.total).to.equal(0);

    const published = await admin.post(`/api/news/${draft.id}/publish`).expect(200);
    expect(published.body.status).to.equal('published');
    expect(published.body.publishedAt).to.be.a('string');

    const list = await anonymous.get('/api/news').query({ q: draft.title, category: 'notice' });
    expect(list.body.items.map((n: { id: string }) => n.id)).to.deep.equal([draft.id]);
    expect(list.body.items[0].summary).to.include('请于 1 月底前 报送上一年度建设情况报告');
    const detail = await anonymous.get(`/api/news/${draft.id}`).expect(200);
    expect(detail.body.bodyHtml).to.include('<strong>1 月底前</strong>').and.include('<ol>');
    expect(detail.body.canEdit).to.equal(false);
  });

  it('shows raw HTML in a body as text and drops javascript: links', async () => {
    const n = await create(admin, { body: '<script>alert(1)</script> <img src=x onerror=alert(2)> [点我](javascript:alert(3)) [政策原文](https://kjt.gxzf.gov.cn/)' });
    const detail = await admin.get(`/api/news/${n.id}`).expect(200);
    expect(detail.body.bodyHtml).not.to.match(/<script|<img|href="javascript/i);
    expect(detail.body.bodyHtml).to.include('&lt;script&gt;');
    expect(detail.body.bodyHtml).to.include('rel="noopener noreferrer nofollow"');
  });

  it('unpublishes back to a draft (404 to the public again), refuses publishing twice, and records every step', async () => {
    const n = await create(admin);
    await admin.post(`/api/news/${n.id}/publish`).expect(200);
    const twice = await admin.post(`/api/news/${n.id}/publish`).expect(409);
    expect(twice.body.error.code).to.equal('conflict');
    await admin.post(`/api/news/${n.id}/unpublish`).expect(200);
    await anonymous.get(`/api/news/${n.id}`).expect(404);
    const trail = await auditTrail(testEnv().db, 'news', n.id);
    expect(trail.map((t) => t.action)).to.deep.equal(['news.create', 'news.publish', 'news.unpublish']);
  });

  it("files a zone admin's article under their zone and keeps other zones' admins out", async () => {
    const n = await create(zoneAdmin);
    expect(n.zoneId).to.equal(zoneId);
    const foreign = await zoneAdmin.post('/api/news').send(article({ zoneId: otherZoneId })).expect(400);
    expect(foreign.body.error.details.fields[0].path).to.equal('zoneId');
    // A draft of another zone does not exist for them; a published one is readable but not theirs to edit.
    await otherZoneAdmin.patch(`/api/news/${n.id}`).send({ title: '改个标题试试看' }).expect(404);
    await zoneAdmin.post(`/api/news/${n.id}/publish`).expect(200);
    const refused = await otherZoneAdmin.patch(`/api/news/${n.id}`).send({ title: '改个标题试试看' }).expect(403);
    expect(refused.body.error.code).to.equal('forbidden');
    // Platform-wide articles are the platform admins' only.
    const platformWide = await create(admin);
    await admin.post(`/api/news/${platformWide.id}/publish`).expect(200);
    await zoneAdmin.post(`/api/news/${platformWide.id}/unpublish`).expect(403);
    // The management list of a zone admin holds their zone's articles only.
    const managed = await zoneAdmin.get('/api/news/manage').query({ pageSize: 100 }).expect(200);
    expect(managed.body.items.length).to.be.greaterThan(0);
    expect(managed.body.items.every((i: { zoneId: string }) => i.zoneId === zoneId)).to.equal(true);
    // Admins edit everything.
    const edited = await admin.patch(`/api/news/${n.id}`).send({ pinned: true }).expect(200);
    expect(edited.body.pinned).to.equal(true);
  });

  it('refuses writers without the role and names bad fields', async () => {
    await anonymous.post('/api/news').send(article()).expect(401);
    await supplier.post('/api/news').send(article()).expect(403);
    const bad = await admin.post('/api/news').send({ ...article(), category: 'gossip', status: 'published' }).expect(400);
    const paths = bad.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).to.include.members(['category', 'status']);
    await anonymous.get('/api/news').query({ pageSize: 500 }).expect(400);
    await anonymous.get('/api/news/not-an-id').expect(404);
  });

  it('lists pinned articles first and searches title, body and source', async () => {
    const tag = uniq();
    const older = await create(admin, { title: `政策宣传普通文章${tag}`, category: 'policy' });
    const pinned = await create(admin, { title: `政策宣传置顶文章${tag}`, category: 'policy', pinned: true });
    const newer = await create(admin, { title: `政策宣传最新文章${tag}`, category: 'policy' });
    for (const n of [older, pinned, newer]) await admin.post(`/api/news/${n.id}/publish`).expect(200);
    const list = await anonymous.get('/api/news').query({ q: tag, category: 'policy' }).expect(200);
    expect(list.body.items.map((n: { id: string }) => n.id)).to.deep.equal([pinned.id, newer.id, older.id]);
    const bySource = await create(admin, { source: `桂科发〔2027〕${tag}号`, category: 'lecture' });
    await admin.post(`/api/news/${bySource.id}/publish`).expect(200);
    const found = await anonymous.get('/api/news').query({ q: `〔2027〕${tag}` }).expect(200);
    expect(found.body.items.map((n: { id: string }) => n.id)).to.deep.equal([bySource.id]);
    expect(found.body.items[0].categoryName).to.equal('科技大讲堂');
  });

  it("serves a published article's attachments to anyone, a draft's only to its editors", async () => {
    const up = await admin.post('/api/files').attach('file', PDF, { filename: '实施方案全文.pdf', contentType: 'application/pdf' }).expect(201);
    const n = await create(admin, { attachments: [up.body.id] });
    expect((await admin.get(`/api/news/${n.id}`)).body.attachments.map((a: { name: string }) => a.name)).to.deep.equal(['实施方案全文.pdf']);
    await anonymous.get(`/api/files/${up.body.id}`).expect(401);
    await admin.post(`/api/news/${n.id}/publish`).expect(200);
    const dl = await anonymous.get(`/api/files/${up.body.id}`).buffer(true).expect(200);
    expect(Buffer.compare(dl.body as Buffer, PDF)).to.equal(0);
  });
});
