import { expect } from 'chai';
import type supertest from 'supertest';
import { createUser, login, registerUser, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { sendDailyDigests } from '../../server/components/listings/index.js';
import { testEnv } from '../setup/global.js';

interface Note {
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
}

describe('saved searches and subscriptions (real Meilisearch and PostgreSQL)', () => {
  let server: TestServer;
  let supplier: supertest.Agent;
  let otherSupplier: supertest.Agent;
  let reviewer: supertest.Agent;

  before(async () => {
    server = await startTestServer();
    supplier = server.agent();
    await registerUser(supplier, 'supplier');
    otherSupplier = server.agent();
    await registerUser(otherSupplier, 'supplier');
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.savedSearches.idle();
    await server.close();
  });

  /** Waits until the outbox is applied and the saved searches have run on what it indexed. */
  const settled = async () => {
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    await server.savedSearches.idle();
  };
  const enterprise = async () => {
    const agent = server.agent();
    await registerUser(agent, 'enterprise');
    return agent;
  };
  const notes = async (agent: supertest.Agent, kind: string): Promise<Note[]> => {
    const res = await agent.get('/api/notifications').query({ pageSize: 100 });
    expect(res.status).to.equal(200);
    return (res.body.items as Note[]).filter((n) => n.kind === kind);
  };
  const save = async (agent: supertest.Agent, body: Record<string, unknown>) => {
    const res = await agent.post('/api/saved-searches').send(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: string; name: string; notify: string };
  };
  const mine = async (agent: supertest.Agent) => {
    const res = await agent.get('/api/saved-searches');
    expect(res.status).to.equal(200);
    return res.body.items as { id: string; name: string; notifiedCount: number; pendingCount: number; lastNotifiedAt: string | null; notify: string }[];
  };
  const aluminium = { title: '铝合金轮毂低压铸造工艺', summary: '铝合金轮毂低压铸造的模具温控与补缩工艺，废品率降至 3% 以下。', detail: '适用于 A356 铝合金，已在百色的铝加工企业应用两年，节能 15%。', keywords: ['铝合金', '铸造'], industry: 'aluminum' };
  const molasses = { title: '甘蔗糖蜜酵母发酵工艺', summary: '以甘蔗糖蜜为原料的高活性干酵母发酵工艺，发酵周期缩短两成。', detail: '糖蜜预处理、流加补料与干燥工艺成套，已在崇左糖厂配套车间中试。', keywords: ['糖蜜', '酵母'] };

  it('notifies an immediate saved search once, right after a matching listing is published, and not for others', async () => {
    const buyer = await enterprise();
    const saved = await save(buyer, { kind: 'achievement', q: '甘蔗收获', filters: { industry: 'sugar' }, notify: 'immediate' });
    expect(saved.name, 'a default name from the query and the industry').to.include('甘蔗收获');

    const harvester = await publishListing(supplier, reviewer, 'achievement');
    await publishListing(supplier, reviewer, 'achievement', aluminium);
    await publishListing(supplier, reviewer, 'achievement', molasses);
    await settled();
    const found = await notes(buyer, 'saved_search_match');
    expect(found.map((n) => n.link)).to.deep.equal([`/achievements/${harvester}`]);
    expect(found[0]!.title).to.include('甘蔗联合收获机');

    // Edited (revision approved) and re-confirmed: re-indexed twice, still one notification.
    expect((await supplier.patch(`/api/achievements/${harvester}`).send({ title: '甘蔗联合收获机（第二代）' })).status).to.equal(200);
    expect((await reviewer.post(`/api/reviews/achievement/${harvester}`).send({ decision: 'approve' })).status).to.equal(200);
    expect((await supplier.post(`/api/achievements/${harvester}/reconfirm`)).status).to.equal(200);
    await settled();
    expect(await notes(buyer, 'saved_search_match')).to.have.length(1);
    const [listed] = await mine(buyer);
    expect(listed).to.include({ id: saved.id, notifiedCount: 1, pendingCount: 0 });
    expect(listed!.lastNotifiedAt).to.be.a('string');
  });

  it("never tells an organization about its own listings, and ignores listings published before the search was saved", async () => {
    const tag = '荔枝保鲜';
    const early = await publishListing(otherSupplier, reviewer, 'achievement', { title: '荔枝采后保鲜技术（早）', keywords: ['荔枝', '保鲜'], industry: 'fruit' });
    await settled();
    await save(supplier, { kind: 'achievement', q: tag, notify: 'immediate' });
    await publishListing(supplier, reviewer, 'achievement', { title: '荔枝采后保鲜技术（本单位）', keywords: ['荔枝', '保鲜'], industry: 'fruit' });
    const theirs = await publishListing(otherSupplier, reviewer, 'achievement', { title: '荔枝冷链保鲜包装', keywords: ['荔枝', '保鲜'], industry: 'fruit' });
    // Re-indexing the early one (re-confirmed) does not make it news.
    expect((await otherSupplier.post(`/api/achievements/${early}/reconfirm`)).status).to.equal(200);
    await settled();
    expect((await notes(supplier, 'saved_search_match')).map((n) => n.link)).to.deep.equal([`/achievements/${theirs}`]);
  });

  it('daily saved searches wait for the digest job: one notification per user per day, grouping their searches', async () => {
    const a = await enterprise();
    const b = await enterprise();
    const aCassava = await save(a, { kind: 'achievement', q: '木薯', notify: 'daily' });
    await save(a, { kind: 'achievement', q: '芒果', notify: 'daily' });
    await save(b, { kind: 'achievement', q: '木薯', notify: 'daily' });
    await publishListing(supplier, reviewer, 'achievement', { title: '木薯淀粉高效酶解工艺', keywords: ['木薯', '酶解'], industry: 'fruit' });
    await publishListing(supplier, reviewer, 'achievement', { title: '木薯渣生物饲料', keywords: ['木薯', '饲料'], industry: 'fruit' });
    await publishListing(supplier, reviewer, 'achievement', { title: '芒果采后防腐保鲜涂膜', keywords: ['芒果', '保鲜'], industry: 'fruit' });
    await settled();
    expect(await notes(a, 'saved_search_match'), 'daily: nothing immediately').to.have.length(0);
    expect((await mine(a)).map((s) => s.pendingCount).sort()).to.deep.equal([1, 2]);

    const today = new Date();
    await sendDailyDigests({ db: testEnv().db }, today);
    const aDigest = await notes(a, 'saved_search_digest');
    expect(aDigest).to.have.length(1);
    expect(aDigest[0]!.title).to.include('2 个订阅共有 3 项');
    expect(aDigest[0]!.body).to.include('木薯淀粉高效酶解工艺').and.include('芒果采后防腐保鲜涂膜');
    expect(aDigest[0]!.link).to.equal('/saved-searches');
    const bDigest = await notes(b, 'saved_search_digest');
    expect(bDigest).to.have.length(1);
    expect(bDigest[0]!.title).to.include('1 个订阅共有 2 项');
    const afterDigest = await mine(a);
    expect(afterDigest.every((s) => s.pendingCount === 0 && s.lastNotifiedAt !== null)).to.equal(true);

    // Found later the same day: waits for tomorrow's digest.
    await publishListing(supplier, reviewer, 'achievement', { title: '木薯全粉加工', keywords: ['木薯'], industry: 'fruit' });
    await settled();
    await sendDailyDigests({ db: testEnv().db }, today);
    expect(await notes(a, 'saved_search_digest')).to.have.length(1);
    expect((await mine(a)).find((s) => s.id === aCassava.id)!.pendingCount).to.equal(1);
    await sendDailyDigests({ db: testEnv().db }, new Date(today.getTime() + 86400_000));
    const next = await notes(a, 'saved_search_digest');
    expect(next).to.have.length(2);
    expect(next[0]!.title).to.include('1 个订阅共有 1 项');
  });

  it('each user sees, edits and deletes only their own saved searches (others get 404)', async () => {
    const owner = await enterprise();
    const stranger = await enterprise();
    const saved = await save(owner, { kind: 'demand', q: '甘蔗', filters: { city: '451400' }, notify: 'immediate' });
    expect(await mine(stranger)).to.have.length(0);
    expect((await stranger.delete(`/api/saved-searches/${saved.id}`)).status).to.equal(404);
    expect((await stranger.patch(`/api/saved-searches/${saved.id}`).send({ notify: 'daily' })).status).to.equal(404);
    expect((await owner.delete('/api/saved-searches/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
    expect((await owner.delete('/api/saved-searches/not-an-id')).status).to.equal(404);
    expect((await server.agent().get('/api/saved-searches')).status, 'anonymous').to.equal(401);

    const patched = await owner.patch(`/api/saved-searches/${saved.id}`).send({ name: '崇左甘蔗需求', notify: 'daily' });
    expect(patched.status).to.equal(200);
    expect(patched.body).to.include({ name: '崇左甘蔗需求', notify: 'daily' });
    const again = await owner.post('/api/saved-searches').send({ kind: 'demand', q: ' 甘蔗 ', filters: { city: '451400' }, notify: 'immediate' });
    expect(again.status, 'the same search twice').to.equal(409);
    expect(again.body.error.details.id).to.equal(saved.id);

    expect((await owner.delete(`/api/saved-searches/${saved.id}`)).status).to.equal(204);
    expect(await mine(owner)).to.have.length(0);
  });

  it('refuses bad input with errors that name the field, never a 500', async () => {
    const user = await enterprise();
    const bad = async (body: unknown, field: string) => {
      const res = await user.post('/api/saved-searches').send(body as object);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path), JSON.stringify(res.body)).to.include(field);
    };
    await bad({ q: '甘蔗', notify: 'immediate' }, 'kind');
    await bad({ kind: 'achievement', q: '甘蔗' }, 'notify');
    await bad({ kind: 'achievement', q: '甘蔗', notify: 'hourly' }, 'notify');
    await bad({ kind: 'achievement', q: '甘'.repeat(5000), notify: 'daily' }, 'q');
    await bad({ kind: 'achievement', name: '名'.repeat(1000), notify: 'daily' }, 'name');
    await bad({ kind: 'achievement', name: '甘蔗\u0000', notify: 'daily' }, 'name');
    await bad({ kind: 'achievement', q: '甘蔗\u0002高亮', notify: 'daily' }, 'q');
    await bad({ kind: 'achievement', notify: 'daily', filters: '甘蔗' }, 'filters');
    await bad({ kind: 'achievement', notify: 'daily', filters: { industry: 'no_such_industry' } }, 'filters.industry');
    await bad({ kind: 'achievement', notify: 'daily', filters: { city: '999999' } }, 'filters.city');
    await bad({ kind: 'achievement', notify: 'daily', filters: { priceMax: 1e30 } }, 'filters.priceMax');
    await bad({ kind: 'achievement', notify: 'daily', filters: { maturityMin: 0 } }, 'filters.maturityMin');
    await bad({ kind: 'achievement', notify: 'daily', filters: { maturityMin: 8, maturityMax: 3 } }, 'filters.maturityMax');
    await bad({ kind: 'achievement', notify: 'daily', filters: { sort: 'newest' } }, 'filters.sort');
    await bad({ kind: 'demand', notify: 'daily', filters: { source: 'award' } }, 'filters.source');
    await bad({ kind: 'achievement', notify: 'daily', userId: '00000000-0000-4000-8000-000000000000' }, 'userId');
    expect(await mine(user)).to.have.length(0);
  });
});
