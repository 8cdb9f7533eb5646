import { expect } from 'chai';
import { withTestServer } from '../setup/app.js';
import { contractBody, enterpriseAgent, fieldPaths, seededZones, staffAgent } from '../factories/index.js';

describe('audit-log viewer', () => {
  const server = withTestServer();

  it('filters by actor, object, action and time for admins; zone admins see their zone only; others 403', async () => {
    const [zoneA, zoneB] = (await seededZones()).map((z) => z.id);
    const admin = await staffAgent(server, 'admin');
    const zoneAdmin = await staffAgent(server, 'zone_admin', { zoneId: zoneA });
    const { agent, user } = await enterpriseAgent(server);
    const start = new Date(Date.now() - 1000).toISOString();
    const inA = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneA!))).body;
    const inB = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneB!))).body;
    await agent.post(`/api/contracts/${inA.id}/withdraw`).send({ note: '重新协商' }).expect(200);

    expect((await agent.get('/api/audit-log')).status).to.equal(403);
    const mine = await admin.agent.get('/api/audit-log').query({ actor: user.id, from: start, action: 'contract.' });
    expect(mine.status).to.equal(200);
    expect(mine.body.items.map((i: { action: string; entityId: string }) => `${i.action} ${i.entityId}`)).to.have.members([
      `contract.submit ${inA.id}`,
      `contract.submit ${inB.id}`,
      `contract.withdraw ${inA.id}`,
    ]);
    expect(mine.body.items[0]).to.include({ actorId: user.id, actorName: '测试用户' });
    const withdrawals = await admin.agent.get('/api/audit-log').query({ actor: user.id, action: 'contract.withdraw' });
    expect(withdrawals.body.items).to.have.length(1);
    expect(withdrawals.body.items[0]).to.include({ reason: '重新协商' });
    const prefix = await admin.agent.get('/api/audit-log').query({ entityType: 'contract', entityId: inA.id, action: 'contract.' });
    expect(prefix.body.total).to.equal(2);
    const future = await admin.agent.get('/api/audit-log').query({ actor: user.id, from: new Date(Date.now() + 60_000).toISOString() });
    expect(future.body.total).to.equal(0);

    const zoneView = await zoneAdmin.agent.get('/api/audit-log').query({ actor: user.id });
    expect(zoneView.status).to.equal(200);
    expect(zoneView.body.items.map((i: { entityId: string }) => i.entityId)).to.include(inA.id).and.not.include(inB.id);
    expect(fieldPaths(await admin.agent.get('/api/audit-log').query({ from: 'yesterday' }))).to.include('query.from');
  });
});
