import { expect } from 'chai';
import type supertest from 'supertest';
import { createUser, login, registerColleague, registerUser, achievementBody, demandBody, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

const fields = (res: supertest.Response) => (res.body.error?.details?.fields ?? []).map((f: { path: string }) => f.path);

describe('listings lifecycle', () => {
  let server: TestServer;
  let supplier: supertest.Agent;
  let colleague: supertest.Agent;
  let otherSupplier: supertest.Agent;
  let enterprise: supertest.Agent;
  let reviewer: supertest.Agent;

  before(async () => {
    server = await startTestServer();
    supplier = server.agent();
    const { user } = await registerUser(supplier, 'supplier');
    colleague = server.agent();
    await registerColleague(supplier, colleague, user.organizationId, 'supplier');
    otherSupplier = server.agent();
    await registerUser(otherSupplier, 'supplier');
    enterprise = server.agent();
    await registerUser(enterprise, 'enterprise');
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.close();
  });

  it('creates a draft owned by the caller organization', async () => {
    const res = await supplier.post('/api/achievements').send(achievementBody());
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ status: 'draft', trl: 7, price: 1200000, source: 'fiscal_program' });
    expect(res.body.id).to.be.a('string');
  });

  it('rejects unknown and server-owned fields, naming them, and stores nothing', async () => {
    const res = await supplier.post('/api/achievements').send(achievementBody({ status: 'published', ownerOrgId: 'x', title: '不应保存的成果' }));
    expect(res.status).to.equal(400);
    expect(fields(res)).to.include.members(['status', 'ownerOrgId']);
    const mine = await supplier.get('/api/achievements').query({ mine: 'true' });
    expect(mine.body.items.map((i: { title: string }) => i.title)).not.to.include('不应保存的成果');
  });

  it('names each bad field: unknown industry, bad price, repeated keywords, bad TRL, bad attachment id', async () => {
    const res = await supplier.post('/api/achievements').send(achievementBody({ price: -1, keywords: ['甘蔗', '甘蔗'], trl: 12, attachments: ['nope'] }));
    expect(res.status).to.equal(400);
    expect(fields(res)).to.include.members(['price', 'keywords', 'trl', 'attachments.0']);
    const industry = await supplier.post('/api/achievements').send(achievementBody({ industry: 'no_such_industry' }));
    expect(industry.status).to.equal(400);
    expect(fields(industry)).to.deep.equal(['industry']);
    const budget = await enterprise.post('/api/demands').send(demandBody({ budgetMin: 3000000, budgetMax: 1000000 }));
    expect(budget.status).to.equal(400);
    expect(fields(budget)).to.include('budgetMax');
  });

  it('lets only suppliers create achievements and only enterprises create demands (403)', async () => {
    expect((await enterprise.post('/api/achievements').send(achievementBody())).status).to.equal(403);
    expect((await supplier.post('/api/demands').send(demandBody())).status).to.equal(403);
    expect((await server.agent().post('/api/demands').send(demandBody())).status).to.equal(401);
  });

  it('walks draft → pending → published and refuses transitions that are not allowed (409)', async () => {
    const { body } = await supplier.post('/api/achievements').send(achievementBody());
    const id = body.id;
    expect((await reviewer.post(`/api/reviews/achievement/${id}`).send({ decision: 'approve' })).status, 'approve a draft').to.equal(409);
    const submitted = await supplier.post(`/api/achievements/${id}/submit`);
    expect(submitted.body.status).to.equal('pending');
    expect((await supplier.post(`/api/achievements/${id}/submit`)).status, 'submit twice').to.equal(409);
    expect((await supplier.patch(`/api/achievements/${id}`).send({ title: '审核中修改' })).status, 'edit while pending').to.equal(409);
    const approved = await reviewer.post(`/api/reviews/achievement/${id}`).send({ decision: 'approve', reason: '信息完整' });
    expect(approved.body.status).to.equal('published');
    expect(approved.body.publishedAt).to.be.a('string');
    expect(new Date(approved.body.expiresAt).getTime()).to.be.greaterThan(Date.now() + 300 * 86400_000);
    expect((await reviewer.post(`/api/reviews/achievement/${id}`).send({ decision: 'approve' })).status, 'decide twice').to.equal(409);
    expect((await supplier.post(`/api/achievements/${id}/submit`)).status, 'submit published').to.equal(409);
    const withdrawn = await supplier.delete(`/api/achievements/${id}`).send({ reason: '已与企业签约' });
    expect(withdrawn.body.status).to.equal('withdrawn');
    expect((await supplier.delete(`/api/achievements/${id}`)).status, 'withdraw twice').to.equal(409);
    expect((await supplier.post(`/api/achievements/${id}/reconfirm`)).status, 'reconfirm withdrawn').to.equal(409);
    const history = await supplier.get(`/api/achievements/${id}/history`);
    expect(history.body.items.map((h: { action: string }) => h.action)).to.deep.equal([
      'achievement.create',
      'achievement.submit',
      'achievement.review.approve',
      'achievement.withdraw',
    ]);
    expect(history.body.items[3].reason).to.equal('已与企业签约');
  });

  it('requires a reason to reject, tells the owner, and lets the owner fix and resubmit', async () => {
    const { body } = await enterprise.post('/api/demands').send(demandBody());
    await enterprise.post(`/api/demands/${body.id}/submit`).expect(200);
    const noReason = await reviewer.post(`/api/reviews/demand/${body.id}`).send({ decision: 'reject' });
    expect(noReason.status).to.equal(400);
    expect(fields(noReason)).to.include('reason');
    const rejected = await reviewer.post(`/api/reviews/demand/${body.id}`).send({ decision: 'reject', reason: '预期指标不明确，请补充量化指标' });
    expect(rejected.body).to.include({ status: 'rejected', rejectionReason: '预期指标不明确，请补充量化指标' });
    const notes = await enterprise.get('/api/notifications');
    expect(notes.body.items[0].title).to.include('未通过审核').and.include('预期指标不明确');
    expect(notes.body.unread).to.be.greaterThan(0);
    await enterprise.patch(`/api/demands/${body.id}`).send({ expectedOutcome: '含杂率 ≤ 7%，每台班 ≥ 60 吨' }).expect(200);
    const again = await enterprise.post(`/api/demands/${body.id}/submit`);
    expect(again.body.status).to.equal('pending');
  });

  it('hides drafts from other organizations (404) and refuses their edits and withdrawals (404)', async () => {
    const { body } = await supplier.post('/api/achievements').send(achievementBody());
    expect((await otherSupplier.get(`/api/achievements/${body.id}`)).status).to.equal(404);
    expect((await server.agent().get(`/api/achievements/${body.id}`)).status).to.equal(404);
    expect((await colleague.get(`/api/achievements/${body.id}`)).status, 'same organization').to.equal(200);
    const id = await publishListing(supplier, reviewer, 'achievement');
    expect((await otherSupplier.patch(`/api/achievements/${id}`).send({ title: '篡改' })).status).to.equal(404);
    expect((await otherSupplier.delete(`/api/achievements/${id}`)).status).to.equal(404);
    expect((await enterprise.post(`/api/achievements/${id}/submit`)).status).to.equal(404);
    expect((await supplier.get(`/api/achievements/${id}`)).body.status).to.equal('published');
  });

  it('answers 404 for forged ids and unknown kinds', async () => {
    expect((await supplier.get('/api/achievements/not-an-id')).status).to.equal(404);
    expect((await supplier.get('/api/achievements/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
    const unknownKind = await reviewer.post('/api/reviews/contract/00000000-0000-4000-8000-000000000000').send({ decision: 'approve' });
    expect(unknownKind.status).to.equal(404);
    expect(unknownKind.body.error.message).to.equal('审核对象不存在或无权查看');
    // A malformed id names the kind's object, as a well-formed unknown one does.
    const malformed = await reviewer.post('/api/reviews/demand/not-an-id').send({ decision: 'approve' });
    expect(malformed.status).to.equal(404);
    expect(malformed.body.error.message).to.equal('需求不存在或无权查看');
  });

  it('lets only reviewers decide (403) and list the queue', async () => {
    const { body } = await supplier.post('/api/achievements').send(achievementBody());
    await supplier.post(`/api/achievements/${body.id}/submit`).expect(200);
    const res = await otherSupplier.post(`/api/reviews/achievement/${body.id}`).send({ decision: 'approve' });
    expect(res.status).to.equal(403);
    expect((await supplier.get('/api/reviews')).status).to.equal(403);
    const queue = await reviewer.get('/api/reviews').query({ kind: 'achievement', pageSize: 100 });
    expect(queue.body.items.map((i: { id: string }) => i.id)).to.include(body.id);
  });

  it('shows the summary publicly, detail to logged-in users, contacts and confidential detail to the owner (and deal participants under a 保密承诺, see test/deals)', async () => {
    const id = await publishListing(supplier, reviewer, 'achievement', { confidentialDetail: '关键工艺参数：刀盘转速 xxx' });
    const anon = (await server.agent().get(`/api/achievements/${id}`)).body;
    expect(anon.summary).to.be.a('string');
    expect(anon).not.to.have.any.keys('detail', 'contactPhone', 'confidentialDetail', 'attachments');
    const member = (await enterprise.get(`/api/achievements/${id}`)).body;
    expect(member.detail).to.be.a('string');
    expect(member).not.to.have.any.keys('contactPhone', 'contactName', 'confidentialDetail', 'attachments');
    expect(member.confidentialVisible).to.equal(false);
    const owner = (await supplier.get(`/api/achievements/${id}`)).body;
    expect(owner.confidentialDetail).to.equal('关键工艺参数：刀盘转速 xxx');
    expect(owner.contactPhone).to.equal('0771-1234567');
  });

  it('keeps the published version visible while an edit waits for review', async () => {
    const id = await publishListing(supplier, reviewer, 'achievement', { title: '原标题：木薯淀粉酶解工艺' });
    const edit = await supplier.patch(`/api/achievements/${id}`).send({ title: '新标题：木薯燃料乙醇酶解工艺', price: null });
    expect(edit.status).to.equal(200);
    expect(edit.body).to.include({ status: 'published', title: '原标题：木薯淀粉酶解工艺', revisionStatus: 'pending' });
    expect((await enterprise.get(`/api/achievements/${id}`)).body.title).to.equal('原标题：木薯淀粉酶解工艺');
    const queue = await reviewer.get('/api/reviews').query({ kind: 'achievement', pageSize: 100 });
    expect(queue.body.items.find((i: { id: string }) => i.id === id)?.revision).to.equal(true);
    const approved = await reviewer.post(`/api/reviews/achievement/${id}`).send({ decision: 'approve' });
    expect(approved.body).to.include({ title: '新标题：木薯燃料乙醇酶解工艺', price: null, revisionStatus: null, status: 'published' });
  });

  it('expires stale listings, reminds owners 30 days ahead, and re-confirm brings one back', async () => {
    const id = await publishListing(supplier, reviewer, 'achievement');
    const { db } = testEnv();
    await db.$client.query("update listings set expires_at = now() + interval '10 days' where id = $1", [id]);
    const first = await import('../../server/components/listings/index.js').then((m) => m.runExpiry(server.listings));
    expect(first.reminded).to.be.greaterThan(0);
    const notes = await supplier.get('/api/notifications');
    expect(notes.body.items.some((n: { kind: string; link: string }) => n.kind === 'listing_expiring' && n.link.endsWith(id))).to.equal(true);
    await db.$client.query("update listings set expires_at = now() - interval '1 minute' where id = $1", [id]);
    await import('../../server/components/listings/index.js').then((m) => m.runExpiry(server.listings));
    expect((await enterprise.get(`/api/achievements/${id}`)).body.status).to.equal('expired');
    const back = await supplier.post(`/api/achievements/${id}/reconfirm`);
    expect(back.body.status).to.equal('published');
  });
});

describe('listing edits keep what they do not mention', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.close();
  });

  it('leaves IP items and attachments alone when a PATCH changes only the price', async () => {
    const supplier = server.agent();
    await registerUser(supplier, 'supplier');
    const file = await supplier.post('/api/files').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: '说明.pdf', contentType: 'application/pdf' });
    const { body } = await supplier.post('/api/achievements').send(achievementBody({ attachments: [file.body.id] }));
    const patched = await supplier.patch(`/api/achievements/${body.id}`).send({ price: 800000 });
    expect(patched.status).to.equal(200);
    expect(patched.body.price).to.equal(800000);
    expect(patched.body.ipItems).to.have.length(1);
    expect(patched.body.attachments.map((a: { id: string }) => a.id)).to.deep.equal([file.body.id]);
    const history = await supplier.get(`/api/achievements/${body.id}/history`);
    expect(history.body.items[0].actorName).to.equal('测试用户');
  });
});
