import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type supertest from 'supertest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/db/schema.js';
import { rollupDifferences } from '../../server/components/contracts/index.js';
import { creditCode, registerUser, achievementBody, publishListing, contractBody, enterpriseAgent, fieldPaths, seededZones, staffAgent } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { notifications } from '../../server/db/schema.js';

/** A valid 18-digit resident ID number (GB 11643 check character) for a 17-digit body. */
function residentId(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(body17[i]), 0);
  return body17 + '10X98765432'[sum % 11]!;
}

describe('contracts: safe submission, parties of every kind, zones, registration stations', () => {
  const server = withTestServer();
  let zone: string;
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  before(async () => {
    zone = (await seededZones())[0]!.id;
    admin = await staffAgent(server, 'admin');
  });

  describe('safe submission', () => {
    it('refuses the same party as seller and buyer (field error on buyer)', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const same = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { organizationId: user.organizationId } }));
      expect(same.status).to.equal(400);
      expect(fieldPaths(same)).to.include('buyer');
      const code = creditCode();
      const outside = { name: '某公司', creditCode: code, regionCode: '450103', entityType: 'enterprise' };
      const both = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: outside, buyer: { ...outside, name: '某公司（另名）' } }));
      expect(both.status).to.equal(400);
      expect(fieldPaths(both)).to.include('buyer');
    });

    it('answers a likely duplicate with 409 and the existing contract, and accepts it once confirmed', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const body = contractBody(user.organizationId, zone);
      const first = await agent.post('/api/contracts').send(body);
      expect(first.status).to.equal(201);
      // Same name.
      const again = await agent.post('/api/contracts').send({ ...body, amount: 999, techAmount: 999 });
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('duplicate_suspected');
      expect(again.body.error.details).to.include({ reason: 'same_name', confirmWith: 'confirmDuplicate' });
      expect(again.body.error.details.existing.id).to.equal(first.body.id);
      // Same parties, amount and signing date under another name.
      const twin = await agent.post('/api/contracts').send({ ...body, name: `${body.name}（二）` });
      expect(twin.status).to.equal(409);
      expect(twin.body.error.details.reason).to.equal('same_parties_amount_date');
      // A different amount under another name is no duplicate; a confirmed one goes through.
      expect((await agent.post('/api/contracts').send({ ...body, name: `${body.name}（三）`, amount: 2_000_000 })).status).to.equal(201);
      const confirmed = await agent.post('/api/contracts').send({ ...body, confirmDuplicate: true });
      expect(confirmed.status).to.equal(201);
      expect(confirmed.body.id).to.not.equal(first.body.id);
      // Someone who cannot see the existing contract is not told about it.
      const stranger = await enterpriseAgent(server);
      const other = await stranger.agent.post('/api/contracts').send(contractBody(stranger.user.organizationId, zone, { name: body.name }));
      expect(other.status).to.equal(201);
    });

    it('lets the submitter withdraw a contract not yet registered (audited), and nobody else', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const c = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zone))).body;
      const stranger = await enterpriseAgent(server);
      expect((await stranger.agent.post(`/api/contracts/${c.id}/withdraw`).send({})).status).to.equal(404);
      const registrar = await staffAgent(server, 'registrar');
      expect((await registrar.agent.post(`/api/contracts/${c.id}/withdraw`).send({})).status).to.equal(403);
      const res = await agent.post(`/api/contracts/${c.id}/withdraw`).send({ note: '合同条款需重新协商' });
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('withdrawn');
      expect(res.body.withdrawnAt).to.be.a('string');
      expect((await agent.post(`/api/contracts/${c.id}/withdraw`).send({})).status).to.equal(409);
      expect((await registrar.agent.post(`/api/contracts/${c.id}/review`).send({ decision: 'register' })).status).to.equal(409);
      const [row] = await testEnv()
        .db.select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, 'contract.withdraw')));
      expect(row).to.include({ actorId: user.id, reason: '合同条款需重新协商' });
      // A withdrawn contract is no duplicate of a new one.
      const { id: _id, status: _s, ...rest } = c;
      void _id;
      void _s;
      expect((await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { name: rest.name }))).status).to.equal(201);
      const registered = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zone))).body;
      await registrar.agent.post(`/api/contracts/${registered.id}/review`).send({ decision: 'register' }).expect(200);
      expect((await agent.post(`/api/contracts/${registered.id}/withdraw`).send({})).status).to.equal(409);
    });

    it("links an achievement only of the seller and a demand only of the buyer; another organization's hidden listing reads as missing", async () => {
      const supplier = server.agent();
      const { user: sup } = await registerUser(supplier, 'supplier');
      const reviewer = await staffAgent(server, 'reviewer');
      const published = await publishListing(supplier, reviewer.agent, 'achievement');
      const draft = (await supplier.post('/api/achievements').send(achievementBody())).body.id as string;
      const { agent, user } = await enterpriseAgent(server);
      const other = await enterpriseAgent(server);
      const otherPublished = await publishListing(other.agent, reviewer.agent, 'demand');
      const seller = { organizationId: sup.organizationId };
      // Published achievement of the seller: fine.
      expect((await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller, achievementId: published }))).status).to.equal(201);
      // The seller is someone else: the achievement is not theirs.
      const wrong = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { achievementId: published }));
      expect(wrong.status).to.equal(400);
      expect(wrong.body.error.details.fields).to.deep.include({ path: 'achievementId', message: '关联的科技成果须属于卖方单位' });
      // A draft the buyer cannot see answers exactly like a missing one.
      const hidden = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller, achievementId: draft }));
      const missing = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller, achievementId: '00000000-0000-4000-8000-000000000000' }));
      expect(hidden.status).to.equal(400);
      expect(hidden.body.error.details.fields).to.deep.equal(missing.body.error.details.fields);
      // A demand of another buyer.
      const demand = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller, demandId: otherPublished }));
      expect(demand.body.error.details.fields).to.deep.include({ path: 'demandId', message: '关联的技术需求须由买方单位发布' });
    });
  });

  describe('parties of every kind', () => {
    it('takes a foreign party with an ISO 3166 country code (技术出口 flag) and refuses one without', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const foreign = { name: 'Vietnam Sugar Machinery JSC', countryCode: 'vn', registrationNumber: '0301234567', entityType: 'foreign' };
      const noCountry = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { organizationId: user.organizationId }, buyer: { name: 'Thai Agro Co., Ltd.', entityType: 'foreign' } }));
      expect(noCountry.status).to.equal(400);
      expect(noCountry.body.error.details.fields).to.deep.include({ path: 'buyer.countryCode', message: '境外当事方须填写国家或地区代码（ISO 3166 两位字母，如 VN、TH）' });
      const bad = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { ...foreign, countryCode: 'QQ' } }));
      expect(fieldPaths(bad)).to.include('seller.countryCode');
      const cn = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { ...foreign, countryCode: 'CN' } }));
      expect(fieldPaths(cn)).to.include('seller.countryCode');
      const extra = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { ...foreign, creditCode: creditCode() } }));
      expect(fieldPaths(extra)).to.include('seller.creditCode');
      const ok = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: foreign }));
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
      expect(ok.body.seller).to.include({ entityType: 'foreign', countryCode: 'VN', registrationNumber: '0301234567', creditCode: null, regionCode: null });
      expect(ok.body.crossBorder).to.equal('import');
      const out = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { organizationId: user.organizationId }, buyer: foreign }));
      expect(out.status).to.equal(201);
      expect(out.body.crossBorder).to.equal('export');
      expect(out.body.cityCode).to.equal(null);
    });

    it('takes a natural person with an ID number (checked), shown masked except to registrars', async () => {
      const { agent, user } = await enterpriseAgent(server);
      const id = residentId('45010319800101123');
      const badCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
      const bad = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { name: '李发明', idNumber: badCheck, entityType: 'individual' } }));
      expect(bad.body.error.details.fields).to.deep.include({ path: 'seller.idNumber', message: '身份证号码校验位不正确，请核对' });
      const none = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { name: '李发明', entityType: 'individual' } }));
      expect(fieldPaths(none)).to.include('seller.idNumber');
      const res = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { name: '李发明', idNumber: id, entityType: 'individual' } }));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.seller.idNumber).to.equal(`${id.slice(0, 4)}**********${id.slice(-4)}`);
      expect((await agent.get(`/api/contracts/${res.body.id}`)).body.seller.idNumber).to.not.equal(id);
      const registrar = await staffAgent(server, 'registrar');
      expect((await registrar.agent.get(`/api/contracts/${res.body.id}`)).body.seller.idNumber).to.equal(id);
      const list = await agent.get('/api/contracts');
      expect(JSON.stringify(list.body)).to.not.include(id);
    });
  });

  describe('contracts outside any zone', () => {
    it('register without a zone, count for their city and the province and no zone; verify finds 0 differences', async () => {
      const registrar = await staffAgent(server, 'registrar');
      const { agent, user } = await enterpriseAgent(server);
      const year = 2024;
      const statsBefore = (await admin.agent.get('/api/stats/contracts').query({ year })).body;
      const zoneBefore = (await admin.agent.get('/api/stats/contracts').query({ year, zone })).body;
      // Seller in 贵港 (no demonstration zone).
      const seller = { name: '贵港某研究所', creditCode: creditCode('12'), regionCode: '450802', entityType: 'institute' };
      const body = contractBody(user.organizationId, zone, { seller, amount: 300_000, techAmount: 200_000, signedAt: `${year}-05-06`, validFrom: `${year}-05-06`, validTo: `${year + 1}-05-05` });
      delete (body as { zoneId?: string }).zoneId;
      const c = await agent.post('/api/contracts').send(body);
      expect(c.status, JSON.stringify(c.body)).to.equal(201);
      expect(c.body.zoneId).to.equal(null);
      await registrar.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' }).expect(200);
      const explicitNull = await agent.post('/api/contracts').send({ ...body, name: `${body.name}（空）`, amount: 1000, techAmount: 1000, zoneId: null });
      expect(explicitNull.status).to.equal(201);

      const after = (await admin.agent.get('/api/stats/contracts').query({ year })).body;
      expect(after.totals.count).to.equal(statsBefore.totals.count + 1);
      expect(after.outsideZones.count).to.equal(statsBefore.outsideZones.count + 1);
      expect(after.outsideZones.amount).to.be.closeTo(statsBefore.outsideZones.amount + 300_000, 0.001);
      const city = (s: { byCity: { cityCode: string; count: number }[] }) => s.byCity.find((x) => x.cityCode === '450800')!.count;
      expect(city(after)).to.equal(city(statsBefore) + 1);
      const zoneSum = (s: { byZone: { count: number }[] }) => s.byZone.reduce((n, z) => n + z.count, 0);
      expect(zoneSum(after)).to.equal(zoneSum(statsBefore));
      const zoneAfter = (await admin.agent.get('/api/stats/contracts').query({ year, zone })).body;
      expect(zoneAfter.totals).to.deep.equal(zoneBefore.totals);
      expect(zoneAfter.outsideZones).to.equal(null);
      const listed = await agent.get('/api/contracts').query({ zone: 'none' });
      expect(listed.body.items.map((i: { id: string }) => i.id)).to.include(c.body.id);
      expect(listed.body.items.every((i: { zoneId: string | null }) => i.zoneId === null)).to.equal(true);
      // Amending it into a zone moves it out of the outside totals.
      await registrar.agent.post(`/api/contracts/${c.body.id}/amend`).send({ zoneId: zone, note: '补充所属示范区' }).expect(200);
      const moved = (await admin.agent.get('/api/stats/contracts').query({ year })).body;
      expect(moved.outsideZones.count).to.equal(statsBefore.outsideZones.count);
      expect(moved.totals.count).to.equal(statsBefore.totals.count + 1);
      const diff = await rollupDifferences(testEnv().db);
      expect(diff.flatMap((d) => d.differences)).to.deep.equal([]);
      expect(diff.map((d) => d.table)).to.include('contract_outside_totals');
    });
  });

  describe('registration stations and jurisdiction', () => {
    it('routes a submission to the station of the seller region; only its registrars are told, see and review it', async () => {
      const liuzhouReg = await staffAgent(server, 'registrar', { regionCode: '450200' });
      const otherReg = await staffAgent(server, 'registrar', { regionCode: '450300' });
      const name = `柳州市技术合同登记站${Date.now()}`;
      const liuzhou = await admin.agent.post('/api/registration-stations').send({ name, regionCodes: ['450200'] });
      expect(liuzhou.status, JSON.stringify(liuzhou.body)).to.equal(201);
      const guilin = await admin.agent.post('/api/registration-stations').send({ name: `桂林市技术合同登记站${Date.now()}`, regionCodes: ['450300'] });
      expect(guilin.status).to.equal(201);
      // One region, one station; unknown regions and non-registrars refused; only admins manage.
      const overlap = await admin.agent.post('/api/registration-stations').send({ name: `重叠${Date.now()}`, regionCodes: ['450300'] });
      expect(overlap.status).to.equal(400);
      expect(fieldPaths(overlap)).to.include('regionCodes.0');
      expect(fieldPaths(await admin.agent.post('/api/registration-stations').send({ name: `外省${Date.now()}`, regionCodes: ['110100'] }))).to.include('regionCodes.0');
      expect((await liuzhouReg.agent.post('/api/registration-stations').send({ name: 'x登记站', regionCodes: ['450900'] })).status).to.equal(403);
      const { agent, user } = await enterpriseAgent(server);
      expect(fieldPaths(await admin.agent.put(`/api/registration-stations/${liuzhou.body.id}/registrars`).send({ userIds: [user.id] }))).to.include('userIds.0');
      const set = await admin.agent.put(`/api/registration-stations/${liuzhou.body.id}/registrars`).send({ userIds: [liuzhouReg.user.id] });
      expect(set.status).to.equal(200);
      expect(set.body.registrars.map((r: { id: string }) => r.id)).to.deep.equal([liuzhouReg.user.id]);
      await admin.agent.put(`/api/registration-stations/${guilin.body.id}/registrars`).send({ userIds: [otherReg.user.id] }).expect(200);

      const seller = { name: '柳州某工业研究院', creditCode: creditCode('12'), regionCode: '450203', entityType: 'institute' };
      const c = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller }));
      expect(c.status).to.equal(201);
      expect(c.body.stationId).to.equal(liuzhou.body.id);
      const told = await testEnv().db.select().from(notifications).where(eq(notifications.link, `/registrar/contracts/${c.body.id}`));
      expect(told.map((n) => n.userId)).to.deep.equal([liuzhouReg.user.id]);

      // The other station's registrar: 404 everywhere, and not in the queue.
      expect((await otherReg.agent.get(`/api/contracts/${c.body.id}`)).status).to.equal(404);
      expect((await otherReg.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' })).status).to.equal(404);
      const queue = await otherReg.agent.get('/api/contracts').query({ status: 'submitted', pageSize: 100, q: seller.name });
      expect(queue.body.items).to.deep.equal([]);
      const mine = await liuzhouReg.agent.get('/api/contracts').query({ status: 'submitted', q: seller.name });
      expect(mine.body.items.map((i: { id: string }) => i.id)).to.deep.equal([c.body.id]);
      expect((await admin.agent.get(`/api/contracts/${c.body.id}`)).status).to.equal(200);
      const registered = await liuzhouReg.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' });
      expect(registered.status).to.equal(200);
      expect(registered.body.registrationNumber).to.match(/^\d{4}450200\d{6}$/);

      // A county served by no station falls back to its city's station; deleting a station with open work → 409.
      const county = await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { seller: { ...seller, creditCode: creditCode('12'), regionCode: '450222' } }));
      expect(county.body.stationId).to.equal(liuzhou.body.id);
      expect((await admin.agent.delete(`/api/registration-stations/${liuzhou.body.id}`)).status).to.equal(409);
      const list = await liuzhouReg.agent.get('/api/registration-stations');
      expect(list.body.items.map((s: { id: string }) => s.id)).to.include(liuzhou.body.id);
      // Once nothing is open the stations go (the rest of the suite runs without stations).
      await agent.post(`/api/contracts/${county.body.id}/withdraw`).send({}).expect(200);
      await admin.agent.delete(`/api/registration-stations/${liuzhou.body.id}`).expect(204);
      await admin.agent.delete(`/api/registration-stations/${guilin.body.id}`).expect(204);
      expect((await otherReg.agent.get(`/api/contracts/${c.body.id}`)).status).to.equal(200);
    });
  });

  describe('登记证明 and the contract ledger', () => {
    const binary = (res: { body: unknown }) => res.body as Buffer;
    const parser = (res: supertest.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const stream = res as unknown as NodeJS.ReadableStream;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => cb(null, Buffer.concat(chunks)));
    };

    it('prints a CJK PDF certificate for the parties once registered; strangers 404', async () => {
      const registrar = await staffAgent(server, 'registrar');
      const { agent, user } = await enterpriseAgent(server);
      const c = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zone))).body;
      expect((await agent.get(`/api/contracts/${c.id}/certificate`)).status).to.equal(409);
      await registrar.agent.post(`/api/contracts/${c.id}/review`).send({ decision: 'register' }).expect(200);
      const pdf = await agent.get(`/api/contracts/${c.id}/certificate`).buffer(true).parse(parser);
      expect(pdf.status).to.equal(200);
      expect(pdf.headers['content-type']).to.equal('application/pdf');
      expect(pdf.headers['content-disposition']).to.include("filename*=UTF-8''");
      expect(binary(pdf).subarray(0, 5).toString()).to.equal('%PDF-');
      expect(binary(pdf).includes(Buffer.from('NotoSansHans'))).to.equal(true);
      const stranger = await enterpriseAgent(server);
      expect((await stranger.agent.get(`/api/contracts/${c.id}/certificate`)).status).to.equal(404);
    });

    it('exports the ledger as XLSX with the list filters for registrars and zone admins; parties 403', async () => {
      const registrar = await staffAgent(server, 'registrar');
      const zoneAdmin = await staffAgent(server, 'zone_admin', { zoneId: zone });
      const otherZone = (await seededZones())[1]!.id;
      const { agent, user } = await enterpriseAgent(server);
      const mark = `台账${Date.now()}`;
      const inZone = (await agent.post('/api/contracts').send(contractBody(user.organizationId, zone, { name: `${mark}甲` }))).body;
      const elsewhere = (await agent.post('/api/contracts').send(contractBody(user.organizationId, otherZone, { name: `${mark}乙` }))).body;
      expect((await agent.get('/api/contracts/ledger')).status).to.equal(403);
      const names = async (res: { body: unknown }) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(binary(res) as unknown as ArrayBuffer);
        const ws = wb.getWorksheet('技术合同台账')!;
        const out: string[] = [];
        ws.eachRow((row, i) => i > 1 && out.push(String(row.getCell(2).value)));
        return out;
      };
      const all = await registrar.agent.get('/api/contracts/ledger').query({ q: mark }).buffer(true).parse(parser);
      expect(all.status).to.equal(200);
      expect(all.headers['content-type']).to.include('spreadsheetml');
      expect((await names(all)).sort()).to.deep.equal([inZone.name, elsewhere.name].sort());
      const mine = await zoneAdmin.agent.get('/api/contracts/ledger').query({ q: mark }).buffer(true).parse(parser);
      expect(await names(mine)).to.deep.equal([inZone.name]);
      const filtered = await registrar.agent.get('/api/contracts/ledger').query({ q: mark, zone: otherZone }).buffer(true).parse(parser);
      expect(await names(filtered)).to.deep.equal([elsewhere.name]);
    });
  });
});
