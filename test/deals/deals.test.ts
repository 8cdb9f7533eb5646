import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { commissionAmount } from '../../server/components/deals/index.js';
import { testEnv } from '../setup/global.js';
import { withTestServer } from '../setup/app.js';
import { staffAgent, seededZones, createUser, login, uniq, publishListing, inDays, market, openDeal, party, priceOffer, send } from '../factories/index.js';
import { dealOffers } from '../../server/db/schema.js';

describe('deals (REST)', () => {
  const server = withTestServer();

  describe('starting a deal', () => {
    it('creates a lead with the supply side invited, and a second attempt for the same pair returns the same deal', async () => {
      const m = await market(server);
      const first = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId, message: '希望了解转让价格' });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body.stage).to.equal('lead');
      expect(first.body.origin).to.deep.equal({ kind: 'catalogue', id: null });
      const sides = Object.fromEntries(first.body.participants.map((p: { side: string; accepted: boolean; organizationId: string }) => [p.side, p]));
      expect(sides.demand.accepted).to.equal(true);
      expect(sides.demand.organizationId).to.equal(m.enterprise.user.organizationId);
      expect(sides.supply.accepted).to.equal(false);
      expect(sides.supply.organizationId).to.equal(m.supplier.user.organizationId);
      const again = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
      expect(again.status).to.equal(200);
      expect(again.body.id).to.equal(first.body.id);
      // The supplier heard about it.
      const notes = (await m.supplier.agent.get('/api/notifications')).body.items as { kind: string; link: string }[];
      expect(notes.some((n) => n.kind === 'deal_invite' && n.link === `/deals/${first.body.id}`)).to.equal(true);
    });

    it('lets concurrent attempts for the same pair create exactly one deal', async () => {
      const m = await market(server);
      const answers = await Promise.all(Array.from({ length: 5 }, () => m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId })));
      expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).to.equal(1);
    });

    it('refuses bad input with named fields, unpublished listings with 404, and the own organization', async () => {
      const m = await market(server);
      const empty = await m.enterprise.agent.post('/api/deals').send({ stage: 'agreed' });
      expect(empty.status).to.equal(400);
      expect(empty.body.error.details.fields.map((f: { path: string }) => f.path)).to.include('stage');
      const missing = await m.enterprise.agent.post('/api/deals').send({ achievementId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).to.equal(404);
      const own = await m.supplier.agent.post('/api/deals').send({ achievementId: m.achievementId });
      expect(own.status).to.equal(400);
      expect(own.body.error.details.fields[0].path).to.equal('achievementId');
      const anon = await server.agent().post('/api/deals').send({ achievementId: m.achievementId });
      expect(anon.status).to.equal(401);
    });

    it('refuses a user whose organization membership is still pending (403 in Chinese)', async () => {
      const m = await market(server);
      const agent = server.agent();
      const joiner = await agent.post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: 'Passw0rd-Test', name: '待审批', role: 'enterprise', organizationId: m.enterprise.user.organizationId });
      expect(joiner.status, JSON.stringify(joiner.body)).to.equal(201);
      expect(joiner.body.user.organizationId).to.equal(null);
      const res = await agent.post('/api/deals').send({ achievementId: m.achievementId });
      expect(res.status).to.equal(403);
      expect(res.body.error.message).to.match(/尚未加入/);
    });

    it('a broker starts a matchmaking deal that invites both sides; the room opens when both accept', async () => {
      const m = await market(server);
      const demandId = await publishListing(m.enterprise.agent, m.reviewer.agent, 'demand');
      const broker = await party(server, 'broker');
      const res = await broker.agent.post('/api/deals').send({ achievementId: m.achievementId, demandId, message: '两方需求高度匹配，建议对接' });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.origin.kind).to.equal('broker');
      expect(res.body.brokerId).to.equal(broker.user.id);
      expect(res.body.participants.filter((p: { accepted: boolean }) => p.accepted).map((p: { side: string }) => p.side)).to.deep.equal(['broker']);
      const one = await m.supplier.agent.post(`/api/deals/${res.body.id}/accept`);
      expect(one.body.stage).to.equal('lead');
      const two = await m.enterprise.agent.post(`/api/deals/${res.body.id}/accept`);
      expect(two.body.stage).to.equal('contacted');
      const again = await m.enterprise.agent.post(`/api/deals/${res.body.id}/accept`);
      expect(again.status).to.equal(409);
    });

    it('a supplier declining ends the deal as lost with the reason "declined", audited', async () => {
      const m = await market(server);
      const { body } = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
      const declined = await m.supplier.agent.post(`/api/deals/${body.id}/decline`).send({ reason: '该成果已与他方签约' });
      expect(declined.status).to.equal(200);
      expect(declined.body.stage).to.equal('lost');
      expect(declined.body.lostReason).to.equal('declined');
      const detail = await m.enterprise.agent.get(`/api/deals/${body.id}`);
      expect(detail.body.timeline.map((t: { action: string }) => t.action)).to.include.members(['deal.create', 'deal.decline', 'deal.stage']);
      // A new deal on the same pair is possible once the old one is lost.
      const fresh = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
      expect(fresh.status).to.equal(201);
      expect(fresh.body.id).not.to.equal(body.id);
    });
  });

  describe('who may see a deal', () => {
    it('answers 404 on every route to non-participants, and 401 to visitors', async () => {
      const { dealId } = await openDeal(server);
      const outsider = await party(server, 'enterprise');
      const admin = await login(server.agent(), (await createUser('admin')).email);
      for (const agent of [outsider.agent, admin]) {
        expect((await agent.get(`/api/deals/${dealId}`)).status).to.equal(404);
        expect((await agent.get(`/api/deals/${dealId}/messages`)).status).to.equal(404);
        expect((await agent.get(`/api/deals/${dealId}/contract-draft`)).status).to.equal(404);
        expect((await agent.post(`/api/deals/${dealId}/accept`)).status).to.equal(404);
        expect((await agent.post(`/api/deals/${dealId}/decline`).send({})).status).to.equal(404);
        expect((await agent.patch(`/api/deals/${dealId}`).send({ stage: 'negotiating' })).status).to.equal(404);
        expect((await agent.post(`/api/deals/${dealId}/undertaking`)).status).to.equal(404);
        expect((await agent.post(`/api/deals/${dealId}/read`).send({ seq: 1 })).status).to.equal(404);
        expect((await send(agent, dealId, { kind: 'text', body: '你好' })).status).to.equal(404);
        expect((await agent.post(`/api/deals/${dealId}/ratings`).send({ organizationId: dealId, score: 5 })).status).to.equal(404);
      }
      const list = await outsider.agent.get('/api/deals');
      expect(list.body.items.map((d: { id: string }) => d.id)).not.to.include(dealId);
      expect((await server.agent().get(`/api/deals/${dealId}`)).status).to.equal(401);
    });
  });

  describe('confidentiality (保密承诺)', () => {
    it('hides contacts, attachments and confidential detail until the participant accepted the deal and signed the undertaking', async () => {
      const m = await market(server);
      const path = `/api/achievements/${m.achievementId}`;
      const before = (await m.enterprise.agent.get(path)).body;
      expect(before.detail, 'detail stays visible to logged-in users').to.be.a('string');
      expect(before).not.to.have.any.keys('contactPhone', 'contactName', 'contactEmail', 'confidentialDetail', 'attachments');
      expect(before.confidentialVisible).to.equal(false);

      const { body: deal } = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
      // Undertaking before the supplier accepted: the deal room is not open, still hidden.
      await m.enterprise.agent.post(`/api/deals/${deal.id}/undertaking`).expect(200);
      expect((await m.enterprise.agent.get(path)).body).not.to.have.key('contactPhone');
      await m.supplier.agent.post(`/api/deals/${deal.id}/accept`).expect(200);
      const after = (await m.enterprise.agent.get(path)).body;
      expect(after.contactPhone).to.equal('0771-1234567');
      expect(after.confidentialDetail).to.equal('关键工艺：刀盘转速 1200 rpm');
      expect(after.confidentialVisible).to.equal(true);

      // A colleague in the same organization who has not signed sees nothing confidential.
      const colleague = await party(server, 'enterprise');
      expect((await colleague.agent.get(path)).body).not.to.have.key('contactPhone');
      // The owner always sees everything; visitors see the summary only.
      expect((await m.supplier.agent.get(path)).body.contactPhone).to.equal('0771-1234567');
      expect((await server.agent().get(path)).body).not.to.have.any.keys('detail', 'contactPhone');

      // A lost deal closes the access again.
      await m.enterprise.agent.patch(`/api/deals/${deal.id}`).send({ stage: 'lost', lostReason: 'price', lostNote: '预算不足' }).expect(200);
      expect((await m.enterprise.agent.get(path)).body).not.to.have.key('contactPhone');
    });
  });

  describe('messages and offers', () => {
    it('stores messages with gap-free seq, resends with the same clientMsgId store once, and counts unread per participant', async () => {
      const { dealId, supplier, enterprise } = await openDeal(server);
      const a = await send(enterprise.agent, dealId, { kind: 'text', body: '请问可以现场考察吗？', clientMsgId: 'c-1' });
      expect(a.status, JSON.stringify(a.body)).to.equal(201);
      const again = await send(enterprise.agent, dealId, { kind: 'text', body: '请问可以现场考察吗？', clientMsgId: 'c-1' });
      expect(again.status).to.equal(200);
      expect(again.body.duplicate).to.equal(true);
      expect(again.body.message.seq).to.equal(a.body.message.seq);
      const b = await send(supplier.agent, dealId, { kind: 'text', body: '可以，下周二方便。', clientMsgId: 'c-1' });
      expect(b.body.message.seq, 'clientMsgId is per sender').to.equal(a.body.message.seq + 1);
      const history = await enterprise.agent.get(`/api/deals/${dealId}/messages?afterSeq=0`);
      expect(history.body.items.map((m: { seq: number }) => m.seq)).to.deep.equal([1, 2, 3]);
      expect((await enterprise.agent.get(`/api/deals/${dealId}/messages?afterSeq=2`)).body.items.map((m: { seq: number }) => m.seq)).to.deep.equal([3]);
      const view = await enterprise.agent.get(`/api/deals/${dealId}`);
      expect(view.body.unread).to.equal(1);
      const read = await enterprise.agent.post(`/api/deals/${dealId}/read`).send({ seq: 3 });
      expect(read.body).to.deep.equal({ lastReadSeq: 3, unread: 0 });
      const bad = await send(enterprise.agent, dealId, { kind: 'text' });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details.fields[0].path).to.equal('body');
    });

    it('keeps one live offer, lets only the other side accept, moves to agreed and prefills the contract draft exactly', async () => {
      const { dealId, supplier, enterprise, achievementId } = await openDeal(server);
      const offer = await send(supplier.agent, dealId, {
        kind: 'offer',
        offer: priceOffer(1234567.89, { terms: [{ dueDate: '2027-01-31', amount: 1000000.01 }, { dueDate: '2027-06-30', amount: 234567.88 }] }),
      });
      expect(offer.status, JSON.stringify(offer.body)).to.equal(201);
      const offerId = offer.body.message.offerId as string;
      expect((await supplier.agent.get(`/api/deals/${dealId}`)).body.stage, 'an offer starts the negotiation').to.equal('negotiating');
      const second = await send(supplier.agent, dealId, { kind: 'offer', offer: priceOffer(1000) });
      expect(second.status).to.equal(409);
      const own = await send(supplier.agent, dealId, { kind: 'accept', offerId });
      expect(own.status).to.equal(403);
      const badSum = await send(enterprise.agent, dealId, { kind: 'counter', offer: priceOffer(100, { terms: [{ dueDate: '2027-01-31', amount: 99.99 }] }) });
      expect(badSum.status).to.equal(400);
      expect(badSum.body.error.details.fields[0].path).to.equal('offer.terms');
      const counter = await send(enterprise.agent, dealId, { kind: 'counter', offer: priceOffer(1100000.1) });
      expect(counter.status).to.equal(201);
      const superseded = await send(enterprise.agent, dealId, { kind: 'accept', offerId });
      expect(superseded.status).to.equal(409);
      const draftTooEarly = await supplier.agent.get(`/api/deals/${dealId}/contract-draft`);
      expect(draftTooEarly.status).to.equal(409);
      const accept = await send(supplier.agent, dealId, { kind: 'accept', offerId: counter.body.message.offerId });
      expect(accept.status).to.equal(201);
      const deal = (await enterprise.agent.get(`/api/deals/${dealId}`)).body;
      expect(deal.stage).to.equal('agreed');
      expect(deal.agreedAmount).to.equal(1100000.1);
      expect(deal.offers.map((o: { status: string }) => o.status)).to.deep.equal(['superseded', 'accepted']);
      const draft = (await enterprise.agent.get(`/api/deals/${dealId}/contract-draft`)).body;
      expect(draft).to.include({ type: 'transfer', subtype: 'transfer_patent', amount: 1100000.1, techAmount: 1100000.1, dealId, achievementId });
      expect(draft.seller).to.deep.equal({ organizationId: supplier.user.organizationId });
      expect(draft.buyer).to.deep.equal({ organizationId: enterprise.user.organizationId });
    });

    it('lets exactly one of a concurrent accept and withdraw win', async () => {
      for (let round = 0; round < 3; round++) {
        const { dealId, supplier, enterprise } = await openDeal(server);
        const offer = await send(supplier.agent, dealId, { kind: 'offer', offer: priceOffer(500000) });
        const offerId = offer.body.message.offerId as string;
        const [accept, withdraw] = await Promise.all([send(enterprise.agent, dealId, { kind: 'accept', offerId }), send(supplier.agent, dealId, { kind: 'withdraw', offerId })]);
        expect([accept.status, withdraw.status].sort()).to.deep.equal([201, 409]);
        const [row] = await testEnv().db.select().from(dealOffers).where(eq(dealOffers.id, offerId));
        const deal = (await enterprise.agent.get(`/api/deals/${dealId}`)).body;
        if (accept.status === 201) {
          expect(row!.status).to.equal('accepted');
          expect(deal.stage).to.equal('agreed');
        } else {
          expect(row!.status).to.equal('withdrawn');
          expect(deal.stage).to.equal('negotiating');
        }
      }
    });

    it('refuses accepting an expired offer', async () => {
      const { dealId, supplier, enterprise } = await openDeal(server);
      const offer = await send(supplier.agent, dealId, { kind: 'offer', offer: priceOffer(500000, { validUntil: inDays(1) }) });
      await testEnv().db.update(dealOffers).set({ validUntil: new Date(Date.now() - 1000) }).where(eq(dealOffers.id, offer.body.message.offerId));
      const accept = await send(enterprise.agent, dealId, { kind: 'accept', offerId: offer.body.message.offerId });
      expect(accept.status).to.equal(409);
      expect(accept.body.error.message).to.match(/有效期/);
    });
  });

  describe('from agreement to a registered contract, with the broker commission', () => {
    it('registration moves the deal to contracted and books the commission due exactly; both confirmations close it; ratings once', async () => {
      const { dealId, supplier, enterprise } = await openDeal(server);
      const broker = await party(server, 'broker');
      await enterprise.agent.post(`/api/deals/${dealId}/broker`).send({ brokerId: broker.user.id }).expect(200);
      await broker.agent.post(`/api/deals/${dealId}/accept`).expect(200);
      // The broker proposes 3.5 % paid by the demand side; the enterprise accepts.
      const commission = await send(broker.agent, dealId, { kind: 'offer', offer: { purpose: 'commission', commissionRate: '0.035', payerSide: 'demand', validUntil: inDays(7) } });
      expect(commission.status, JSON.stringify(commission.body)).to.equal(201);
      expect((await send(supplier.agent, dealId, { kind: 'accept', offerId: commission.body.message.offerId })).status, 'only the payer answers').to.equal(403);
      expect((await send(enterprise.agent, dealId, { kind: 'accept', offerId: commission.body.message.offerId })).status).to.equal(201);

      const offer = await send(supplier.agent, dealId, { kind: 'offer', offer: priceOffer(1234567.89) });
      expect((await send(enterprise.agent, dealId, { kind: 'accept', offerId: offer.body.message.offerId })).status).to.equal(201);
      const draft = (await enterprise.agent.get(`/api/deals/${dealId}/contract-draft`)).body;
      expect(draft.brokerId).to.equal(broker.user.id);
      const [zone] = await seededZones();
      const { transferModes: _modes, contractId: _c, ...body } = draft;
      const submitted = await enterprise.agent.post('/api/contracts').send({ ...body, zoneId: zone!.id, techAmount: 1000000.01 });
      expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
      expect(submitted.body.dealId).to.equal(dealId);
      expect((await supplier.agent.get(`/api/deals/${dealId}`)).body.contractId).to.equal(submitted.body.id);

      const registrar = await staffAgent(server, 'registrar', { regionCode: '450103' });
      await registrar.agent.post(`/api/contracts/${submitted.body.id}/review`).send({ decision: 'register' }).expect(200);
      expect((await supplier.agent.get(`/api/deals/${dealId}`)).body.stage).to.equal('contracted');

      const ledger = (await broker.agent.get('/api/commissions')).body;
      expect(ledger.items).to.have.length(1);
      // 1,000,000.01 × 0.035 = 35,000.00035 → 35,000.00 (half up at the cent).
      expect(ledger.items[0]).to.include({ dealId, contractId: submitted.body.id, status: 'due', amountText: '35000.00', amount: 35000 });
      expect(ledger.totals).to.deep.equal({ due: '35000.00' });
      expect((await enterprise.agent.get('/api/commissions')).body.items, 'the payer sees it too').to.have.length(1);
      expect((await supplier.agent.get('/api/commissions')).body.items, 'the other side does not').to.have.length(0);
      const id = ledger.items[0].id as string;
      expect((await enterprise.agent.post(`/api/commissions/${id}/invoice`).send({})).status).to.equal(403);
      expect((await broker.agent.post(`/api/commissions/${id}/paid`)).status).to.equal(409);
      expect((await broker.agent.post(`/api/commissions/${id}/invoice`).send({ invoiceNo: 'FP2026001' })).body.status).to.equal('invoiced');
      expect((await broker.agent.post(`/api/commissions/${id}/paid`)).body.status).to.equal('paid');
      expect((await enterprise.agent.post(`/api/commissions/${id}/confirm`)).body.payerConfirmedAt).to.be.a('string');

      expect((await supplier.agent.post(`/api/deals/${dealId}/ratings`).send({ organizationId: enterprise.user.organizationId, score: 5 })).status, 'not yet closed').to.equal(409);
      await supplier.agent.patch(`/api/deals/${dealId}`).send({ stage: 'closed' }).expect(200);
      expect((await supplier.agent.patch(`/api/deals/${dealId}`).send({ stage: 'closed' })).status).to.equal(409);
      const closed = await enterprise.agent.patch(`/api/deals/${dealId}`).send({ stage: 'closed' });
      expect(closed.body.stage).to.equal('closed');

      const rate = await supplier.agent.post(`/api/deals/${dealId}/ratings`).send({ organizationId: enterprise.user.organizationId, score: 5, tags: ['守约守信'], comment: '合作顺利' });
      expect(rate.status, JSON.stringify(rate.body)).to.equal(201);
      expect((await supplier.agent.post(`/api/deals/${dealId}/ratings`).send({ organizationId: enterprise.user.organizationId, score: 4 })).status).to.equal(409);
      await enterprise.agent.post(`/api/deals/${dealId}/ratings`).send({ organizationId: broker.user.organizationId, score: 4 }).expect(201);
      const profile = (await server.agent().get(`/api/brokers/${broker.user.id}`)).body;
      expect(profile).to.include({ closedDeals: 1, rating: 4, ratingCount: 1, contracts: 1 });
      const directory = (await server.agent().get('/api/brokers?pageSize=100')).body;
      expect(directory.items.map((b: { id: string }) => b.id)).to.include(broker.user.id);
    });

    it('refuses a contract naming a deal the submitter is not part of, or one not yet agreed', async () => {
      const { dealId, enterprise } = await openDeal(server);
      const [zone] = await seededZones();
      const { contractBody } = await import('../factories/index.js');
      const early = await enterprise.agent.post('/api/contracts').send(contractBody(enterprise.user.organizationId, zone!.id, { dealId }));
      expect(early.status).to.equal(400);
      expect(early.body.error.details.fields[0].path).to.equal('dealId');
      const stranger = await party(server, 'enterprise');
      const foreign = await stranger.agent.post('/api/contracts').send(contractBody(stranger.user.organizationId, zone!.id, { dealId }));
      expect(foreign.status).to.equal(400);
    });
  });

  describe('commission arithmetic', () => {
    it('is exact in decimal: rates round half up at the cent, fixed sums stay as given', () => {
      expect(commissionAmount('1000000.01', { commissionRate: '0.035', amount: null })).to.equal('35000.00');
      expect(commissionAmount('0.10', { commissionRate: '0.05', amount: null })).to.equal('0.01');
      expect(commissionAmount('0.09', { commissionRate: '0.05', amount: null })).to.equal('0.00');
      // 9,999,999,999,999 cents × 0.123457 = 1,234,569,999,999.876543 cents → 12,345,700,000.00 yuan.
      expect(commissionAmount('99999999999.99', { commissionRate: '0.123457', amount: null })).to.equal('12345700000.00');
      expect(commissionAmount('123.45', { commissionRate: null, amount: '8888.88' })).to.equal('8888.88');
      // 0.1 + 0.2 would not be 0.3 in floating point; 3 × 10 % of 1.00 is exactly 0.30 here.
      expect(commissionAmount('3.00', { commissionRate: '0.1', amount: null })).to.equal('0.30');
    });
  });
});

describe('zone funnel', () => {
  const server = withTestServer();

  it('counts the year of a fresh zone: listings published → deals → negotiating → agreed → contracts registered with their amount', async () => {
    const admin = await login(server.agent(), (await createUser('admin')).email);
    const tag = uniq();
    const zone = await admin.post('/api/zones').send({ slug: `funnel-${tag}`, name: `漏斗测试示范区${tag.slice(-6)}`, cityCode: '450100', level: 'autonomous_region', hostType: 'high_tech_zone' });
    expect(zone.status, JSON.stringify(zone.body)).to.equal(201);
    const zoneId = zone.body.id as string;
    const m = await market(server, { zoneId });
    await publishListing(m.enterprise.agent, m.reviewer.agent, 'demand', { zoneId });
    const { body: deal } = await m.enterprise.agent.post('/api/deals').send({ achievementId: m.achievementId });
    expect(deal.zoneId).to.equal(zoneId);
    await m.supplier.agent.post(`/api/deals/${deal.id}/accept`).expect(200);
    const offer = await send(m.supplier.agent, deal.id, { kind: 'offer', offer: priceOffer(300000.5) });
    expect((await send(m.enterprise.agent, deal.id, { kind: 'accept', offerId: offer.body.message.offerId })).status).to.equal(201);
    const draft = (await m.enterprise.agent.get(`/api/deals/${deal.id}/contract-draft`)).body;
    const { transferModes: _m, contractId: _c, ...body } = draft;
    const contract = await m.enterprise.agent.post('/api/contracts').send({ ...body, zoneId });
    expect(contract.status, JSON.stringify(contract.body)).to.equal(201);
    const registrar = await staffAgent(server, 'registrar', { regionCode: '450103' });
    await registrar.agent.post(`/api/contracts/${contract.body.id}/review`).send({ decision: 'register' }).expect(200);

    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    const funnel = (await server.agent().get(`/api/zones/${zoneId}/funnel?year=${year}`)).body;
    const step = (key: string) => funnel.steps.find((s: { key: string }) => s.key === key);
    expect(step('published')).to.include({ count: 2, achievements: 1, demands: 1 });
    expect(step('deals').count).to.equal(1);
    expect(step('negotiating').count).to.equal(1);
    expect(step('agreed').count).to.equal(1);
    expect(step('contracts')).to.include({ count: 1, amount: '300000.50' });
    const last = (await server.agent().get(`/api/zones/${zoneId}/funnel?year=${year - 1}`)).body;
    expect(last.steps.map((s: { count: number }) => s.count)).to.deep.equal([0, 0, 0, 0, 0, 0]);
    expect((await server.agent().get(`/api/zones/${zoneId}/funnel`)).status).to.equal(400);
  });
});

describe('complaints and credit (诚信)', () => {
  const server = withTestServer();

  it('a complaint upheld as 失信 hides the organization from the catalogue until staff lift it; all audited and shown on its credit card', async () => {
    const word = `蚕丝蛋白止血海绵${uniq().slice(-4)}`;
    const m = await market(server, { title: word, keywords: [word] });
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    const found = async () => ((await server.agent().get('/api/achievements').query({ q: word })).body.items as { id: string }[]).some((i) => i.id === m.achievementId);
    expect(await found(), 'listed before').to.equal(true);

    const self = await m.supplier.agent.post('/api/complaints').send({ organizationId: m.supplier.user.organizationId, reason: '自己投诉自己' });
    expect(self.status).to.equal(400);
    const complaint = await m.enterprise.agent.post('/api/complaints').send({ organizationId: m.supplier.user.organizationId, reason: '对方在洽谈外索要定金后失联，证据见聊天截图' });
    expect(complaint.status, JSON.stringify(complaint.body)).to.equal(201);
    expect((await m.enterprise.agent.post(`/api/complaints/${complaint.body.id}/resolve`).send({ decision: 'dishonest', note: '自行处理' })).status).to.equal(403);
    const queue = (await m.reviewer.agent.get('/api/complaints?status=open&pageSize=100')).body.items as { id: string }[];
    expect(queue.map((c) => c.id)).to.include(complaint.body.id);
    const resolved = await m.reviewer.agent.post(`/api/complaints/${complaint.body.id}/resolve`).send({ decision: 'dishonest', note: '经核实，列入失信名单' });
    expect(resolved.status, JSON.stringify(resolved.body)).to.equal(200);
    expect(resolved.body.status).to.equal('upheld');
    expect((await m.reviewer.agent.post(`/api/complaints/${complaint.body.id}/resolve`).send({ decision: 'dismiss', note: '重复处理' })).status).to.equal(409);

    expect(await found(), 'hidden while 失信').to.equal(false);
    const card = (await server.agent().get(`/api/organizations/${m.supplier.user.organizationId}/credit`)).body;
    expect(card.dishonest).to.equal(true);
    expect(card.events[0]).to.include({ kind: 'dishonest', active: true, complaintId: complaint.body.id });

    const lifted = await m.reviewer.agent.post(`/api/credit-events/${card.events[0].id}/lift`).send({ reason: '已整改并退还定金' });
    expect(lifted.status).to.equal(200);
    expect(await found(), 'back after lifting').to.equal(true);
    const warning = await m.reviewer.agent.post(`/api/organizations/${m.supplier.user.organizationId}/credit-events`).send({ kind: 'warning', reason: '成果信息更新不及时' });
    expect(warning.status).to.equal(201);
    expect(await found(), 'a warning does not hide').to.equal(true);
    const after = (await server.agent().get(`/api/organizations/${m.supplier.user.organizationId}/credit`)).body;
    expect(after.dishonest).to.equal(false);
    expect(after.events.map((e: { kind: string; active: boolean }) => `${e.kind}:${e.active}`)).to.deep.equal(['warning:true', 'dishonest:false']);
  });
});
