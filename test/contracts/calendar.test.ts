import { expect } from 'chai';
import { addWorkingDays, createContract, getCalendar } from '../../server/components/contracts/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { contractBody, enterpriseAgent, seededZones, staffAgent } from '../factories/index.js';

describe('contracts: working days and review deadlines', () => {
  const server = withTestServer();

  it('skips weekends and public holidays and counts 调休 make-up Saturdays and Sundays (2025–2026 State Council notices)', async () => {
    const cal = await getCalendar(testEnv().db);
    expect(addWorkingDays(cal, '2026-09-30', 1)).to.equal('2026-10-08');
    expect(addWorkingDays(cal, '2026-09-19', 1)).to.equal('2026-09-20');
    expect(addWorkingDays(cal, '2026-10-09', 1)).to.equal('2026-10-10');
    expect(addWorkingDays(cal, '2026-02-13', 15)).to.equal('2026-03-12');
    expect(addWorkingDays(cal, '2025-01-24', 1)).to.equal('2025-01-26');
    expect(addWorkingDays(cal, '2025-09-26', 3)).to.equal('2025-09-30');
    expect(addWorkingDays(cal, '2025-09-26', 4)).to.equal('2025-10-09');
    expect(addWorkingDays(cal, '2024-06-07', 1)).to.equal('2024-06-10');
  });

  it('makes a submission due at the end of its 15th working day, Beijing time', async () => {
    const { user } = await enterpriseAgent(server);
    const zone = (await seededZones())[0]!;
    const actor = { ...user, roles: user.roles, adminZoneId: null } as Parameters<typeof createContract>[1];
    const { contract } = await createContract({ db: testEnv().db }, actor, { ...contractBody(user.organizationId, zone.id, { signedAt: '2026-01-10', validFrom: '2026-01-10' }), attachments: [], now: new Date('2026-02-13T10:00:00+08:00') } as never);
    expect(contract.dueAt).to.equal(new Date('2026-03-12T23:59:59.999+08:00').toISOString());
  });

  it('flags overdue submissions and lists them for the registrar', async () => {
    const { user } = await enterpriseAgent(server);
    const zone = (await seededZones())[0]!;
    const actor = { ...user, adminZoneId: null } as Parameters<typeof createContract>[1];
    const { contract } = await createContract({ db: testEnv().db }, actor, { ...contractBody(user.organizationId, zone.id, { signedAt: '2025-06-01', validFrom: '2025-06-01' }), attachments: [], now: new Date('2025-07-01T09:00:00+08:00') } as never);
    const registrar = await staffAgent(server, 'registrar');
    expect((await registrar.agent.get(`/api/contracts/${contract.id}`)).body.overdue).to.equal(true);
    const res = await registrar.agent.get('/api/contracts').query({ overdue: 'true', pageSize: 100 });
    expect(res.body.items.map((c: { id: string }) => c.id)).to.include(contract.id);
    expect(res.body.items.every((c: { overdue: boolean }) => c.overdue)).to.equal(true);
  });

  it('keeps the holiday table as data an admin edits', async () => {
    const admin = await staffAgent(server, 'admin');
    const list = await server.agent().get('/api/holidays').query({ year: 2026 });
    expect(list.status).to.equal(200);
    expect(list.body.items.find((h: { date: string }) => h.date === '2026-10-01')).to.include({ kind: 'holiday', name: '国庆节' });
    const party = await enterpriseAgent(server);
    expect((await party.agent.put('/api/holidays/2028-01-03').send({ kind: 'holiday', name: '元旦' })).status).to.equal(403);
    expect((await admin.agent.put('/api/holidays/2028-01-03').send({ kind: 'holiday', name: '元旦' })).status).to.equal(200);
    const cal = await getCalendar(testEnv().db);
    expect(addWorkingDays(cal, '2027-12-31', 1)).to.equal('2028-01-04');
    expect((await admin.agent.delete('/api/holidays/2028-01-03')).status).to.equal(204);
    expect(addWorkingDays(await getCalendar(testEnv().db), '2027-12-31', 1)).to.equal('2028-01-03');
    expect((await admin.agent.put('/api/holidays/2028-13-03').send({ kind: 'holiday', name: 'x' })).status).to.equal(400);
  });
});
