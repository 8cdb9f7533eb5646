import crypto from 'node:crypto';
import { expect } from 'chai';
import supertest from 'supertest';
import { createUser, login, PASSWORD, registerUser, registrationBody, uniq } from '../factories/index.js';
import { startTestServer, withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

const fieldPaths = (res: supertest.Response) => (res.body.error.details.fields as { path: string }[]).map((f) => f.path);

describe('auth', () => {
  const server = withTestServer();

  describe('register', () => {
    it('creates the user and organization, logs in, and answers the user shape of API.md', async () => {
      const agent = server.agent();
      const body = registrationBody('supplier');
      const res = await agent.post('/api/auth/register').send(body);
      expect(res.status).to.equal(201);
      expect(res.body.user).to.include({ email: body.email, name: '测试用户' });
      expect(res.body.user.roles).to.deep.equal(['supplier']);
      expect(res.body.user.organization).to.include({ name: body.organization.name, type: 'university' });
      expect(res.body.user.organizationId).to.equal(res.body.user.organization.id);
      const me = await agent.get('/api/auth/me');
      expect(me.status).to.equal(200);
      expect(me.body.user.id).to.equal(res.body.user.id);
    });

    it('sets an httpOnly SameSite=Lax session cookie, not Secure outside production', async () => {
      const res = await server.agent().post('/api/auth/register').send(registrationBody());
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('gjt.sid='));
      expect(cookie, 'session cookie').to.be.a('string');
      expect(cookie).to.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
      expect(cookie).not.to.match(/;\s*Secure/i);
    });

    it('rejects a weak password naming the password field', async () => {
      for (const password of ['short1', 'onlyletters', '1234567890', 'password123']) {
        const res = await server.agent().post('/api/auth/register').send(registrationBody('enterprise', { password }));
        expect(res.status, password).to.equal(400);
        expect(res.body.error.code).to.equal('validation_failed');
        expect(fieldPaths(res)).to.include('password');
      }
    });

    it('rejects a credit code with a wrong check character and one of the wrong shape', async () => {
      for (const creditCode of ['91450100198230451H', '91450100MA5K0000I1', '123']) {
        const body = registrationBody();
        body.organization.creditCode = creditCode;
        const res = await server.agent().post('/api/auth/register').send(body);
        expect(res.status, creditCode).to.equal(400);
        expect(fieldPaths(res)).to.include('organization.creditCode');
        expect(res.body.error.details.fields[0].message).to.match(/统一社会信用代码/);
      }
    });

    it('rejects region codes that are malformed or not in GB/T 2260', async () => {
      for (const regionCode of ['4501', '459999', '990101']) {
        const body = registrationBody();
        body.organization.regionCode = regionCode;
        const res = await server.agent().post('/api/auth/register').send(body);
        expect(res.status, regionCode).to.equal(400);
        expect(fieldPaths(res)).to.include('organization.regionCode');
      }
    });

    it('answers 409 for an email that is already registered, and stores nothing new', async () => {
      const first = registrationBody();
      await server.agent().post('/api/auth/register').send(first).expect(201);
      const again = registrationBody('enterprise', { email: first.email.toUpperCase() });
      const res = await server.agent().post('/api/auth/register').send(again);
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('conflict');
      const orgs = await server.agent().get('/api/organizations').query({ q: again.organization.name });
      expect(orgs.body.total).to.equal(0);
    });

    it('rejects unknown and server-owned fields with 400 naming them', async () => {
      const res = await server.agent().post('/api/auth/register').send({ ...registrationBody(), roles: ['admin'], status: 'active' });
      expect(res.status).to.equal(400);
      expect(fieldPaths(res)).to.include.members(['roles', 'status']);
    });

    it('refuses staff roles at self-registration', async () => {
      const res = await server.agent().post('/api/auth/register').send(registrationBody('enterprise', { role: 'admin' }));
      expect(res.status).to.equal(400);
      expect(fieldPaths(res)).to.include('role');
    });

    it('asks to join an existing organization by id: the account has no organization until approved, and the role must fit its type', async () => {
      const a = server.agent();
      const { user } = await registerUser(a, 'enterprise');
      const res = await server.agent().post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: PASSWORD, name: '同事', role: 'enterprise', organizationId: user.organizationId });
      expect(res.status).to.equal(201);
      expect(res.body.user.organizationId).to.equal(null);
      expect(res.body.user.roles).to.deep.equal([]);
      expect(res.body.user.membership).to.include({ status: 'pending', role: 'enterprise' });
      expect(res.body.user.membership.organization.id).to.equal(user.organizationId);
      const wrongRole = await server.agent().post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: PASSWORD, name: '同事', role: 'supplier', organizationId: user.organizationId });
      expect(wrongRole.status).to.equal(201);
      const unknown = await server.agent().post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: PASSWORD, name: '同事', role: 'enterprise', organizationId: '00000000-0000-0000-0000-000000000000' });
      expect(unknown.status).to.equal(400);
      expect(fieldPaths(unknown)).to.include('organizationId');
      const notAnId = await server.agent().post('/api/auth/register').send({ email: `j${uniq()}@example.cn`, password: PASSWORD, name: '同事', role: 'enterprise', organizationId: 'abc' });
      expect(notAnId.status).to.equal(400);
      expect(fieldPaths(notAnId)).to.include('organizationId');
    });

    it('answers 400 invalid_json for a body that is not JSON', async () => {
      const res = await server.agent().post('/api/auth/register').set('Content-Type', 'application/json').send('{"email":');
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_json');
      expect(JSON.stringify(res.body)).not.to.match(/at .*\.(js|ts):\d+/);
    });
  });

  describe('login', () => {
    it('logs in with the right password and logs out', async () => {
      const { email } = await registerUser(server.agent());
      const agent = await login(server.agent(), email);
      expect((await agent.get('/api/auth/me')).status).to.equal(200);
      expect((await agent.post('/api/auth/logout')).status).to.equal(204);
      expect((await agent.get('/api/auth/me')).status).to.equal(401);
    });

    it('answers the same 401 for a wrong password and an unknown email', async () => {
      const { email } = await registerUser(server.agent());
      const wrong = await server.agent().post('/api/auth/login').send({ email, password: 'Wrong-passw0rd' });
      const unknown = await server.agent().post('/api/auth/login').send({ email: `nobody${uniq()}@example.cn`, password: 'Wrong-passw0rd' });
      expect(wrong.status).to.equal(401);
      expect(unknown.status).to.equal(401);
      expect(wrong.body).to.deep.equal(unknown.body);
      expect(wrong.body.error.code).to.equal('invalid_credentials');
    });

    it('locks an account after repeated failures with 429 and Retry-After', async () => {
      const limited = await startTestServer({ login: { maxPerIp: 100, maxPerAccount: 3, windowSeconds: 600 } });
      try {
        const { email } = await registerUser(limited.agent());
        for (let i = 0; i < 3; i++) await limited.agent().post('/api/auth/login').send({ email, password: 'Wrong-passw0rd' }).expect(401);
        const res = await limited.agent().post('/api/auth/login').send({ email, password: PASSWORD });
        expect(res.status).to.equal(429);
        expect(res.body.error.code).to.equal('rate_limited');
        expect(Number(res.headers['retry-after'])).to.be.within(1, 600);
      } finally {
        await limited.close();
      }
    });

    it('limits failed attempts per IP across accounts, and successes from the same address do not count', async () => {
      const limited = await startTestServer({ trustProxy: true, login: { maxPerIp: 4, maxPerAccount: 100, windowSeconds: 600 } });
      try {
        const campus = `10.${crypto.randomInt(255)}.${crypto.randomInt(255)}.${crypto.randomInt(1, 255)}`;
        const { email } = await registerUser(limited.agent());
        for (let i = 0; i < 10; i++) {
          await limited.agent().set('X-Forwarded-For', campus).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
        }
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await limited.agent().set('X-Forwarded-For', campus).post('/api/auth/login').send({ email: `x${i}${uniq()}@example.cn`, password: 'Wrong-passw0rd' })).status);
        expect(statuses).to.deep.equal([401, 401, 401, 401, 429, 429]);
      } finally {
        await limited.close();
      }
    });

    it('checks no more concurrent wrong passwords for one account than its limit (each attempt is reserved first)', async () => {
      const limited = await startTestServer({ login: { maxPerIp: 1000, maxPerAccount: 8, windowSeconds: 600 } });
      try {
        const { email } = await registerUser(limited.agent());
        const statuses = await Promise.all(Array.from({ length: 12 }, async () => (await limited.agent().post('/api/auth/login').send({ email, password: 'Wrong-passw0rd' })).status));
        expect(statuses.filter((s) => s === 401)).to.have.length(8);
        expect(statuses.filter((s) => s === 429)).to.have.length(4);
      } finally {
        await limited.close();
      }
    });

    it('shares the account limit between processes (kept in PostgreSQL)', async () => {
      const config = { login: { maxPerIp: 1000, maxPerAccount: 3, windowSeconds: 600 } };
      const [a, b] = await Promise.all([startTestServer(config), startTestServer(config)]);
      try {
        const { email } = await registerUser(a.agent());
        for (let i = 0; i < 3; i++) await a.agent().post('/api/auth/login').send({ email, password: 'Wrong-passw0rd' }).expect(401);
        expect((await b.agent().post('/api/auth/login').send({ email, password: PASSWORD })).status).to.equal(429);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('marks the session cookie Secure in production (behind a TLS-terminating proxy)', async () => {
      const prod = await startTestServer({ production: true, trustProxy: true });
      try {
        const { email } = await registerUser(server.agent());
        const host = new URL(prod.url).host;
        const res = await supertest(prod.url).post('/api/auth/login').set('X-Forwarded-Proto', 'https').set('Origin', `https://${host}`).send({ email, password: PASSWORD });
        expect(res.status).to.equal(200);
        const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('gjt.sid='));
        expect(cookie).to.match(/;\s*Secure/i).and.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
      } finally {
        await prod.close();
      }
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated write from another origin', async () => {
      const agent = server.agent();
      await registerUser(agent);
      const res = await agent.post('/api/auth/tokens').set('Origin', 'https://evil.example').send({ name: 'x' });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('csrf_failed');
    });

    it('refuses a cookie-authenticated write without Origin or Referer', async () => {
      const agent = server.agent();
      await registerUser(agent);
      const res = await agent.post('/api/auth/tokens').unset('Origin').send({ name: 'x' });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('csrf_failed');
      const ok = await agent.post('/api/auth/tokens').send({ name: 'same-origin' });
      expect(ok.status).to.equal(201);
    });
  });

  describe('bearer tokens', () => {
    it('authenticates with a token shown once, and not after it is revoked', async () => {
      const agent = server.agent();
      const { user } = await registerUser(agent);
      const created = await agent.post('/api/auth/tokens').send({ name: '城市平台对接' });
      expect(created.status).to.equal(201);
      const { token, id } = created.body;
      expect(token).to.match(/^gjt_/);
      const me = await supertest(server.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect(me.status).to.equal(200);
      expect(me.body.user.id).to.equal(user.id);
      const list = await agent.get('/api/auth/tokens');
      expect(JSON.stringify(list.body)).not.to.include(token);
      await agent.delete(`/api/auth/tokens/${id}`).expect(204);
      const after = await supertest(server.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect(after.status).to.equal(401);
      const forged = await supertest(server.url).get('/api/auth/me').set('Authorization', 'Bearer gjt_forged');
      expect(forged.status).to.equal(401);
    });
  });

  describe('admin role grants', () => {
    it('forbids a non-admin from granting roles (403)', async () => {
      const agent = server.agent();
      const { user } = await registerUser(agent);
      const res = await agent.post(`/api/admin/users/${user.id}/roles`).send({ roles: ['admin'] });
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('forbidden');
      const me = await agent.get('/api/auth/me');
      expect(me.body.user.roles).to.deep.equal(['enterprise']);
    });

    it('lets an admin grant reviewer and zone_admin (with its zone), audited', async () => {
      const admin = await createUser('admin');
      const agent = await login(server.agent(), admin.email);
      const { user } = await registerUser(server.agent());
      const zoneId = (await server.agent().get('/api/taxonomy')).body.zones[0].id as string;
      const missingZone = await agent.post(`/api/admin/users/${user.id}/roles`).send({ roles: ['zone_admin'] });
      expect(missingZone.status).to.equal(400);
      expect(fieldPaths(missingZone)).to.include('zoneId');
      const res = await agent.post(`/api/admin/users/${user.id}/roles`).send({ roles: ['reviewer', 'zone_admin'], zoneId });
      expect(res.status).to.equal(200);
      expect(res.body.user.roles).to.include.members(['enterprise', 'reviewer', 'zone_admin']);
      expect(res.body.user.zoneId).to.equal(zoneId);
      const list = await agent.get('/api/admin/users').query({ q: user.email });
      expect(list.body.total).to.equal(1);
      const { rows } = await testEnv().db.$client.query("select action from audit_log where entity_id = $1 and action = 'user.roles.grant'", [user.id]);
      expect(rows).to.have.length(1);
      const unknownUser = await agent.post('/api/admin/users/not-a-uuid/roles').send({ roles: ['reviewer'] });
      expect(unknownUser.status).to.equal(404);
    });

    it('requires login for the user list', async () => {
      const res = await server.agent().get('/api/admin/users');
      expect(res.status).to.equal(401);
    });
  });
});
