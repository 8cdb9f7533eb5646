import { expect } from 'chai';
import type supertest from 'supertest';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { checkDrift } from '../../server/components/listings/index.js';
import { testEnv } from '../setup/global.js';

describe('catalogue search (real Meilisearch)', () => {
  let server: TestServer;
  let supplier: supertest.Agent;
  let enterprise: supertest.Agent;
  let reviewer: supertest.Agent;

  before(async () => {
    server = await startTestServer();
    supplier = server.agent();
    await registerUser(supplier, 'supplier');
    enterprise = server.agent();
    await registerUser(enterprise, 'enterprise');
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.close();
  });

  /** Waits until the outbox is applied (the kick after each commit runs asynchronously). */
  const synced = async () => {
    await server.listings.sync.idle();
    await server.listings.sync.drain();
  };

  it('finds 甘蔗联合收获机 when searching 甘蔗收获, with safe highlights', async () => {
    const id = await publishListing(supplier, reviewer, 'achievement', { title: '甘蔗联合收获机<script>', keywords: ['甘蔗', '联合收获'] });
    await synced();
    const res = await server.agent().get('/api/achievements').query({ q: '甘蔗收获' });
    expect(res.status).to.equal(200);
    const hit = res.body.items.find((i: { id: string }) => i.id === id);
    expect(hit, 'the harvester is found').to.not.equal(undefined);
    expect(hit._formatted.title).to.include('<mark>').and.include('&lt;script&gt;');
    expect(hit._formatted.title).not.to.include('<script>');
    expect(hit).not.to.have.any.keys('contactPhone', 'confidentialDetail', 'detail');
  });

  it('searches English titles of ASEAN-facing listings', async () => {
    const id = await publishListing(supplier, reviewer, 'achievement', { titleEn: 'Mango postharvest preservation coating', title: `芒果采后保鲜涂膜技术 ${uniq()}`, industry: 'fruit' });
    await synced();
    const res = await server.agent().get('/api/achievements').query({ q: 'mango preservation' });
    expect(res.body.items.map((i: { id: string }) => i.id)).to.include(id);
  });

  it('returns facet counts that match the data, and filters by them', async () => {
    const tag = `bt${uniq()}`;
    await publishListing(supplier, reviewer, 'achievement', { keywords: [tag], industry: 'aluminum', cityCode: '450100', trl: 5, price: 300000 });
    await publishListing(supplier, reviewer, 'achievement', { keywords: [tag], industry: 'aluminum', cityCode: '450200', trl: 8, price: 900000 });
    await publishListing(supplier, reviewer, 'achievement', { keywords: [tag], industry: 'tcm_zhuang_yao', cityCode: '450100', trl: 8, price: null });
    await synced();
    const all = await server.agent().get('/api/achievements').query({ q: tag });
    expect(all.body.total).to.equal(3);
    expect(all.body.facets.industry).to.deep.equal({ aluminum: 2, tcm_zhuang_yao: 1 });
    expect(all.body.facets.cityCode).to.deep.equal({ '450100': 2, '450200': 1 });
    expect(all.body.facets.trl).to.deep.equal({ '5': 1, '8': 2 });
    const nonferrous = await server.agent().get('/api/achievements').query({ q: tag, industry: 'nonferrous' });
    expect(nonferrous.body.total, 'parent industry includes its children').to.equal(2);
    const mature = await server.agent().get('/api/achievements').query({ q: tag, maturityMin: 7, city: '450100' });
    expect(mature.body.total).to.equal(1);
    const cheap = await server.agent().get('/api/achievements').query({ q: tag, priceMax: 500000 });
    expect(cheap.body.total).to.equal(1);
    const sorted = await server.agent().get('/api/achievements').query({ q: tag, sort: 'price_desc', industry: 'aluminum' });
    expect(sorted.body.items.map((i: { price: number }) => i.price)).to.deep.equal([900000, 300000]);
    const paged = await server.agent().get('/api/achievements').query({ q: tag, pageSize: 2, page: 2 });
    expect(paged.body).to.include({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).to.have.length(1);
    expect((await server.agent().get('/api/achievements').query({ pageSize: 101 })).status).to.equal(400);
  });

  it('removes withdrawn and expired listings from the index, and never indexes drafts', async () => {
    const tag = `gn${uniq()}`;
    const a = await publishListing(supplier, reviewer, 'achievement', { keywords: [tag] });
    const b = await publishListing(supplier, reviewer, 'achievement', { keywords: [tag] });
    await supplier.post('/api/achievements').send({ ...(await import('../factories/index.js')).achievementBody({ keywords: [tag] }) }).expect(201);
    await synced();
    expect((await server.agent().get('/api/achievements').query({ q: tag })).body.total).to.equal(2);
    await supplier.delete(`/api/achievements/${a}`).expect(200);
    await testEnv().db.$client.query("update listings set expires_at = now() - interval '1 second' where id = $1", [b]);
    const { runExpiry } = await import('../../server/components/listings/index.js');
    await runExpiry(server.listings);
    await synced();
    expect((await server.agent().get('/api/achievements').query({ q: tag })).body.total).to.equal(0);
  });

  it('searches demands too, and lists the caller own listings of any status with mine=true', async () => {
    const id = await publishListing(enterprise, reviewer, 'demand', { title: `桉树人工林病虫害监测 ${uniq()}`, keywords: ['桉树', '病虫害'], industry: 'forest_chemicals' });
    await synced();
    const res = await server.agent().get('/api/demands').query({ q: '桉树 病虫害' });
    expect(res.body.items.map((i: { id: string }) => i.id)).to.include(id);
    const mine = await enterprise.get('/api/demands').query({ mine: 'true' });
    expect(mine.body.items.every((i: { ownerOrgId: string }) => i.ownerOrgId === mine.body.items[0].ownerOrgId)).to.equal(true);
    expect((await server.agent().get('/api/demands').query({ mine: 'true' })).status).to.equal(401);
  });

  it('shows no drift between PostgreSQL and the index after these changes', async () => {
    await synced();
    const drift = await checkDrift(testEnv().db, testEnv().search);
    for (const d of drift) expect({ kind: d.kind, missing: d.missing, extra: d.extra, stale: d.stale }).to.deep.equal({ kind: d.kind, missing: [], extra: [], stale: [] });
  });
});

describe('reindex', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.close();
  });

  it('rebuilds from PostgreSQL and swaps in while searches keep answering', async () => {
    const supplier = server.agent();
    await registerUser(supplier, 'supplier');
    const reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    const tag = `rb${uniq()}`;
    const id = await publishListing(supplier, reviewer, 'achievement', { keywords: [tag] });
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    const { reindex } = await import('../../server/components/listings/index.js');
    let searching = true;
    const statuses: number[] = [];
    const totals: number[] = [];
    const searcher = (async () => {
      while (searching) {
        const res = await server.agent().get('/api/achievements').query({ q: tag });
        statuses.push(res.status);
        totals.push(res.body.total);
      }
    })();
    const result = await reindex(testEnv().db, testEnv().search);
    searching = false;
    await searcher;
    expect(result.achievement).to.be.greaterThan(0);
    expect(statuses.length).to.be.greaterThan(0);
    expect(new Set(statuses)).to.deep.equal(new Set([200]));
    expect(new Set(totals)).to.deep.equal(new Set([1]));
    const after = await server.agent().get('/api/achievements').query({ q: tag });
    expect(after.body.items[0].id).to.equal(id);
    const drift = await checkDrift(testEnv().db, testEnv().search);
    expect(drift.flatMap((d) => [...d.missing, ...d.extra, ...d.stale])).to.deep.equal([]);
    const { results } = await testEnv().search.client.getIndexes({ limit: 1000 });
    expect(results.filter((i) => i.uid.includes('_rebuild_'))).to.deep.equal([]);
  });
});
