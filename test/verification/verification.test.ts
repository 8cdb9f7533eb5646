import { expect } from 'chai';
import type supertest from 'supertest';
import { creditCode, login, registerUser, uniq, contractBody, fieldPaths, staffAgent } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { tinyPdf } from '../e2e/steps.js';

type Indicator = { code: string; source: string; value: unknown; detail?: Record<string, unknown> };

describe('verification that feeds the indicators (实名认证, agency ratings, parents, broker qualifications)', () => {
  const server = withTestServer();
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  let reviewer: Awaited<ReturnType<typeof staffAgent>>;
  let zoneId: string;
  let zoneAdmin: Awaited<ReturnType<typeof staffAgent>>;
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

  before(async () => {
    admin = await staffAgent(server, 'admin');
    reviewer = await staffAgent(server, 'reviewer');
    // A fresh zone: every count starts at zero and moves only by what this suite does.
    const tag = uniq();
    const z = await admin.agent.post('/api/zones').send({ slug: `verify-${tag}`, name: `认证测试示范区${tag.slice(-6)}`, cityCode: '450300', level: 'autonomous_region', hostType: 'high_tech_zone' });
    expect(z.status, JSON.stringify(z.body)).to.equal(201);
    zoneId = z.body.id;
    zoneAdmin = await staffAgent(server, 'zone_admin', { zoneId });
  });

  const indicators = async (): Promise<Map<string, Indicator>> => {
    const res = await admin.agent.get(`/api/zones/${zoneId}/indicators`).query({ year });
    expect(res.status).to.equal(200);
    return new Map((res.body.indicators as Indicator[]).map((i) => [i.code, i]));
  };
  const upload = async (agent: supertest.Agent, name = '营业执照.pdf') => {
    const res = await agent.post('/api/files').attach('file', tinyPdf(), { filename: name, contentType: 'application/pdf' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  /** A member of a new organization of this zone. */
  const member = async (role: 'supplier' | 'enterprise' | 'broker', type?: string) => {
    const agent = server.agent();
    const orgType = type ?? (role === 'supplier' ? 'university' : role === 'broker' ? 'agency' : 'enterprise');
    const { user } = await registerUser(agent, role, { organization: { name: `认证单位${uniq()}`, type: orgType, creditCode: creditCode(orgType === 'enterprise' || orgType === 'agency' ? '91' : '12'), regionCode: '450303', zoneId } });
    return { agent, user };
  };

  it('an organization files 实名认证 with its licence; a reviewer rejects with a reason, then approves; the badge and indicator 22 follow', async () => {
    const org = await member('enterprise');
    const stranger = await member('enterprise');
    const before = (await indicators()).get('I22')!.value as number;
    const file = await upload(org.agent);
    expect((await stranger.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [file] })).status).to.equal(404);
    expect(fieldPaths(await org.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [] }))).to.include('files');
    const first = await org.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [file] });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.include({ status: 'pending', kind: 'organization' });
    expect((await org.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [file] })).status, 'one pending at a time').to.equal(409);
    // The reviewer downloads the scan; a stranger may not.
    expect((await reviewer.agent.get(`/api/files/${file}`)).status).to.equal(200);
    expect((await stranger.agent.get(`/api/files/${file}`)).status).to.equal(404);
    const queue = await reviewer.agent.get('/api/verifications').query({ kind: 'organization', status: 'pending', pageSize: 100 });
    expect(queue.body.items.map((i: { id: string }) => i.id)).to.include(first.body.id);
    expect((await org.agent.post(`/api/verifications/organization/${first.body.id}/decision`).send({ decision: 'approve' })).status).to.equal(403);
    expect(fieldPaths(await reviewer.agent.post(`/api/verifications/organization/${first.body.id}/decision`).send({ decision: 'reject' }))).to.include('reason');
    const rejected = await reviewer.agent.post(`/api/verifications/organization/${first.body.id}/decision`).send({ decision: 'reject', reason: '营业执照扫描件不清晰' });
    expect(rejected.body).to.include({ status: 'rejected', reason: '营业执照扫描件不清晰' });
    expect((await server.agent().get(`/api/organizations/${org.user.organizationId}`)).body.verified).to.equal(false);
    expect((await indicators()).get('I22')!.value).to.equal(before);

    const second = await org.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [await upload(org.agent, '营业执照（清晰）.pdf')] });
    await reviewer.agent.post(`/api/verifications/organization/${second.body.id}/decision`).send({ decision: 'approve' }).expect(200);
    expect((await reviewer.agent.post(`/api/verifications/organization/${second.body.id}/decision`).send({ decision: 'approve' })).status).to.equal(409);
    expect((await server.agent().get(`/api/organizations/${org.user.organizationId}`)).body.verified).to.equal(true);
    expect((await indicators()).get('I22')!.value).to.equal(before + 1);
    expect((await org.agent.post(`/api/organizations/${org.user.organizationId}/verification`).send({ files: [file] })).status).to.equal(409);
    const latest = await org.agent.get(`/api/organizations/${org.user.organizationId}/verification`);
    expect(latest.body.item).to.include({ status: 'approved' });
  });

  it('a broker submits a training level and title; an unverified broker does not count, a verified one does and shows it', async () => {
    const broker = await member('broker');
    const before = await indicators();
    const file = await upload(broker.agent, '技术经纪人培训证书.pdf');
    expect(fieldPaths(await broker.agent.post('/api/brokers/me/qualifications').send({ level: '特级', files: [file] }))).to.include('level');
    expect(fieldPaths(await broker.agent.post('/api/brokers/me/qualifications').send({ files: [file] }))).to.include('level');
    const req = await broker.agent.post('/api/brokers/me/qualifications').send({ level: '中级', title: '技术经纪专业高级工程师', files: [file] });
    expect(req.status, JSON.stringify(req.body)).to.equal(201);
    // Pending: nothing counts, nothing shows.
    const pending = await indicators();
    expect(pending.get('I05')!.value).to.equal(before.get('I05')!.value);
    expect(pending.get('I06')!.value).to.equal(before.get('I06')!.value);
    expect((await server.agent().get(`/api/brokers/${broker.user.id}/qualifications`)).body).to.include({ level: null, title: null });
    await reviewer.agent.post(`/api/verifications/broker/${req.body.id}/decision`).send({ decision: 'approve', reason: '证书核验无误' }).expect(200);
    const after = await indicators();
    expect(after.get('I05')!.value).to.equal((before.get('I05')!.value as number) + 1);
    expect((after.get('I05')!.detail as { byLevel: Record<string, number> }).byLevel['中级']).to.equal(((before.get('I05')!.detail as { byLevel: Record<string, number> }).byLevel['中级'] ?? 0) + 1);
    expect(after.get('I06')!.value).to.equal((before.get('I06')!.value as number) + 1);
    expect((await server.agent().get(`/api/brokers/${broker.user.id}/qualifications`)).body).to.include({ level: '中级', title: '技术经纪专业高级工程师' });
  });

  it('agency ratings are set by admins or the zone admin of that zone (with year and body); parents by admins', async () => {
    const agency = await member('broker', 'agency');
    const university = await member('supplier');
    const otherZoneAdmin = await staffAgent(server, 'zone_admin', { zoneId: (await admin.agent.get('/api/zones')).body.items.find((z: { id: string }) => z.id !== zoneId).id });
    const before = await indicators();
    const body = { rating: '自治区级技术转移示范机构', year: 2025, ratingBody: '广西壮族自治区科学技术厅' };
    expect((await otherZoneAdmin.agent.put(`/api/organizations/${agency.user.organizationId}/agency-rating`).send(body)).status).to.equal(403);
    expect((await agency.agent.put(`/api/organizations/${agency.user.organizationId}/agency-rating`).send(body)).status).to.equal(403);
    expect(fieldPaths(await zoneAdmin.agent.put(`/api/organizations/${agency.user.organizationId}/agency-rating`).send({ rating: body.rating }))).to.include.members(['year', 'ratingBody']);
    expect(fieldPaths(await zoneAdmin.agent.put(`/api/organizations/${university.user.organizationId}/agency-rating`).send(body))).to.include('rating');
    const rated = await zoneAdmin.agent.put(`/api/organizations/${agency.user.organizationId}/agency-rating`).send(body);
    expect(rated.status, JSON.stringify(rated.body)).to.equal(200);
    expect(rated.body).to.include({ agencyRating: body.rating, agencyRatingYear: 2025 });
    expect((await indicators()).get('I03')!.value).to.equal(((before.get('I03')!.value as number | null) ?? 0) + 1);

    expect(fieldPaths(await admin.agent.put(`/api/organizations/${agency.user.organizationId}/parent`).send({ parentOrgId: agency.user.organizationId }))).to.include('parentOrgId');
    await admin.agent.put(`/api/organizations/${agency.user.organizationId}/parent`).send({ parentOrgId: university.user.organizationId }).expect(200);
    expect((await indicators()).get('I04')!.value).to.equal((before.get('I04')!.value as number) + 1);
  });

  describe('every auto indicator is moved by some API call', () => {
    /** How each auto indicator moves through the API. */
    const movers: Record<string, () => Promise<void>> = {
      I01: async () => {
        const ent = await member('enterprise');
        const registrar = await staffAgent(server, 'registrar');
        const c = await ent.agent.post('/api/contracts').send(contractBody(ent.user.organizationId, zoneId, { signedAt: `${year}-01-02`, validFrom: `${year}-01-02`, validTo: `${year + 1}-01-01` }));
        expect(c.status, JSON.stringify(c.body)).to.equal(201);
        await registrar.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' }).expect(200);
      },
      I03: async () => {
        const agency = await member('broker', 'agency');
        await admin.agent.put(`/api/organizations/${agency.user.organizationId}/agency-rating`).send({ rating: '国家技术转移示范机构', year: 2024, ratingBody: '科学技术部' }).expect(200);
      },
      I04: async () => {
        const agency = await member('broker', 'agency');
        const institute = await member('supplier', 'institute');
        await zoneAdmin.agent.put(`/api/organizations/${agency.user.organizationId}/parent`).send({ parentOrgId: institute.user.organizationId }).expect(200);
      },
      I05: async () => {
        const b = await member('broker');
        const v = await b.agent.post('/api/brokers/me/qualifications').send({ level: '初级', files: [await upload(b.agent, '证书.pdf')] });
        await reviewer.agent.post(`/api/verifications/broker/${v.body.id}/decision`).send({ decision: 'approve' }).expect(200);
      },
      I06: async () => {
        const b = await member('broker');
        const v = await b.agent.post('/api/brokers/me/qualifications').send({ title: '技术经纪专业中级工程师', files: [await upload(b.agent, '职称证书.pdf')] });
        await reviewer.agent.post(`/api/verifications/broker/${v.body.id}/decision`).send({ decision: 'approve' }).expect(200);
      },
      I22: async () => {
        const o = await member('supplier');
        const v = await o.agent.post(`/api/organizations/${o.user.organizationId}/verification`).send({ files: [await upload(o.agent)] });
        await reviewer.agent.post(`/api/verifications/organization/${v.body.id}/decision`).send({ decision: 'approve' }).expect(200);
      },
      I23: async () => {
        // Offline matchmaking events the zone admin records count beside ended roadshows with viewers.
        const res = await zoneAdmin.agent.post(`/api/zones/${zoneId}/events`).send({ heldOn: `${year}-03-01`, title: '甘蔗机械化技术对接会', participants: 60 });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
      },
    };

    it('has a mover for each, and each mover changes its value', async () => {
      const all = await indicators();
      const auto = [...all.values()].filter((i) => i.source === 'auto').map((i) => i.code);
      // I03 is auto only while a rated agency exists in the zone (else manual): the earlier test rated one.
      expect(auto).to.include.members(['I01', 'I03', 'I04', 'I05', 'I06', 'I22', 'I23']);
      for (const code of auto) {
        expect(movers, `no API call moves ${code}`).to.have.property(code);
        const before = (await indicators()).get(code)!.value;
        await movers[code]!();
        const after = (await indicators()).get(code)!.value;
        expect(after, `${code} did not move`).to.not.deep.equal(before);
      }
    });
  });

  it('refuses a stranger reading the verification of another organization (404) and answers a broker qualification of a non-broker with 403', async () => {
    const a = await member('enterprise');
    const b = await member('enterprise');
    expect((await b.agent.get(`/api/organizations/${a.user.organizationId}/verification`)).status).to.equal(404);
    expect((await a.agent.post('/api/brokers/me/qualifications').send({ level: '初级', files: [await upload(a.agent)] })).status).to.equal(403);
    const loggedOut = await login(server.agent(), reviewer.email);
    expect((await loggedOut.get('/api/verifications')).status).to.equal(200);
  });
});
