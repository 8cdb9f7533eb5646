import { expect } from 'chai';
import { withTestServer } from '../setup/app.js';
import { staffAgent, seededZones, inDays, openDeal, party, priceOffer, send, type Party } from '../factories/index.js';

/** The deal follows its contract back: withdrawn or refused → unlinked (still agreed); a cancelled registration → contracted back to agreed. */
describe('deals follow their contract back (withdrawn, cancelled)', () => {
  const server = withTestServer();

  /** An agreed deal with a broker and a 3 % commission paid by the demand side. */
  async function agreedDeal() {
    const m = await openDeal(server);
    const broker = await party(server, 'broker');
    await m.enterprise.agent.post(`/api/deals/${m.dealId}/broker`).send({ brokerId: broker.user.id }).expect(200);
    await broker.agent.post(`/api/deals/${m.dealId}/accept`).expect(200);
    const commission = await send(broker.agent, m.dealId, { kind: 'offer', offer: { purpose: 'commission', commissionRate: '0.03', payerSide: 'demand', validUntil: inDays(7) } });
    expect((await send(m.enterprise.agent, m.dealId, { kind: 'accept', offerId: commission.body.message.offerId })).status).to.equal(201);
    const offer = await send(m.supplier.agent, m.dealId, { kind: 'offer', offer: priceOffer(200000) });
    expect((await send(m.enterprise.agent, m.dealId, { kind: 'accept', offerId: offer.body.message.offerId })).status).to.equal(201);
    return { ...m, broker };
  }

  async function submitFromDraft(p: Party, dealId: string): Promise<string> {
    const draft = (await p.agent.get(`/api/deals/${dealId}/contract-draft`)).body;
    const [zone] = await seededZones();
    const { transferModes: _modes, contractId: _c, ...body } = draft;
    const res = await p.agent.post('/api/contracts').send({ ...body, zoneId: zone!.id });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  }

  const dealOf = async (p: Party, id: string) => (await p.agent.get(`/api/deals/${id}`)).body;
  const notificationsOf = async (p: Party) => (await p.agent.get('/api/notifications?pageSize=50')).body.items as { title: string; link: string | null }[];

  it('a contract withdrawn before registration is unlinked from its agreed deal (audited, notified) and a new one can be submitted', async () => {
    const { dealId, supplier, enterprise } = await agreedDeal();
    const contractId = await submitFromDraft(enterprise, dealId);
    expect((await dealOf(supplier, dealId)).contractId).to.equal(contractId);

    const withdrawn = await enterprise.agent.post(`/api/contracts/${contractId}/withdraw`).send({ note: '金额需与对方再确认' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    const deal = await dealOf(supplier, dealId);
    expect(deal).to.include({ stage: 'agreed', contractId: null });
    const entry = deal.timeline.find((e: { action: string }) => e.action === 'deal.contract_withdrawn');
    expect(entry, 'audited on the deal').to.not.equal(undefined);
    expect(entry.data).to.include({ contractId, unlinked: true });
    const notes = await notificationsOf(supplier);
    expect(notes.some((n) => n.link === `/deals/${dealId}` && n.title.includes('合同已撤回')), 'the other side is told').to.equal(true);

    // The draft can be submitted again and is linked to the deal.
    const second = await submitFromDraft(enterprise, dealId);
    expect((await dealOf(supplier, dealId)).contractId).to.equal(second);
  });

  it('cancelling a registered contract moves the deal from contracted back to agreed, resets confirmations and voids the commission due; a new registration books it again', async () => {
    const { dealId, supplier, enterprise, broker } = await agreedDeal();
    const contractId = await submitFromDraft(enterprise, dealId);
    const registrar = await staffAgent(server, 'registrar', { regionCode: '450103' });
    await registrar.agent.post(`/api/contracts/${contractId}/review`).send({ decision: 'register' }).expect(200);
    expect((await dealOf(supplier, dealId)).stage).to.equal('contracted');
    await supplier.agent.patch(`/api/deals/${dealId}`).send({ stage: 'closed' }).expect(200);
    const due = (await broker.agent.get('/api/commissions')).body;
    expect(due.items).to.have.length(1);
    expect(due.items[0]).to.include({ status: 'due', amountText: '6000.00' });

    const cancelled = await registrar.agent.post(`/api/contracts/${contractId}/cancel`).send({ note: '合同主体信息有误，撤销登记' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    const deal = await dealOf(supplier, dealId);
    expect(deal).to.include({ stage: 'agreed', contractId: null });
    expect(deal.confirmations).to.deep.equal({ supply: null, demand: null });
    const back = deal.timeline.find((e: { action: string; reason: string | null; data: { to?: string } }) => e.action === 'deal.stage' && e.data.to === 'agreed' && e.reason === '合同登记已撤销');
    expect(back, 'the stage move is audited').to.not.equal(undefined);
    expect(back.data.from).to.equal('contracted');
    expect(deal.timeline.some((e: { action: string; reason: string }) => e.action === 'deal.contract_cancelled' && e.reason === '合同主体信息有误，撤销登记')).to.equal(true);
    expect((await notificationsOf(enterprise)).some((n) => n.title.includes('合同登记已撤销'))).to.equal(true);

    const ledger = (await broker.agent.get('/api/commissions')).body;
    expect(ledger.items[0]).to.include({ status: 'cancelled' });
    expect(ledger.totals).to.deep.equal({ cancelled: '6000.00' });
    expect((await broker.agent.post(`/api/commissions/${ledger.items[0].id}/invoice`).send({})).status, 'a void row is not invoiced').to.equal(409);
    expect((await notificationsOf(broker)).some((n) => n.title.includes('已作废'))).to.equal(true);
    expect((await supplier.agent.patch(`/api/deals/${dealId}`).send({ stage: 'closed' })).status, 'no completion without a contract').to.equal(409);

    // A corrected contract from the same deal registers again: contracted, and a new commission is due.
    const second = await submitFromDraft(supplier, dealId);
    await registrar.agent.post(`/api/contracts/${second}/review`).send({ decision: 'register' }).expect(200);
    expect(await dealOf(enterprise, dealId)).to.include({ stage: 'contracted', contractId: second });
    const again = (await broker.agent.get('/api/commissions')).body;
    expect(again.totals).to.deep.equal({ cancelled: '6000.00', due: '6000.00' });
  });

  it('a refused contract leaves the deal agreed and unlinked', async () => {
    const { dealId, supplier, enterprise } = await agreedDeal();
    const contractId = await submitFromDraft(enterprise, dealId);
    const registrar = await staffAgent(server, 'registrar', { regionCode: '450103' });
    const refused = await registrar.agent.post(`/api/contracts/${contractId}/review`).send({ decision: 'refuse', note: '不属于技术合同' });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(200);
    expect(await dealOf(supplier, dealId)).to.include({ stage: 'agreed', contractId: null });
  });
});

describe('negotiation attachments', () => {
  const server = withTestServer();

  const pdf = (agent: Party['agent'], name: string) => agent.post('/api/files').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: name, contentType: 'application/pdf' });

  it('sends file ids with a message; participants see and download them, everyone else gets 404', async () => {
    const { dealId, supplier, enterprise } = await openDeal(server);
    const uploaded = await pdf(enterprise.agent, '应用场景说明.pdf');
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    const sent = await send(enterprise.agent, dealId, { kind: 'text', attachments: [uploaded.body.id] });
    expect(sent.status, 'a message may be only a file').to.equal(201);
    expect(sent.body.message.attachments).to.deep.equal([{ id: uploaded.body.id, name: '应用场景说明.pdf', size: uploaded.body.size, mime: 'application/pdf' }]);

    const history = (await supplier.agent.get(`/api/deals/${dealId}/messages`)).body.items as { attachments: { id: string }[] }[];
    expect(history.at(-1)!.attachments.map((a) => a.id)).to.deep.equal([uploaded.body.id]);
    const download = await supplier.agent.get(`/api/files/${uploaded.body.id}`);
    expect(download.status, 'the other participant downloads it').to.equal(200);
    const stranger = await party(server, 'enterprise');
    expect((await stranger.agent.get(`/api/files/${uploaded.body.id}`)).status, 'not a participant').to.equal(404);
    expect((await server.agent().get(`/api/files/${uploaded.body.id}`)).status, 'a visitor').to.be.oneOf([401, 404]);

    // Someone else's file cannot be slipped into the room.
    const foreign = await pdf(stranger.agent, '他人文件.pdf');
    const refused = await send(supplier.agent, dealId, { kind: 'text', body: '见附件', attachments: [foreign.body.id] });
    expect(refused.status).to.equal(400);
    expect((await supplier.agent.get(`/api/files/${foreign.body.id}`)).status).to.equal(404);
  });
});
