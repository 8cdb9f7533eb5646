import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { rollupDifferences } from '../../server/components/contracts/index.js';
import { creditCode, login, PASSWORD, registerUser, uniq, achievementBody, publishListing, contractBody, fieldPaths, seededZones, staffAgent } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

const NIL = '00000000-0000-0000-0000-000000000000';

describe('administration: organizations and users (platform admins)', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof staffAgent>>;
  let reviewer: Awaited<ReturnType<typeof staffAgent>>;
  let zone: string;
  const stations: string[] = [];

  before(async () => {
    server = await startTestServer();
    admin = await staffAgent(server, 'admin');
    reviewer = await staffAgent(server, 'reviewer');
    zone = (await seededZones())[0]!.id;
  });
  const sockets: Socket[] = [];
  after(async () => {
    for (const s of sockets) s.disconnect();
    for (const id of stations) await admin.agent.delete(`/api/registration-stations/${id}`);
    await server.close();
  });

  const newOrgMember = async (role: 'supplier' | 'enterprise' = 'enterprise', name = `管理测试单位${uniq()}`) => {
    const agent = server.agent();
    const reg = await registerUser(agent, role, { organization: { name, type: 'enterprise', creditCode: creditCode('91'), regionCode: '450103' } });
    return { agent, user: reg.user, email: reg.email, orgId: reg.user.organizationId };
  };
  const trail = async (entityType: string, entityId: string) => {
    const res = await admin.agent.get('/api/audit-log').query({ entityType, entityId, pageSize: 100 });
    expect(res.status).to.equal(200);
    return (res.body.items as { action: string; actorId: string; reason: string | null; data: Record<string, unknown> }[]).map((e) => e);
  };

  describe('organizations', () => {
    it('non-staff get 404 (anonymous 401) on every staff endpoint; forged and malformed ids are 404', async () => {
      const m = await newOrgMember();
      expect((await server.agent().get('/api/admin/organizations')).status).to.equal(401);
      expect((await m.agent.get('/api/admin/organizations')).status).to.equal(404);
      expect((await reviewer.agent.get(`/api/admin/organizations/${m.orgId}`)).status).to.equal(404);
      for (const action of ['disable', 'enable', 'verify', 'unverify']) {
        expect((await m.agent.post(`/api/admin/organizations/${m.orgId}/${action}`).send({ reason: '越权' })).status, action).to.equal(404);
      }
      expect((await m.agent.post(`/api/admin/organizations/${m.orgId}/merge`).send({ into: admin.org.id, reason: '越权' })).status).to.equal(404);
      expect((await admin.agent.get(`/api/admin/organizations/${NIL}`)).status).to.equal(404);
      expect((await admin.agent.get('/api/admin/organizations/not-an-id')).status).to.equal(404);
      expect((await admin.agent.post(`/api/admin/organizations/${NIL}/disable`).send({ reason: '测试' })).status).to.equal(404);
      expect((await admin.agent.post(`/api/admin/organizations/${NIL}/merge`).send({ into: m.orgId, reason: '测试' })).status).to.equal(404);
      // Bad filters name the field.
      expect(fieldPaths(await admin.agent.get('/api/admin/organizations').query({ status: 'gone' }))).to.include('query.status');
    });

    it('lists with search by name or credit code, filters and member counts', async () => {
      const tag = uniq();
      const a = await newOrgMember('enterprise', `检索测试甲${tag}`);
      await newOrgMember('enterprise', `检索测试乙${tag}`);
      const byName = await admin.agent.get('/api/admin/organizations').query({ q: tag });
      expect(byName.status, JSON.stringify(byName.body)).to.equal(200);
      expect(byName.body.total).to.equal(2);
      expect(byName.body.items.map((o: { name: string }) => o.name)).to.deep.equal([`检索测试乙${tag}`, `检索测试甲${tag}`].sort());
      expect(byName.body.items[0]).to.include({ memberCount: 1, status: 'active', verified: false });
      const detail = await admin.agent.get(`/api/admin/organizations/${a.orgId}`);
      const byCode = await admin.agent.get('/api/admin/organizations').query({ q: detail.body.creditCode });
      expect(byCode.body.items.map((o: { id: string }) => o.id)).to.deep.equal([a.orgId]);
      const paged = await admin.agent.get('/api/admin/organizations').query({ q: tag, pageSize: 1, page: 2 });
      expect(paged.body).to.include({ total: 2, page: 2, pageSize: 1 });
      expect(paged.body.items).to.have.length(1);
    });

    it('verify and unverify directly (audited; unverify needs a reason); the public card follows', async () => {
      const m = await newOrgMember();
      const v = await admin.agent.post(`/api/admin/organizations/${m.orgId}/verify`).send({});
      expect(v.status, JSON.stringify(v.body)).to.equal(200);
      expect(v.body.verified).to.equal(true);
      expect((await admin.agent.post(`/api/admin/organizations/${m.orgId}/verify`).send({})).status).to.equal(409);
      expect((await server.agent().get(`/api/organizations/${m.orgId}`)).body.verified).to.equal(true);
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${m.orgId}/unverify`).send({}))).to.include('reason');
      await admin.agent.post(`/api/admin/organizations/${m.orgId}/unverify`).send({ reason: '营业执照已吊销' }).expect(200);
      expect((await server.agent().get(`/api/organizations/${m.orgId}`)).body.verified).to.equal(false);
      const actions = (await trail('organization', m.orgId)).map((e) => e.action);
      expect(actions).to.include.members(['organization.verify', 'organization.unverify']);
    });

    it("disabling an organization stops its members acting for it (audited) until it is enabled again", async () => {
      const m = await newOrgMember('supplier');
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${m.orgId}/disable`).send({}))).to.include('reason');
      const off = await admin.agent.post(`/api/admin/organizations/${m.orgId}/disable`).send({ reason: '重复注册，待核实' });
      expect(off.status, JSON.stringify(off.body)).to.equal(200);
      expect(off.body).to.include({ status: 'disabled', statusReason: '重复注册，待核实' });
      expect((await admin.agent.post(`/api/admin/organizations/${m.orgId}/disable`).send({ reason: '再次' })).status).to.equal(409);
      // The member's live session: no organization, no organization-bound role, a clear reason.
      const me = await m.agent.get('/api/auth/me');
      expect(me.body.user).to.include({ organizationId: null, orgAdmin: false });
      expect(me.body.user.disabledOrganization).to.include({ id: m.orgId });
      expect(me.body.user.roles).to.not.include('supplier');
      expect((await m.agent.post('/api/achievements').send(achievementBody())).status).to.equal(403);
      expect((await m.agent.get(`/api/organizations/${m.orgId}/members`)).status).to.equal(404);
      // Hidden from the public search (nobody joins it or picks it as a party), still readable by id.
      const name = (await admin.agent.get(`/api/admin/organizations/${m.orgId}`)).body.name as string;
      expect((await server.agent().get('/api/organizations').query({ q: name })).body.total).to.equal(0);
      expect((await admin.agent.get('/api/admin/organizations').query({ q: name, status: 'disabled' })).body.total).to.equal(1);

      // Nobody joins it or picks it as a contract party meanwhile.
      const joiner = await server.agent().post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: PASSWORD, name: '申请人', role: 'supplier', organizationId: m.orgId });
      expect(joiner.status).to.equal(400);
      expect(fieldPaths(joiner)).to.include('organizationId');
      const other = await newOrgMember();
      const party = await other.agent.post('/api/contracts').send(contractBody(other.orgId, zone, { seller: { organizationId: m.orgId } }));
      expect(fieldPaths(party)).to.include('seller.organizationId');

      await admin.agent.post(`/api/admin/organizations/${m.orgId}/enable`).send({}).expect(200);
      expect((await m.agent.get('/api/auth/me')).body.user.organizationId).to.equal(m.orgId);
      expect((await m.agent.post('/api/achievements').send(achievementBody())).status).to.equal(201);
      const entries = await trail('organization', m.orgId);
      const disable = entries.find((e) => e.action === 'organization.disable')!;
      expect(disable).to.include({ actorId: admin.user.id, reason: '重复注册，待核实' });
      expect(entries.map((e) => e.action)).to.include('organization.enable');
    });

    it('merges a duplicate record: members, listings, contracts and verification move; the duplicate is a tombstone; both trails record it', async () => {
      const tag = uniq();
      const dup = await newOrgMember('supplier', `合并测试（重复）${tag}`);
      const target = await newOrgMember('enterprise', `合并测试${tag}`);
      // The duplicate has a listing, a registered contract as buyer, and staff verification.
      const listing = await dup.agent.post('/api/achievements').send(achievementBody());
      expect(listing.status).to.equal(201);
      const registrar = await staffAgent(server, 'registrar');
      const contract = await dup.agent.post('/api/contracts').send(contractBody(dup.orgId, zone));
      expect(contract.status, JSON.stringify(contract.body)).to.equal(201);
      await registrar.agent.post(`/api/contracts/${contract.body.id}/review`).send({ decision: 'register' }).expect(200);
      await admin.agent.post(`/api/admin/organizations/${dup.orgId}/verify`).send({}).expect(200);
      expect((await target.agent.get(`/api/contracts/${contract.body.id}`)).status).to.equal(404);

      // Refusals: itself, a missing or other-type target, non-staff.
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: dup.orgId, reason: '重复' }))).to.include('into');
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: NIL, reason: '重复' }))).to.include('into');
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: admin.org.id, reason: '重复' }))).to.include('into');
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: target.orgId }))).to.include('reason');

      const merged = await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: target.orgId, reason: '同一单位重复注册' });
      expect(merged.status, JSON.stringify(merged.body)).to.equal(200);
      expect(merged.body.moved).to.include({ members: 1, listings: 1, contracts: 1 });
      expect(merged.body.merged).to.include({ status: 'merged', mergedInto: target.orgId, verified: false });
      expect(merged.body.organization).to.include({ id: target.orgId, memberCount: 2, verified: true });

      // The moved member now acts for the survivor (and is not its org admin: it has one).
      const me = (await dup.agent.get('/api/auth/me')).body.user;
      expect(me).to.include({ organizationId: target.orgId, orgAdmin: false });
      expect((await dup.agent.get(`/api/achievements/${listing.body.id}`)).body.ownerOrgId).to.equal(target.orgId);
      expect((await target.agent.get(`/api/contracts/${contract.body.id}`)).status).to.equal(200);
      expect((await target.agent.get(`/api/organizations/${target.orgId}/members`)).body.items).to.have.length(2);
      // The tombstone: gone publicly, readable by staff, cannot be changed or merged again.
      expect((await server.agent().get(`/api/organizations/${dup.orgId}`)).status).to.equal(404);
      expect((await server.agent().get('/api/organizations').query({ q: tag })).body.items.map((o: { id: string }) => o.id)).to.deep.equal([target.orgId]);
      const tomb = await admin.agent.get(`/api/admin/organizations/${dup.orgId}`);
      expect(tomb.body.mergedIntoOrganization).to.deep.equal({ id: target.orgId, name: `合并测试${tag}` });
      expect((await admin.agent.post(`/api/admin/organizations/${dup.orgId}/merge`).send({ into: target.orgId, reason: '再次' })).status).to.equal(409);
      expect((await admin.agent.post(`/api/admin/organizations/${dup.orgId}/disable`).send({ reason: '停用' })).status).to.equal(409);
      expect(fieldPaths(await admin.agent.post(`/api/admin/organizations/${target.orgId}/merge`).send({ into: dup.orgId, reason: '反向' }))).to.include('into');
      // Audited on both records; the roll-ups still agree with the contracts.
      const out = (await trail('organization', dup.orgId)).find((e) => e.action === 'organization.merge')!;
      expect(out).to.include({ actorId: admin.user.id, reason: '同一单位重复注册' });
      expect(out.data.moved).to.include({ members: 1, listings: 1, contracts: 1 });
      expect((await trail('organization', target.orgId)).map((e) => e.action)).to.include('organization.merge_in');
      const diff = await rollupDifferences(testEnv().db);
      expect(diff.flatMap((d) => d.differences)).to.deep.equal([]);
    });

    it('refuses to merge the two sides of one deal (409 with the reason)', async () => {
      const supplier = await newOrgMember('supplier');
      const buyer = await newOrgMember('enterprise');
      const achievementId = await publishListing(supplier.agent, reviewer.agent, 'achievement');
      const deal = await buyer.agent.post('/api/deals').send({ achievementId, message: '想了解授权条件' });
      expect(deal.status, JSON.stringify(deal.body)).to.be.oneOf([200, 201]);
      const res = await admin.agent.post(`/api/admin/organizations/${buyer.orgId}/merge`).send({ into: supplier.orgId, reason: '测试冲突' });
      expect(res.status).to.equal(409);
      expect(res.body.error.details.conflicts).to.have.length(1);
      expect((await admin.agent.get(`/api/admin/organizations/${buyer.orgId}`)).body.status).to.equal('active');
    });
  });

  describe('users', () => {
    it('disabling a user ends the live session and tokens at once; login is refused with account_disabled until enabled', async () => {
      const m = await newOrgMember();
      const token = (await m.agent.post('/api/auth/tokens').send({ name: '集成' })).body.token as string;
      expect((await server.agent().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).to.equal(200);
      // A live real-time connection opened with the token.
      const socket = connect(`${server.url}/notifications`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      expect((await m.agent.post(`/api/admin/users/${m.user.id}/disable`).send({})).status, 'non-staff').to.equal(403);
      expect((await admin.agent.post(`/api/admin/users/${NIL}/disable`).send({})).status).to.equal(404);
      expect((await admin.agent.post(`/api/admin/users/${admin.user.id}/disable`).send({})).status, 'not oneself').to.equal(409);
      const off = await admin.agent.post(`/api/admin/users/${m.user.id}/disable`).send({ reason: '账号疑似被盗用' });
      expect(off.status, JSON.stringify(off.body)).to.equal(200);
      expect(off.body).to.include({ sessionsEnded: 1, tokensRevoked: 1 });
      expect(off.body.disabledAt).to.be.a('string');
      expect(await closed, 'its socket is closed by the server').to.equal('io server disconnect');

      expect((await m.agent.get('/api/auth/me')).status, 'the live session').to.equal(401);
      expect((await server.agent().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status, 'the token').to.equal(401);
      const refused = await server.agent().post('/api/auth/login').send({ email: m.email, password: PASSWORD });
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('account_disabled');
      expect(refused.body.error.message).to.contain('停用');
      // A wrong password says nothing about the account's state.
      expect((await server.agent().post('/api/auth/login').send({ email: m.email, password: 'Wrong-pass1' })).body.error.code).to.equal('invalid_credentials');
      const listed = await admin.agent.get('/api/admin/users').query({ q: m.email, status: 'disabled' });
      expect(listed.body.items.map((u: { id: string; disabledReason: string }) => [u.id, u.disabledReason])).to.deep.equal([[m.user.id, '账号疑似被盗用']]);
      expect((await admin.agent.post(`/api/admin/users/${m.user.id}/disable`).send({})).status).to.equal(409);

      await admin.agent.post(`/api/admin/users/${m.user.id}/enable`).send({}).expect(200);
      const again = await login(server.agent(), m.email);
      expect((await again.get('/api/auth/me')).status).to.equal(200);
      expect((await admin.agent.get('/api/admin/users').query({ q: m.email, status: 'active' })).body.total).to.equal(1);
      expect((await trail('user', m.user.id)).map((e) => e.action)).to.include.members(['user.disable', 'user.enable']);
    });

    it('a password-reset link works for an admin-issued reset and ends old sessions', async () => {
      const m = await newOrgMember();
      const link = await admin.agent.post(`/api/admin/users/${m.user.id}/password-reset`).send({});
      expect(link.status).to.equal(201);
      await server.agent().post('/api/auth/password-reset').send({ token: link.body.token, password: 'Neue-Passw0rt' }).expect(204);
      expect((await m.agent.get('/api/auth/me')).status).to.equal(401);
      await login(server.agent(), m.email, 'Neue-Passw0rt');
    });
  });

  describe('registration numbers', () => {
    it("carry the region of the station the contract was routed to, not the registrar's organization", async () => {
      // A registrar whose own organization sits in 南宁 (450103) works for the 桂林 station.
      const reg = await staffAgent(server, 'registrar', { regionCode: '450103' });
      const station = await admin.agent.post('/api/registration-stations').send({ name: `桂林市登记站${uniq()}`, regionCodes: ['450300', '450303'] });
      expect(station.status, JSON.stringify(station.body)).to.equal(201);
      stations.push(station.body.id);
      await admin.agent.put(`/api/registration-stations/${station.body.id}/registrars`).send({ userIds: [reg.user.id] }).expect(200);
      const buyer = await newOrgMember();
      const seller = { name: '桂林某研究院', creditCode: creditCode('12'), regionCode: '450303', entityType: 'institute' };
      const c = await buyer.agent.post('/api/contracts').send(contractBody(buyer.orgId, zone, { seller }));
      expect(c.body.stationId).to.equal(station.body.id);
      const done = await reg.agent.post(`/api/contracts/${c.body.id}/review`).send({ decision: 'register' });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.registrationNumber).to.match(/^\d{4}450300\d{6}$/);
      await buyer.agent.get(`/api/contracts/${c.body.id}`).expect(200);
    });
  });
});
