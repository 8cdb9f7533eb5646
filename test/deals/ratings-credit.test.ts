import { expect } from 'chai';
import { withTestServer } from '../setup/app.js';
import { staffAgent, uniq, market, party, priceOffer, send } from '../factories/index.js';

describe('ratings in the catalogue, and the staff registers of complaints and credit events', () => {
  const server = withTestServer();

  /** A deal on the market's achievement that reached negotiation and was then lost: ratable. */
  async function lostAfterNegotiation(m: Awaited<ReturnType<typeof market>>, enterprise = m.enterprise) {
    const created = await enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const dealId = created.body.id as string;
    await m.supplier.agent.post(`/api/deals/${dealId}/accept`).expect(200);
    expect((await send(m.supplier.agent, dealId, { kind: 'offer', offer: priceOffer(50000) })).status).to.equal(201);
    await enterprise.agent.patch(`/api/deals/${dealId}`).send({ stage: 'lost', lostReason: 'price' }).expect(200);
    return dealId;
  }

  it('shows the owner organization’s rating average and count on catalogue cards, listing pages and its credit card', async () => {
    const word = `海洋牧场声学驱鱼装置${uniq().slice(-4)}`;
    const m = await market(server, { title: word, keywords: [word] });
    // A second owner on the same catalogue page, never rated.
    const other = await market(server, { title: `${word}二代`, keywords: [word] });
    const second = await party(server, 'enterprise');
    const d1 = await lostAfterNegotiation(m);
    const d2 = await lostAfterNegotiation(m, second);
    await m.enterprise.agent.post(`/api/deals/${d1}/ratings`).send({ organizationId: m.supplier.user.organizationId, score: 5, tags: ['响应及时'] }).expect(201);
    await second.agent.post(`/api/deals/${d2}/ratings`).send({ organizationId: m.supplier.user.organizationId, score: 4 }).expect(201);
    // The supplier rates the enterprise: counted for the enterprise, not the supplier.
    await m.supplier.agent.post(`/api/deals/${d1}/ratings`).send({ organizationId: m.enterprise.user.organizationId, score: 1 }).expect(201);

    await server.listings.sync.idle();
    await server.listings.sync.drain();
    const hits = (await server.agent().get('/api/achievements').query({ q: word })).body.items as { id: string; ownerRating: { average: number | null; count: number } }[];
    const rated = hits.find((h) => h.id === m.achievementId);
    const unrated = hits.find((h) => h.id === other.achievementId);
    expect(rated?.ownerRating).to.deep.equal({ average: 4.5, count: 2 });
    expect(unrated?.ownerRating).to.deep.equal({ average: null, count: 0 });

    const detail = (await server.agent().get(`/api/achievements/${m.achievementId}`)).body;
    expect(detail.ownerRating).to.deep.equal({ average: 4.5, count: 2 });
    const card = (await server.agent().get(`/api/organizations/${m.supplier.user.organizationId}/credit`)).body;
    expect(card.rating).to.deep.equal({ average: 4.5, count: 2 });
    expect(card.organization.name).to.be.a('string').and.not.equal('');
    expect((await server.agent().get(`/api/organizations/${m.enterprise.user.organizationId}/credit`)).body.rating).to.deep.equal({ average: 1, count: 1 });
  });

  it('lists complaints for staff with filters, names, totals and pages; complainants see only their own', async () => {
    const m = await market(server);
    const reviewer = m.reviewer;
    const reasons = ['对方多次爽约，未按约定时间参加洽谈会议', '对方提供的检测报告与实际不符', '对方在平台外索要保证金'];
    const ids: string[] = [];
    for (const reason of reasons) {
      const res = await m.enterprise.agent.post('/api/complaints').send({ organizationId: m.supplier.user.organizationId, reason });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids.push(res.body.id);
    }
    const page1 = (await reviewer.agent.get('/api/complaints').query({ organizationId: m.supplier.user.organizationId, pageSize: 2, page: 1 })).body;
    expect(page1.total).to.equal(3);
    expect(page1.items.map((c: { id: string }) => c.id)).to.deep.equal([ids[2], ids[1]]);
    expect(page1.items[0]).to.include({ status: 'open', complainantOrgId: m.enterprise.user.organizationId });
    expect(page1.items[0].organizationName).to.be.a('string').and.not.equal('');
    expect(page1.items[0].complainantOrgName).to.be.a('string').and.not.equal('');
    const page2 = (await reviewer.agent.get('/api/complaints').query({ organizationId: m.supplier.user.organizationId, pageSize: 2, page: 2 })).body;
    expect(page2.items.map((c: { id: string }) => c.id)).to.deep.equal([ids[0]]);

    await reviewer.agent.post(`/api/complaints/${ids[0]}/resolve`).send({ decision: 'warning', note: '经核实属实，予以警示' }).expect(200);
    const open = (await reviewer.agent.get('/api/complaints').query({ organizationId: m.supplier.user.organizationId, status: 'open' })).body;
    expect(open.total).to.equal(2);
    const upheld = (await reviewer.agent.get('/api/complaints').query({ organizationId: m.supplier.user.organizationId, status: 'upheld' })).body;
    expect(upheld.items[0]).to.include({ id: ids[0], resolution: '经核实属实，予以警示' });
    expect(upheld.items[0].resolvedByName).to.be.a('string');

    const stranger = await party(server, 'enterprise');
    expect((await stranger.agent.get('/api/complaints').query({ organizationId: m.supplier.user.organizationId })).body.total, 'others see only what they filed').to.equal(0);
    expect((await m.enterprise.agent.get('/api/complaints')).body.total).to.equal(3);
    const bad = await reviewer.agent.get('/api/complaints').query({ organizationId: 'x' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].path).to.equal('query.organizationId');
  });

  it('lists credit events for staff only, filtered by kind, active and organization, with who recorded and lifted them (audited)', async () => {
    const m = await market(server);
    const admin = await staffAgent(server, 'admin');
    const orgId = m.supplier.user.organizationId;
    const warning = await m.reviewer.agent.post(`/api/organizations/${orgId}/credit-events`).send({ kind: 'warning', reason: '成果信息长期未更新' });
    expect(warning.status, JSON.stringify(warning.body)).to.equal(201);
    const dishonest = await admin.agent.post(`/api/organizations/${orgId}/credit-events`).send({ kind: 'dishonest', reason: '虚构成果转化业绩' });
    await admin.agent.post(`/api/credit-events/${dishonest.body.id}/lift`).send({ reason: '已更正并公开致歉' }).expect(200);

    const all = (await m.reviewer.agent.get('/api/credit-events').query({ organizationId: orgId })).body;
    expect(all.total).to.equal(2);
    expect(all.items.map((e: { kind: string; active: boolean }) => `${e.kind}:${e.active}`)).to.deep.equal(['dishonest:false', 'warning:true']);
    expect(all.items[0]).to.include({ liftReason: '已更正并公开致歉' });
    expect(all.items[0].liftedByName).to.be.a('string');
    expect(all.items[1].organizationName).to.be.a('string').and.not.equal('');
    expect((await m.reviewer.agent.get('/api/credit-events').query({ organizationId: orgId, active: 'true' })).body.items.map((e: { id: string }) => e.id)).to.deep.equal([warning.body.id]);
    expect((await m.reviewer.agent.get('/api/credit-events').query({ organizationId: orgId, kind: 'dishonest' })).body.items.map((e: { id: string }) => e.id)).to.deep.equal([dishonest.body.id]);
    expect((await m.enterprise.agent.get('/api/credit-events')).status, 'staff only').to.equal(403);
    expect((await m.reviewer.agent.get('/api/credit-events').query({ kind: 'bad' })).status).to.equal(400);

    const trail = (await admin.agent.get('/api/audit-log').query({ entityType: 'organization', entityId: orgId })).body.items as { action: string }[];
    expect(trail.map((e) => e.action)).to.include.members(['credit.warning', 'credit.dishonest', 'credit.lift']);
  });
});
