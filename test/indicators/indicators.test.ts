import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type supertest from 'supertest';
import { taxonomyFile } from '../../server/components/taxonomy/index.js';
import { creditCode, uniq, contractBody, enterpriseAgent, fieldPaths, seededZones, staffAgent } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';

const binary = (res: supertest.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('indicators, zones, targets, subsidies and the annual report', () => {
  const server = withTestServer();
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  let registrar: Awaited<ReturnType<typeof staffAgent>>;
  before(async () => {
    admin = await staffAgent(server, 'admin');
    registrar = await staffAgent(server, 'registrar', { regionCode: '450203' });
  });

  /** A fresh zone (so its figures are only this test's) with its own zone admin. */
  const newZone = async (cityCode = '450200') => {
    const res = await admin.agent.post('/api/zones').send({ slug: `z-${uniq().toLowerCase()}`, name: `测试示范区${uniq()}`, cityCode, level: 'autonomous_region', hostType: 'high_tech_zone', appliedOn: '2024-03-01' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const zoneAdmin = await staffAgent(server, 'zone_admin', { zoneId: res.body.id });
    return { id: res.body.id as string, zoneAdmin };
  };
  const registerContract = async (zoneId: string, over: Record<string, unknown>) => {
    const party = await enterpriseAgent(server);
    const created = await party.agent.post('/api/contracts').send(contractBody(party.user.organizationId, zoneId, over));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    if (created.body.expertReview.required) await registrar.agent.post(`/api/contracts/${created.body.id}/expert-review`).send({ note: '专家评审通过' }).expect(200);
    const reg = await registrar.agent.post(`/api/contracts/${created.body.id}/review`).send({ decision: 'register' });
    expect(reg.status, JSON.stringify(reg.body)).to.equal(200);
    return reg.body;
  };

  describe('zones', () => {
    it('lets an admin create a zone and walk its lifecycle with dates; refuses impossible transitions', async () => {
      const { id } = await newZone();
      expect((await server.agent().get('/api/zones')).body.items.some((z: { id: string }) => z.id === id)).to.equal(true);
      const bad = await admin.agent.post(`/api/zones/${id}/status`).send({ status: 'accepted', effectiveOn: '2024-06-01' });
      expect(bad.status).to.equal(409);
      const approved = await admin.agent.post(`/api/zones/${id}/status`).send({ status: 'approved', effectiveOn: '2024-06-01', note: '自治区科技厅批复' });
      expect(approved.status).to.equal(200);
      expect(approved.body).to.include({ status: 'approved', approvedAt: '2024-06-01' });
      await admin.agent.post(`/api/zones/${id}/status`).send({ status: 'rectify', effectiveOn: '2026-06-30', note: '评估：整改' }).expect(200);
      const zone = await server.agent().get(`/api/zones/${id}`);
      expect(zone.body.statusHistory.map((h: { status: string; effectiveOn: string }) => `${h.status}@${h.effectiveOn}`)).to.deep.equal([
        'applying@2024-03-01',
        'approved@2024-06-01',
        'rectify@2026-06-30',
      ]);
      const taxonomy = await server.agent().get('/api/taxonomy');
      expect(taxonomy.body.zones.find((z: { id: string }) => z.id === id).status).to.equal('rectify');
    });

    it('scopes zone admins to their zone: writing another zone → 403, non-admin create → 403', async () => {
      const a = await newZone();
      const b = await newZone();
      expect((await a.zoneAdmin.agent.patch(`/api/zones/${b.id}`).send({ name: '改别人的示范区' })).status).to.equal(403);
      expect((await a.zoneAdmin.agent.post(`/api/zones/${b.id}/status`).send({ status: 'approved', effectiveOn: '2025-01-01' })).status).to.equal(403);
      expect((await a.zoneAdmin.agent.put(`/api/zones/${b.id}/indicators/I02`).query({ year: 2025 }).send({ value: 1, note: '越权填报' })).status).to.equal(403);
      expect((await a.zoneAdmin.agent.post(`/api/zones/${b.id}/custom-indicators`).send({ name: '越权指标', unit: '个' })).status).to.equal(403);
      expect((await a.zoneAdmin.agent.get(`/api/zones/${b.id}/report`).query({ year: 2025 })).status).to.equal(403);
      const own = await a.zoneAdmin.agent.patch(`/api/zones/${a.id}`).send({ name: `改名示范区${uniq()}` });
      expect(own.status).to.equal(200);
      expect((await a.zoneAdmin.agent.patch(`/api/zones/${a.id}`).send({ cityCode: '450100' })).status).to.equal(403);
      expect((await a.zoneAdmin.agent.post('/api/zones').send({ slug: 'x-y', name: '越权新增', cityCode: '450100', level: 'national', hostType: 'other' })).status).to.equal(403);
    });

    it('deletes a zone nothing refers to, and refuses (409) one with contracts', async () => {
      const empty = await newZone();
      const used = await newZone();
      await registerContract(used.id, {});
      // The zone admin role refers to the zone too: an unused zone is one without admins.
      const lonely = await admin.agent.post('/api/zones').send({ slug: `z-${uniq().toLowerCase()}`, name: `空示范区${uniq()}`, cityCode: '450300', level: 'national', hostType: 'other' });
      expect((await admin.agent.delete(`/api/zones/${lonely.body.id}`)).status).to.equal(204);
      expect((await server.agent().get(`/api/zones/${lonely.body.id}`)).status).to.equal(404);
      expect((await admin.agent.delete(`/api/zones/${used.id}`)).status).to.equal(409);
      expect((await admin.agent.delete(`/api/zones/${empty.id}`)).status).to.equal(409);
    });
  });

  describe('the 27 indicators', () => {
    it('lists the 27 indicators of 附件2 with their exact names and units; 1 is the registered turnover in 亿元', async () => {
      const { id, zoneAdmin } = await newZone();
      await registerContract(id, { amount: 12_345_678.91, techAmount: 10_000_000, signedAt: '2025-05-20', validFrom: '2025-05-20' });
      const c2 = await registerContract(id, { amount: 2_000_000.5, techAmount: 1_500_000, signedAt: '2025-11-02', validFrom: '2025-11-02', type: 'development', subtype: 'dev_joint' });
      const res = await zoneAdmin.agent.get(`/api/zones/${id}/indicators`).query({ year: 2025 });
      expect(res.status).to.equal(200);
      const seed = taxonomyFile<{ code: string; name: string; unit: string; group: string }[]>('indicators');
      expect(res.body.indicators).to.have.length(27);
      expect(res.body.indicators.map((i: { code: string; name: string; unit: string; group: string }) => [i.code, i.name, i.unit, i.group])).to.deep.equal(seed.map((s) => [s.code, s.name, s.unit, s.group]));
      const i1 = res.body.indicators[0];
      expect(i1).to.include({ code: 'I01', source: 'auto', value: 0.1435, unit: '亿元' });
      expect(i1.detail).to.deep.include({ contracts: 2, amountYuan: 14345679.41 });

      // Cancelling re-rolls indicator 1 at once.
      await registrar.agent.post(`/api/contracts/${c2.id}/cancel`).send({ note: '合同解除' }).expect(200);
      const after = await zoneAdmin.agent.get(`/api/zones/${id}/indicators`).query({ year: 2025 });
      expect(after.body.indicators[0]).to.include({ value: 0.1235 });

      const stats = await zoneAdmin.agent.get('/api/stats/contracts').query({ year: 2025, zone: id });
      expect(stats.status).to.equal(200);
      expect(stats.body.totals).to.deep.equal({ count: 1, amount: 12345678.91, techAmount: 10000000 });
      expect(stats.body.byMonth[4]).to.include({ month: 5, count: 1 });
      expect(stats.body.byType.find((t: { type: string }) => t.type === 'transfer')).to.include({ count: 1, name: '技术转让' });
      expect(stats.body.byCity.find((c: { cityCode: string }) => c.cityCode === '450200').count).to.equal(1);
    });

    it('refuses manual writes to auto indicators with 409, keeps manual values with notes and their history', async () => {
      const { id, zoneAdmin } = await newZone();
      const auto = await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I01`).query({ year: 2025 }).send({ value: 9.9, note: '手工覆盖' });
      expect(auto.status).to.equal(409);
      expect(auto.body.error.code).to.equal('conflict');
      for (const code of ['I04', 'I05', 'I06', 'I22', 'I23']) {
        expect((await zoneAdmin.agent.put(`/api/zones/${id}/indicators/${code}`).query({ year: 2025 }).send({ value: 1, note: '手工覆盖' })).status, code).to.equal(409);
      }
      const first = await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I02`).query({ year: 2025 }).send({ value: 12.5, note: '市市场监管局 2025 年统计' });
      expect(first.status).to.equal(200);
      expect(first.body).to.include({ code: 'I02', source: 'manual', value: 12.5, note: '市市场监管局 2025 年统计' });
      await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I02`).query({ year: 2025 }).send({ value: 13, note: '更正：含新认定企业' }).expect(200);
      const history = await zoneAdmin.agent.get(`/api/zones/${id}/indicators/I02/history`).query({ year: 2025 });
      expect(history.body.items.map((h: { value: number }) => h.value)).to.deep.equal([13, 12.5]);
      const text = await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I24`).query({ year: 2025 }).send({ value: '出台产学研合作专项政策 3 项', note: '示范区管委会' });
      expect(text.status).to.equal(200);
      const wrongType = await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I24`).query({ year: 2025 }).send({ value: 3, note: '示范区管委会' });
      expect(wrongType.status).to.equal(400);
      expect(fieldPaths(wrongType)).to.include('value');
      const noNote = await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I02`).query({ year: 2025 }).send({ value: 1 });
      expect(fieldPaths(noNote)).to.include('note');
      expect((await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I99`).query({ year: 2025 }).send({ value: 1, note: '未知指标' })).status).to.equal(404);
      const otherYear = await zoneAdmin.agent.get(`/api/zones/${id}/indicators`).query({ year: 2024 });
      expect(otherYear.body.indicators.find((i: { code: string }) => i.code === 'I02').value).to.equal(null);
    });

    it('adds zone-defined 特色指标 after indicator 27', async () => {
      const { id, zoneAdmin } = await newZone();
      const created = await zoneAdmin.agent.post(`/api/zones/${id}/custom-indicators`).send({ name: '东盟技术转移合作项目数', unit: '项' });
      expect(created.status).to.equal(201);
      expect(created.body.code).to.equal('I27-1');
      await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I27-1`).query({ year: 2025 }).send({ value: 7, note: '中国—东盟技术转移中心' }).expect(200);
      const list = await zoneAdmin.agent.get(`/api/zones/${id}/indicators`).query({ year: 2025 });
      const last = list.body.indicators.at(-1);
      expect(last).to.include({ code: 'I27-1', group: '特色指标', value: 7, custom: true, unit: '项' });
      expect(list.body.indicators).to.have.length(28);
    });

    it('shows the public only the filed annual report', async () => {
      const { id, zoneAdmin } = await newZone();
      await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I08`).query({ year: 2025 }).send({ value: 120, note: '科技厅科技型中小企业评价系统' }).expect(200);
      const before = await server.agent().get(`/api/zones/${id}/indicators`).query({ year: 2025 });
      expect(before.status).to.equal(200);
      expect(before.body.published).to.equal(false);
      expect(before.body.indicators.every((i: { value: unknown }) => i.value === null)).to.equal(true);
      await zoneAdmin.agent.post(`/api/zones/${id}/report/publish`).send({ year: 2025 }).expect(200);
      await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I08`).query({ year: 2025 }).send({ value: 999, note: '报送后修改' }).expect(200);
      const after = await server.agent().get(`/api/zones/${id}/indicators`).query({ year: 2025 });
      expect(after.body.published).to.equal(true);
      expect(after.body.indicators.find((i: { code: string }) => i.code === 'I08').value).to.equal(120);
    });
  });

  describe('targets', () => {
    it('serves the seeded 2016–2020 table with achieved counts and progress; admins add years', async () => {
      const t2016 = await server.agent().get('/api/targets').query({ year: 2016 });
      expect(t2016.status).to.equal(200);
      expect(t2016.body.items.find((i: { cityCode: string }) => i.cityCode === '450100')).to.include({ name: '南宁市', target: 45 });
      expect(t2016.body.items.find((i: { cityCode: string }) => i.cityCode === '450000')).to.include({ target: 60 });
      expect(t2016.body.total.target).to.equal(272);
      const zone = (await seededZones())[0]!.id;
      const before = (await server.agent().get('/api/targets').query({ year: 2019 })).body.items.find((i: { cityCode: string }) => i.cityCode === '450200');
      const buyer = { name: '柳州某汽车零部件公司', creditCode: creditCode(), regionCode: '450203', entityType: 'enterprise' };
      const party = await enterpriseAgent(server);
      const seller = { organizationId: party.user.organizationId };
      for (const [amount, techAmount] of [
        [150_000, 100_000],
        [150_000, 99_999.99],
      ]) {
        const c = await party.agent.post('/api/contracts').send(contractBody('x', zone, { seller, buyer, amount, techAmount, signedAt: '2019-04-01', validFrom: '2019-04-01', validTo: '2020-03-31', confirmDuplicate: true }));
        await registrar.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' }).expect(200);
      }
      const after = (await server.agent().get('/api/targets').query({ year: 2019 })).body.items.find((i: { cityCode: string }) => i.cityCode === '450200');
      expect(after.achieved).to.equal(before.achieved + 1);
      expect(after.progress).to.equal(Math.round((after.achieved / 70) * 10_000) / 10_000);

      const party2 = await enterpriseAgent(server);
      expect((await party2.agent.put('/api/targets/2026').send({ targets: [{ cityCode: '450100', target: 100 }] })).status).to.equal(403);
      const put = await admin.agent.put('/api/targets/2026').send({ targets: [{ cityCode: '450100', target: 100 }, { cityCode: '450200', target: 90 }] });
      expect(put.status).to.equal(200);
      expect(put.body.items.find((i: { cityCode: string }) => i.cityCode === '450100').target).to.equal(100);
      expect(put.body.years).to.include(2026);
      const bad = await admin.agent.put('/api/targets/2026').send({ targets: [{ cityCode: '999900', target: 1 }] });
      expect(fieldPaths(bad)).to.include('targets.0.cityCode');
      // A year outside 2000–2100 (or not a year) names no target year.
      for (const y of ['1999', 'next']) {
        const res = await admin.agent.put(`/api/targets/${y}`).send({ targets: [{ cityCode: '450100', target: 1 }] });
        expect(res.status, y).to.equal(404);
        expect(res.body.error.message).to.equal('年度不存在或无权查看');
      }
    });
  });

  describe('subsidy estimates', () => {
    it('applies the rules as data: 1‰ to the registration body, 1% to the intermediary, 60% to the enterprise, exactly', async () => {
      const rules = await admin.agent.get('/api/subsidy-rules');
      expect(rules.body.items.map((r: { code: string }) => r.code)).to.include.members(['liuzhou_registrar_1permille', 'liuzhou_intermediary_1pct', 'liuzhou_enterprise_60pct']);
      // The seeded Liuzhou rules ran 2019–2022; a region-wide registrar rule for this year is added as data.
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      const code = `gx_registrar_${uniq().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      const rule = await admin.agent
        .post('/api/subsidy-rules')
        .send({ code, name: '自治区登记补助', beneficiaryType: 'registrar', base: 'amount', rate: 0.001, cap: 100, regionCode: '450000', effectiveFrom: `${year}-01-01`, effectiveTo: null });
      expect(rule.status, JSON.stringify(rule.body)).to.equal(201);

      const brokerAgent = server.agent();
      const reg = await brokerAgent.post('/api/auth/register').send({
        email: `broker${uniq()}@example.cn`,
        password: 'Passw0rd-Test',
        name: '柳州经纪人',
        role: 'broker',
        organization: { name: `柳州技术转移中心${uniq()}`, type: 'agency', creditCode: creditCode(), regionCode: '450203' },
      });
      const buyer = { name: `柳州某企业${uniq()}`, creditCode: creditCode(), regionCode: '450205', entityType: 'enterprise' };
      const zone = (await seededZones()).find((z) => z.cityCode === '450200')!.id;
      const amounts = [
        [333_333.33, 222_222.23],
        [100_000.01, 55_555.57],
      ];
      for (const [amount, techAmount] of amounts) {
        const c = await brokerAgent.post('/api/contracts').send(contractBody('x', zone, { buyer, amount, techAmount, signedAt: '2021-08-08', validFrom: '2021-08-08', validTo: '2022-08-07' }));
        expect(c.status, JSON.stringify(c.body)).to.equal(201);
        await registrar.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' }).expect(200);
      }
      const est = await admin.agent.get('/api/subsidies').query({ year: 2021 });
      expect(est.status).to.equal(200);
      const enterprise = est.body.items.find((i: { beneficiary: { creditCode: string } }) => i.beneficiary.creditCode === buyer.creditCode);
      // 60% of 277,777.80 = 166,666.68
      expect(enterprise).to.include({ beneficiaryType: 'enterprise', ruleCode: 'liuzhou_enterprise_60pct', baseAmount: 277777.8, estimate: 166666.68, contracts: 2 });
      const agency = est.body.items.find((i: { beneficiary: { id: string } }) => i.beneficiary.id === reg.body.user.organizationId);
      // 1% of 277,777.80 = 2,777.78
      expect(agency).to.include({ beneficiaryType: 'intermediary', estimate: 2777.78 });
      expect(est.body.byBroker.find((b: { brokerId: string }) => b.brokerId === reg.body.user.id)).to.include({ estimate: 2777.78, name: '柳州经纪人' });

      const now = await admin.agent.get('/api/subsidies').query({ year });
      const body = now.body.items.find((i: { ruleCode: string; beneficiary: { id: string } }) => i.ruleCode === code && i.beneficiary.id === registrar.org.id);
      expect(body.estimate).to.be.at.most(100);

      const zoneAdmin = await staffAgent(server, 'zone_admin', { zoneId: zone });
      const scoped = await zoneAdmin.agent.get('/api/subsidies').query({ year: 2021 });
      expect(scoped.status).to.equal(200);
      expect(scoped.body.scope.zoneId).to.equal(zone);
      const otherZone = (await seededZones()).find((z) => z.id !== zone)!.id;
      expect((await zoneAdmin.agent.get('/api/subsidies').query({ year: 2021, zone: otherZone })).status).to.equal(403);
      const stranger = await enterpriseAgent(server);
      expect((await stranger.agent.get('/api/subsidies').query({ year: 2021 })).status).to.equal(403);
    });
  });

  describe('annual report', () => {
    it('downloads an XLSX in the 附件2 layout that opens and holds the figures', async () => {
      const { id, zoneAdmin } = await newZone('450300');
      await registerContract(id, { amount: 5_000_000 - 0.01, techAmount: 4_000_000, signedAt: '2025-03-03', validFrom: '2025-03-03' });
      await registerContract(id, { amount: 250_000.25, techAmount: 200_000, signedAt: '2025-09-09', validFrom: '2025-09-09', type: 'service', subtype: 'service_technical' });
      await zoneAdmin.agent.put(`/api/zones/${id}/indicators/I02`).query({ year: 2025 }).send({ value: 8.6, note: '市知识产权局' }).expect(200);
      const res = await zoneAdmin.agent.get(`/api/zones/${id}/report`).query({ year: 2025, format: 'xlsx' }).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/spreadsheetml/);
      expect(res.headers['content-disposition']).to.match(/filename\*=UTF-8''/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const sheet = wb.getWorksheet('附件2 指标')!;
      expect((sheet.getRow(3).values as unknown[]).slice(1)).to.deep.equal(['序号', '一级指标', '二级指标', '数值', '单位', '数据来源']);
      expect(sheet.getRow(4).getCell(1).value).to.equal(1);
      expect(sheet.getRow(4).getCell(3).value).to.equal('技术合同成交额');
      expect(sheet.getRow(4).getCell(4).value).to.equal(0.0525);
      expect(sheet.getRow(4).getCell(5).value).to.equal('亿元');
      expect(String(sheet.getRow(4).getCell(6).value)).to.match(/平台自动统计/);
      expect(sheet.getRow(5).getCell(4).value).to.equal(8.6);
      expect(String(sheet.getRow(5).getCell(6).value)).to.equal('示范区填报：市知识产权局');
      expect(sheet.getRow(30).getCell(1).value).to.equal(27);
      const byType = wb.getWorksheet('合同按类型')!;
      const total = byType.getRow(byType.rowCount);
      expect((total.values as unknown[]).slice(1)).to.deep.equal(['合计', 2, 5250000.24, 4200000]);
      const list = wb.getWorksheet('合同明细')!;
      expect(list.rowCount).to.equal(3);
      expect(String(list.getRow(2).getCell(1).value)).to.match(/^\d{16}$/);
    });

    it('downloads a PDF with the CJK font embedded; other zones’ admins and strangers cannot', async () => {
      const { id, zoneAdmin } = await newZone();
      const res = await zoneAdmin.agent.get(`/api/zones/${id}/report`).query({ year: 2025, format: 'pdf' }).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(pdf.toString('latin1')).to.match(/FontFile3|FontFile2/);
      expect(pdf.toString('latin1')).to.match(/NotoSansHans/);
      const other = await newZone();
      expect((await other.zoneAdmin.agent.get(`/api/zones/${id}/report`).query({ year: 2025, format: 'pdf' })).status).to.equal(403);
      expect((await server.agent().get(`/api/zones/${id}/report`).query({ year: 2025 })).status).to.equal(401);
      expect((await admin.agent.get(`/api/zones/${id}/report`).query({ year: 2025, format: 'pdf' })).status).to.equal(200);
    });
  });
});
