import { expect } from 'chai';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { rollupDifferences } from '../../server/components/contracts/index.js';
import { auditLog } from '../../server/db/schema.js';
import { creditCode, contractBody, enterpriseAgent, fieldPaths, seededZones, staffAgent } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { contractZoneTotals, contracts } from '../../server/db/schema.js';

describe('contracts: registration (技术合同认定登记)', () => {
  const server = withTestServer();
  let zoneA: string;
  let zoneB: string;
  before(async () => {
    const zs = await seededZones();
    zoneA = zs[0]!.id;
    zoneB = zs[1]!.id;
  });

  const zoneTotal = async (zoneId: string, year: number) => {
    const [row] = await testEnv()
      .db.select({ count: sql<number>`coalesce(sum(${contractZoneTotals.count}),0)::int`, amount: sql<string>`coalesce(sum(${contractZoneTotals.amount}),0)::numeric(18,2)::text` })
      .from(contractZoneTotals)
      .where(and(eq(contractZoneTotals.zoneId, zoneId), eq(contractZoneTotals.year, year)));
    return row!;
  };
  const expectNoDifferences = async () => {
    const diff = await rollupDifferences(testEnv().db);
    expect(diff.flatMap((d) => d.differences)).to.deep.equal([]);
  };

  describe('submission', () => {
    it('creates a submitted contract due in 15 working days, with the parties snapshotted', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const res = await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneA));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ status: 'submitted', type: 'transfer', subtype: 'transfer_patent', amount: 1234567.89, techAmount: 1000000.01, zoneId: zoneA, cityCode: '450100' });
      expect(res.body.registrationNumber).to.equal(null);
      expect(res.body.buyer).to.include({ organizationId: user.organizationId, entityType: 'enterprise' });
      expect(res.body.seller).to.include({ organizationId: null, entityType: 'university', name: '广西测试大学' });
      expect(res.body.expertReview).to.deep.equal({ required: false, reviewedAt: null, note: null });
      const days = (Date.parse(res.body.dueAt) - Date.parse(res.body.submittedAt)) / 86400_000;
      expect(days).to.be.within(15, 40);
      expect(res.body.overdue).to.equal(false);
    });

    it('flags contracts of 500万元 and more for expert review', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const res = await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneA, { amount: 5_000_000, techAmount: 4_000_000 }));
      expect(res.status).to.equal(201);
      expect(res.body.expertReview.required).to.equal(true);
    });

    it('answers 400 naming the field for 技术交易额 > 成交额, a bad credit code, a wrong subtype, an end before the start', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const cases: [Record<string, unknown>, string][] = [
        [{ amount: 100_000, techAmount: 100_000.01 }, 'techAmount'],
        [{ seller: { name: '某大学', creditCode: '91450100198230451H', regionCode: '450103', entityType: 'university' } }, 'seller.creditCode'],
        [{ type: 'development', subtype: 'transfer_patent' }, 'subtype'],
        [{ validFrom: '2026-03-15', validTo: '2026-03-14' }, 'validTo'],
        [{ seller: { name: '某大学', creditCode: creditCode('12'), regionCode: '459999', entityType: 'university' } }, 'seller.regionCode'],
        [{ zoneId: '00000000-0000-4000-8000-000000000000' }, 'zoneId'],
        [{ amount: 100.123 }, 'amount'],
        [{ type: 'nonsense' }, 'type'],
        [{ seller: { organizationId: '00000000-0000-4000-8000-000000000000' } }, 'seller.organizationId'],
      ];
      for (const [over, path] of cases) {
        const res = await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneA, over));
        expect(res.status, path).to.equal(400);
        expect(res.body.error.code).to.equal('validation_failed');
        expect(fieldPaths(res), path).to.include(path);
      }
      const { rows } = await testEnv().db.execute(sql`select count(*)::int as n from contracts where created_by = ${user.id}`);
      expect(rows[0]).to.deep.equal({ n: 0 });
    });

    it('rejects unknown and server-owned body fields with 400 naming them', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const res = await agent.post('/api/contracts').send({ ...contractBody(user.organizationId, zoneA), status: 'registered', registrationNumber: '2026450103000001' });
      expect(res.status).to.equal(400);
      expect(fieldPaths(res)).to.include.members(['status', 'registrationNumber']);
    });

    it('refuses a submitter who is neither a party nor a broker (400 naming the seller)', async () => {
      const { agent } = await enterpriseAgent(server);
      const other = await enterpriseAgent(server);
      const res = await agent.post('/api/contracts').send(contractBody(other.user.organizationId, zoneA));
      expect(res.status).to.equal(400);
      expect(fieldPaths(res)).to.include('seller');
    });

    it('lets a broker submit for two parties, as the contract broker', async () => {
      const agent = server.agent();
      const reg = await agent.post('/api/auth/register').send({
        email: `b${Date.now()}@example.cn`,
        password: 'Passw0rd-Test',
        name: '经纪人',
        role: 'broker',
        organization: { name: `技术转移中心${Date.now()}`, type: 'agency', creditCode: creditCode(), regionCode: '450203' },
      });
      expect(reg.status).to.equal(201);
      const body = contractBody('x', zoneA, { buyer: { name: '柳州某企业', creditCode: creditCode(), regionCode: '450203', entityType: 'enterprise' } });
      const res = await agent.post('/api/contracts').send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.brokerId).to.equal(reg.body.user.id);
      expect(res.body.cityCode).to.equal('450200');
    });

    it('is idempotent: the same Idempotency-Key answers the same contract (201, then 200); a different body → 409', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const body = contractBody(user.organizationId, zoneA);
      const key = `idem-${Date.now()}`;
      const first = await agent.post('/api/contracts').set('Idempotency-Key', key).send(body);
      expect(first.status).to.equal(201);
      const again = await agent.post('/api/contracts').set('Idempotency-Key', key).send(body);
      expect(again.status).to.equal(200);
      expect(again.body.id).to.equal(first.body.id);
      const other = await agent.post('/api/contracts').set('Idempotency-Key', key).send({ ...body, amount: 2_000_000 });
      expect(other.status).to.equal(409);
      // Concurrent retries of a new key still make one contract.
      const key2 = `idem2-${Date.now()}`;
      const body2 = contractBody(user.organizationId, zoneA);
      const results = await Promise.all(Array.from({ length: 6 }, () => agent.post('/api/contracts').set('Idempotency-Key', key2).send(body2)));
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).to.equal(1);
      const rows = await testEnv().db.select().from(contracts).where(eq(contracts.name, body2.name));
      expect(rows).to.have.length(1);
    });
  });

  describe('attachments', () => {
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

    it('attaches the contract scan, lists it on the contract, and lets only those who see the contract download it', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const up = await agent.post('/api/files').attach('file', PDF, { filename: '技术合同扫描件.pdf', contentType: 'application/pdf' });
      expect(up.status).to.equal(201);
      const created = await agent.post('/api/contracts').send({ ...contractBody(user.organizationId, zoneA), attachments: [up.body.id] });
      expect(created.status).to.equal(201);
      const detail = await agent.get(`/api/contracts/${created.body.id}`);
      expect(detail.body.attachments).to.deep.equal([{ id: up.body.id, name: '技术合同扫描件.pdf', size: PDF.length, mime: 'application/pdf' }]);
      const registrar = await staffAgent(server, 'registrar');
      expect((await registrar.agent.get(`/api/files/${up.body.id}`)).status).to.equal(200);
      const stranger = await enterpriseAgent(server);
      expect((await stranger.agent.get(`/api/files/${up.body.id}`)).status).to.equal(404);
      const foreign = await stranger.agent.post('/api/contracts').send({ ...contractBody(stranger.user.organizationId, zoneA), attachments: [up.body.id] });
      expect(foreign.status).to.equal(400);
      expect(fieldPaths(foreign)).to.include('attachments.0');
    });
  });

  describe('visibility', () => {
    it('shows a contract to its parties, registrars and the zone admin of its zone; 404 to strangers', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const created = await agent.post('/api/contracts').send(contractBody(user.organizationId, zoneA));
      const id = created.body.id as string;
      expect((await agent.get(`/api/contracts/${id}`)).status).to.equal(200);
      const stranger = await enterpriseAgent(server);
      const hidden = await stranger.agent.get(`/api/contracts/${id}`);
      expect(hidden.status).to.equal(404);
      expect(hidden.body.error.code).to.equal('not_found');
      expect((await server.agent().get(`/api/contracts/${id}`)).status).to.equal(401);
      const registrar = await staffAgent(server, 'registrar');
      expect((await registrar.agent.get(`/api/contracts/${id}`)).status).to.equal(200);
      const zoneAdminA = await staffAgent(server, 'zone_admin', { zoneId: zoneA });
      expect((await zoneAdminA.agent.get(`/api/contracts/${id}`)).status).to.equal(200);
      const zoneAdminB = await staffAgent(server, 'zone_admin', { zoneId: zoneB });
      expect((await zoneAdminB.agent.get(`/api/contracts/${id}`)).status).to.equal(404);
      expect((await stranger.agent.get('/api/contracts/not-an-id')).status).to.equal(404);
      const list = await stranger.agent.get('/api/contracts');
      expect(list.body.items.map((c: { id: string }) => c.id)).not.to.include(id);
      const own = await agent.get('/api/contracts');
      expect(own.body.items.map((c: { id: string }) => c.id)).to.include(id);
    });
  });

  describe('registrar workflow', () => {
    const submit = async (over: Record<string, unknown> = {}, zoneId = zoneA) => {
      const party = await enterpriseAgent(server);
      const res = await party.agent.post('/api/contracts').send(contractBody(party.user.organizationId, zoneId, over));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return { ...party, id: res.body.id as string, body: res.body };
    };

    it('registers with a 16-digit number: year + the registering body’s region code + serial', async () => {
      const { agent, id } = await submit();
      const registrar = await staffAgent(server, 'registrar', { regionCode: '450203' });
      expect((await agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' })).status).to.equal(403);
      const res = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register', note: '材料齐全' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.equal('registered');
      expect(res.body.registrationNumber).to.match(/^\d{16}$/);
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      expect(res.body.registrationNumber.slice(0, 10)).to.equal(`${year}450203`);
      const again = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' });
      expect(again.status).to.equal(409);
      const trail = await testEnv().db.select().from(auditLog).where(and(eq(auditLog.entityType, 'contract'), eq(auditLog.entityId, id))).orderBy(asc(auditLog.id));
      expect(trail.map((t) => t.action)).to.deep.equal(['contract.submit', 'contract.register']);
      const notes = await agent.get('/api/notifications');
      expect(notes.body.items.some((n: { kind: string }) => n.kind === 'contract_status')).to.equal(true);
    });

    it('needs an expert review before registering ≥ 500万元', async () => {
      const { id } = await submit({ amount: 6_000_000, techAmount: 5_000_000 });
      const registrar = await staffAgent(server, 'registrar');
      const blocked = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' });
      expect(blocked.status).to.equal(409);
      const reviewed = await registrar.agent.post(`/api/contracts/${id}/expert-review`).send({ note: '专家组评审通过' });
      expect(reviewed.status).to.equal(200);
      expect(reviewed.body.expertReview.reviewedAt).to.be.a('string');
      const ok = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' });
      expect(ok.status).to.equal(200);
    });

    it('sends back for correction, takes the correction and the resubmission, then registers', async () => {
      const { agent, id, body } = await submit();
      const registrar = await staffAgent(server, 'registrar');
      const noNote = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'request_correction' });
      expect(noNote.status).to.equal(400);
      expect(fieldPaths(noNote)).to.include('note');
      const back = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'request_correction', note: '请补充技术交易额说明' });
      expect(back.body.status).to.equal('needs_correction');
      const bad = await agent.patch(`/api/contracts/${id}`).send({ techAmount: 99_999_999 });
      expect(bad.status).to.equal(400);
      expect(fieldPaths(bad)).to.include('techAmount');
      const fixed = await agent.patch(`/api/contracts/${id}`).send({ techAmount: 900_000 });
      expect(fixed.status).to.equal(200);
      expect(fixed.body.techAmount).to.equal(900000);
      expect(fixed.body.status).to.equal('needs_correction');
      expect((await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' })).status).to.equal(409);
      const resubmitted = await agent.post(`/api/contracts/${id}/resubmit`).send({ note: '已补充' });
      expect(resubmitted.status).to.equal(200);
      expect(resubmitted.body.status).to.equal('submitted');
      expect(Date.parse(resubmitted.body.dueAt)).to.be.greaterThan(Date.parse(body.dueAt) - 1);
      const reg = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' });
      expect(reg.body.status).to.equal('registered');
      const locked = await agent.patch(`/api/contracts/${id}`).send({ techAmount: 800_000 });
      expect(locked.status).to.equal(409);
    });

    it('refuses with a note; a refused contract counts nowhere', async () => {
      const { id } = await submit({ signedAt: '2019-05-05', validFrom: '2019-05-05', validTo: '2020-05-04' });
      const registrar = await staffAgent(server, 'registrar');
      const before = await zoneTotal(zoneA, 2019);
      const res = await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'refuse', note: '不属于技术合同' });
      expect(res.body.status).to.equal('refused');
      expect(await zoneTotal(zoneA, 2019)).to.deep.equal(before);
    });

    it('lists the queue oldest deadline first, with overdue flags', async () => {
      await submit();
      const registrar = await staffAgent(server, 'registrar');
      const res = await registrar.agent.get('/api/contracts').query({ status: 'submitted', pageSize: 100 });
      expect(res.status).to.equal(200);
      const due = res.body.items.map((c: { dueAt: string }) => Date.parse(c.dueAt));
      expect(due).to.deep.equal([...due].sort((a, b) => a - b));
      expect(res.body.items[0]).to.have.property('overdue');
    });
  });

  describe('roll-ups', () => {
    it('amend and cancel re-roll the zone totals exactly', async () => {
      const party = await enterpriseAgent(server);
      const registrar = await staffAgent(server, 'registrar');
      const body = contractBody(party.user.organizationId, zoneA, { signedAt: '2021-06-01', validFrom: '2021-06-01', validTo: '2023-05-31', amount: 300_000.1, techAmount: 200_000.05 });
      const created = await party.agent.post('/api/contracts').send(body);
      const id = created.body.id as string;
      const a0 = await zoneTotal(zoneA, 2021);
      const b0 = await zoneTotal(zoneB, 2022);
      await registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' }).expect(200);
      const a1 = await zoneTotal(zoneA, 2021);
      expect(a1.count).to.equal(a0.count + 1);
      expect(a1.amount).to.equal((Number(a0.amount) + 300000.1).toFixed(2));

      const other = await staffAgent(server, 'registrar');
      expect((await other.agent.post(`/api/contracts/${id}/amend`).send({ amount: 1, note: '无权变更' })).status).to.equal(403);
      const noNote = await registrar.agent.post(`/api/contracts/${id}/amend`).send({ amount: 1 });
      expect(noNote.status).to.equal(400);
      expect(fieldPaths(noNote)).to.include('note');
      const badAmend = await registrar.agent.post(`/api/contracts/${id}/amend`).send({ amount: 100, note: '改错金额' });
      expect(badAmend.status).to.equal(400);
      expect(fieldPaths(badAmend)).to.include('techAmount');

      const amended = await registrar.agent.post(`/api/contracts/${id}/amend`).send({ zoneId: zoneB, signedAt: '2022-01-10', validFrom: '2022-01-10', amount: 450_000.33, note: '合同补充协议：追加金额并调整所属示范区' });
      expect(amended.status, JSON.stringify(amended.body)).to.equal(200);
      expect(amended.body.status).to.equal('amended');
      expect(amended.body.registrationNumber).to.equal((await registrar.agent.get(`/api/contracts/${id}`)).body.registrationNumber);
      expect(await zoneTotal(zoneA, 2021)).to.deep.equal(a0);
      const b1 = await zoneTotal(zoneB, 2022);
      expect(b1.count).to.equal(b0.count + 1);
      expect(b1.amount).to.equal((Number(b0.amount) + 450000.33).toFixed(2));
      const detail = await registrar.agent.get(`/api/contracts/${id}`);
      expect(detail.body.amendments).to.have.length(1);
      expect(detail.body.amendments[0].after).to.include({ amount: '450000.33', zoneId: zoneB });
      await expectNoDifferences();

      const cancelled = await registrar.agent.post(`/api/contracts/${id}/cancel`).send({ note: '双方解除合同' });
      expect(cancelled.body.status).to.equal('cancelled');
      expect(await zoneTotal(zoneB, 2022)).to.deep.equal(b0);
      expect((await registrar.agent.post(`/api/contracts/${id}/cancel`).send({ note: '再次撤销' })).status).to.equal(409);
      await expectNoDifferences();
    });

    it('50 concurrent registrations: sums exact, numbers unique and gap-free', async function () {
      this.timeout(120_000);
      const party = await enterpriseAgent(server);
      const registrar = await staffAgent(server, 'registrar', { regionCode: '451302' });
      const n = 50;
      let expectedCents = 0n;
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const amount = 100_000 + i * 1234.57 + 0.01;
        const rounded = Math.round(amount * 100) / 100;
        expectedCents += BigInt(Math.round(rounded * 100));
        const res = await party.agent
          .post('/api/contracts')
          .send(contractBody(party.user.organizationId, zoneB, { amount: rounded, techAmount: 50_000.5, signedAt: '2018-07-07', validFrom: '2018-07-07', validTo: '2019-07-06' }));
        ids.push(res.body.id);
      }
      const before = await zoneTotal(zoneB, 2018);
      const results = await Promise.all(ids.map((id) => registrar.agent.post(`/api/contracts/${id}/review`).send({ decision: 'register' })));
      expect(results.map((r) => r.status)).to.deep.equal(Array(n).fill(200));
      const numbers = results.map((r) => r.body.registrationNumber as string);
      expect(new Set(numbers).size).to.equal(n);
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      const all = await testEnv()
        .db.select({ no: contracts.registrationNumber })
        .from(contracts)
        .where(like(contracts.registrationNumber, `${year}451302%`));
      const serials = all.map((r) => Number(r.no!.slice(10))).sort((a, b) => a - b);
      expect(serials).to.deep.equal(Array.from({ length: n }, (_, i) => i + 1));
      const after = await zoneTotal(zoneB, 2018);
      expect(after.count).to.equal(before.count + n);
      const cents = (s: string) => BigInt(s.replace('.', ''));
      expect(cents(after.amount) - cents(before.amount)).to.equal(expectedCents);
      await expectNoDifferences();
    });
  });
});
