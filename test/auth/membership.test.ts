import { expect } from 'chai';
import type supertest from 'supertest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createUser, login, PASSWORD, registerColleague, registerUser, uniq, type OrgActor, achievementBody } from '../factories/index.js';
import { startTestServer, withTestServer } from '../setup/app.js';
import { createMailer } from '../../server/lib/mail.js';

const fieldPaths = (res: supertest.Response) => ((res.body.error?.details?.fields ?? []) as { path: string }[]).map((f) => f.path);

describe('organization membership by approval', () => {
  const server = withTestServer();
  let owner: supertest.Agent;
  let ownerUser: OrgActor;
  let draftId: string;
  let fileId: string;

  before(async () => {
    owner = server.agent();
    ownerUser = (await registerUser(owner, 'supplier')).user;
    draftId = (await owner.post('/api/achievements').send(achievementBody({ detail: '未公开的工艺参数：退火温度 480℃' })).expect(201)).body.id;
    fileId = (await owner.post('/api/files').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: '内部资料.pdf', contentType: 'application/pdf' }).expect(201)).body.id;
  });

  /** Registers an account asking to join the owner's organization. */
  const applicant = async (role: 'supplier' | 'enterprise' | 'broker' = 'supplier') => {
    const agent = server.agent();
    const email = `a${uniq()}@example.cn`;
    const res = await agent.post('/api/auth/register').send({ email, password: PASSWORD, name: '申请人', role, organizationId: ownerUser.organizationId, joinMessage: '我是课题组的研究生' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { agent, email, user: res.body.user as { id: string; membership: { requestId: string } } };
  };

  it('gives a joining account no rights in the organization until an organization admin approves', async () => {
    expect(ownerUser.orgAdmin, 'the first member administers the organization').to.equal(true);
    const { agent, user } = await applicant();
    expect((await agent.get(`/api/achievements/${draftId}`)).status, 'draft with confidential detail').to.equal(404);
    expect((await agent.get(`/api/files/${fileId}`)).status, 'unattached file').to.equal(404);
    expect((await agent.get('/api/achievements?mine=true')).status).to.be.oneOf([401, 403]);
    expect((await agent.patch(`/api/achievements/${draftId}`).send({ title: '篡改' })).status).to.be.oneOf([403, 404]);
    expect((await agent.delete(`/api/achievements/${draftId}`)).status).to.be.oneOf([403, 404]);
    const create = await agent.post('/api/achievements').send(achievementBody());
    expect(create.status).to.equal(403);
    const contracts = await agent.get('/api/contracts');
    expect(contracts.status === 200 ? contracts.body.items : []).to.have.length(0);
    expect((await agent.post('/api/files').attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'a.pdf', contentType: 'application/pdf' })).status).to.equal(403);

    // The organization admin is told and sees the request.
    const notes = await owner.get('/api/notifications');
    expect(notes.body.items.some((n: { kind: string }) => n.kind === 'join_request')).to.equal(true);
    const pending = await owner.get(`/api/organizations/${ownerUser.organizationId}/join-requests?status=pending`);
    expect(pending.status).to.equal(200);
    const req = pending.body.items.find((r: { id: string }) => r.id === user.membership.requestId);
    expect(req).to.include({ status: 'pending', role: 'supplier', message: '我是课题组的研究生' });
    expect(req.user.id).to.equal(user.id);

    const approved = await owner.post(`/api/organizations/${ownerUser.organizationId}/join-requests/${req.id}/approve`).send({});
    expect(approved.status).to.equal(200);
    expect(approved.body.status).to.equal('approved');
    const me = (await agent.get('/api/auth/me')).body.user;
    expect(me).to.include({ organizationId: ownerUser.organizationId, orgAdmin: false, membership: null });
    expect(me.roles).to.deep.equal(['supplier']);
    expect((await agent.get(`/api/achievements/${draftId}`)).status, 'a member sees the draft').to.equal(200);
    expect((await agent.get('/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'join_decision')).to.equal(true);
    // Decided once.
    expect((await owner.post(`/api/organizations/${ownerUser.organizationId}/join-requests/${req.id}/decline`).send({})).status).to.equal(409);
  });

  it('lets only the organization admins and platform admins decide (404 to others), and records every decision', async () => {
    const { user } = await applicant();
    const colleague = server.agent();
    await registerColleague(owner, colleague, ownerUser.organizationId, 'supplier');
    const outsider = server.agent();
    await registerUser(outsider, 'supplier');
    const base = `/api/organizations/${ownerUser.organizationId}/join-requests`;
    expect((await colleague.get(base)).status, 'a member without the capability').to.equal(404);
    expect((await outsider.get(base)).status).to.equal(404);
    expect((await outsider.post(`${base}/${user.membership.requestId}/approve`).send({})).status).to.equal(404);
    const admin = await login(server.agent(), (await createUser('admin')).email);
    const declined = await admin.post(`${base}/${user.membership.requestId}/decline`).send({ reason: '非本单位人员' });
    expect(declined.status).to.equal(200);
    expect(declined.body).to.include({ status: 'declined', reason: '非本单位人员' });
    const list = await owner.get(`${base}?status=declined`);
    expect(list.body.items.map((r: { id: string }) => r.id)).to.include(user.membership.requestId);
  });

  it('tells a declined applicant why, and lets them ask another organization', async () => {
    const { agent, user } = await applicant();
    await owner.post(`/api/organizations/${ownerUser.organizationId}/join-requests/${user.membership.requestId}/decline`).send({ reason: '请用单位邮箱注册' }).expect(200);
    const me = (await agent.get('/api/auth/me')).body.user;
    expect(me.organizationId).to.equal(null);
    expect(me.membership).to.include({ status: 'declined', reason: '请用单位邮箱注册' });
    const other = server.agent();
    const otherOrg = (await registerUser(other, 'supplier')).user.organizationId;
    const again = await agent.post(`/api/organizations/${otherOrg}/join-requests`).send({ role: 'supplier' });
    expect(again.status).to.equal(201);
    expect((await agent.get('/api/auth/me')).body.user.membership.status).to.equal('pending');
    // A member cannot ask to join a second organization.
    expect((await owner.post(`/api/organizations/${otherOrg}/join-requests`).send({ role: 'supplier' })).status).to.equal(409);
  });

  it('lets an organization admin grant the capability, but never removes the last one', async () => {
    const colleague = server.agent();
    const c = await registerColleague(owner, colleague, ownerUser.organizationId, 'supplier');
    const path = `/api/organizations/${ownerUser.organizationId}/members`;
    const granted = await owner.put(`${path}/${c.id}/org-admin`).send({ orgAdmin: true });
    expect(granted.status).to.equal(200);
    expect(granted.body.items.find((m: { id: string }) => m.id === c.id).orgAdmin).to.equal(true);
    expect((await colleague.get(`/api/organizations/${ownerUser.organizationId}/join-requests`)).status).to.equal(200);
    await colleague.put(`${path}/${c.id}/org-admin`).send({ orgAdmin: false }).expect(200);
    // A fresh organization's only admin cannot step down.
    const solo = server.agent();
    const s = (await registerUser(solo, 'enterprise')).user;
    expect((await solo.put(`/api/organizations/${s.organizationId}/members/${s.id}/org-admin`).send({ orgAdmin: false })).status).to.equal(409);
  });

  it('joins at once through a one-time, expiring invitation link', async () => {
    const inv = await owner.post(`/api/organizations/${ownerUser.organizationId}/invitations`).send({ days: 3, note: '课题组新成员' });
    expect(inv.status).to.equal(201);
    expect(inv.body.url).to.match(/\/register\?invite=/);
    const peek = await server.agent().get(`/api/invitations/${inv.body.token}`);
    expect(peek.status).to.equal(200);
    expect(peek.body.organization.id).to.equal(ownerUser.organizationId);
    const a = server.agent();
    const joined = await a.post('/api/auth/register').send({ email: `i${uniq()}@example.cn`, password: PASSWORD, name: '新成员', role: 'supplier', invitationToken: inv.body.token });
    expect(joined.status).to.equal(201);
    expect(joined.body.user.organizationId).to.equal(ownerUser.organizationId);
    // One use only.
    const twice = await server.agent().post('/api/auth/register').send({ email: `i${uniq()}@example.cn`, password: PASSWORD, name: '又一个', role: 'supplier', invitationToken: inv.body.token });
    expect(twice.status).to.equal(400);
    expect(fieldPaths(twice)).to.include('invitationToken');
    expect((await server.agent().get(`/api/invitations/${inv.body.token}`)).status).to.equal(404);
    // Expired links and revoked links do not work either.
    const old = await owner.post(`/api/organizations/${ownerUser.organizationId}/invitations`).send({});
    const { db } = (await import('../setup/global.js')).testEnv();
    await db.$client.query(`update organization_invitations set expires_at = now() - interval '1 minute' where id = $1`, [old.body.id]);
    expect((await server.agent().get(`/api/invitations/${old.body.token}`)).status).to.equal(404);
    const revoked = await owner.post(`/api/organizations/${ownerUser.organizationId}/invitations`).send({});
    await owner.delete(`/api/organizations/${ownerUser.organizationId}/invitations/${revoked.body.id}`).expect(204);
    expect((await server.agent().get(`/api/invitations/${revoked.body.token}`)).status).to.equal(404);
    const listed = await owner.get(`/api/organizations/${ownerUser.organizationId}/invitations`);
    const statuses = Object.fromEntries(listed.body.items.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(statuses).to.include({ [inv.body.id]: 'used', [old.body.id]: 'expired', [revoked.body.id]: 'revoked' });
    expect(JSON.stringify(listed.body)).not.to.include(inv.body.token);
    // Only the organization's admins issue links.
    const outsider = server.agent();
    await registerUser(outsider, 'supplier');
    expect((await outsider.post(`/api/organizations/${ownerUser.organizationId}/invitations`).send({})).status).to.equal(404);
    expect((await owner.post(`/api/organizations/${ownerUser.organizationId}/invitations`).send({ days: 365 })).status).to.equal(400);
  });

  it('keeps the demo-style single-member organization working: its one member administers it', async () => {
    const { user, email } = await createUser('supplier', { orgType: 'university' });
    const agent = await login(server.agent(), email);
    expect((await agent.get('/api/auth/me')).body.user).to.include({ organizationId: user.organizationId, orgAdmin: true });
    expect((await agent.post('/api/achievements').send(achievementBody())).status).to.equal(201);
  });
});

describe('password recovery', () => {
  const server = withTestServer();

  it('lets an organization admin issue a one-time reset link for a member; using it ends every session and token', async () => {
    const owner = server.agent();
    const o = (await registerUser(owner, 'enterprise')).user;
    const member = server.agent();
    const m = await registerColleague(owner, member, o.organizationId, 'enterprise');
    const token = (await member.post('/api/auth/tokens').send({ name: '集成' }).expect(201)).body.token as string;
    const link = await owner.post(`/api/organizations/${o.organizationId}/members/${m.id}/password-reset`).send({});
    expect(link.status).to.equal(201);
    expect(link.body.url).to.match(/\/reset-password\?token=/);
    const weak = await server.agent().post('/api/auth/password-reset').send({ token: link.body.token, password: '123' });
    expect(weak.status).to.equal(400);
    expect(fieldPaths(weak)).to.include('password');
    await server.agent().post('/api/auth/password-reset').send({ token: link.body.token, password: 'NewPassw0rd-2026' }).expect(204);
    expect((await member.get('/api/auth/me')).status, 'old session ended').to.equal(401);
    expect((await server.agent().get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status, 'old token revoked').to.equal(401);
    const again = await server.agent().post('/api/auth/password-reset').send({ token: link.body.token, password: 'Another-passw0rd' });
    expect(again.status, 'one use').to.equal(400);
    expect(fieldPaths(again)).to.include('token');
    const relogin = await server.agent().post('/api/auth/login').send({ email: m.email, password: 'NewPassw0rd-2026' });
    expect(relogin.status).to.equal(200);
    // Not for another organization's member.
    const stranger = server.agent();
    const s = (await registerUser(stranger, 'enterprise')).user;
    expect((await stranger.post(`/api/organizations/${s.organizationId}/members/${m.id}/password-reset`).send({})).status).to.equal(404);
    expect((await stranger.post(`/api/organizations/${o.organizationId}/members/${m.id}/password-reset`).send({})).status).to.equal(404);
  });

  it('lets a platform admin issue a reset link for any account', async () => {
    const { user } = await registerUser(server.agent(), 'broker');
    const admin = await login(server.agent(), (await createUser('admin')).email);
    const res = await admin.post(`/api/admin/users/${user.id}/password-reset`).send({});
    expect(res.status).to.equal(201);
    expect(res.body.token).to.be.a('string');
    const plain = await login(server.agent(), (await createUser('reviewer')).email);
    expect((await plain.post(`/api/admin/users/${user.id}/password-reset`).send({})).status).to.equal(403);
  });

  it('answers the self-service request the same whether or not the e-mail is registered (no mail without SMTP)', async () => {
    const { email } = await registerUser(server.agent(), 'enterprise');
    const known = await server.agent().post('/api/auth/password-reset/request').send({ email });
    const unknown = await server.agent().post('/api/auth/password-reset/request').send({ email: `nobody${uniq()}@example.cn` });
    expect(known.status).to.equal(202);
    expect(known.body).to.deep.equal(unknown.body);
    expect(known.body.mail).to.equal(false);
  });

  it('mails a reset link through the configured SMTP server, only to registered addresses', async () => {
    const received: { to: string; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let body = '';
        stream.on('data', (c: Buffer) => (body += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const mailing = await startTestServer({}, {}, { mailer: createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'test@guijitong.local' }) });
    try {
      const { email } = await registerUser(mailing.agent(), 'enterprise');
      const known = await mailing.agent().post('/api/auth/password-reset/request').send({ email });
      const unknown = await mailing.agent().post('/api/auth/password-reset/request').send({ email: `nobody${uniq()}@example.cn` });
      expect(known.body).to.deep.equal(unknown.body);
      expect(known.body.mail).to.equal(true);
      const until = Date.now() + 10_000;
      while (!received.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(received).to.have.length(1);
      expect(received[0]!.to).to.equal(email);
      // nodemailer picks base64 or quoted-printable by the share of non-ASCII text (the random name decides): try both on each part.
      const raw = received[0]!.body;
      const qp = (t: string) => Buffer.from(t.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
      const b64 = (t: string) => Buffer.from(t.replace(/\s+/g, ''), 'base64').toString('utf8');
      const text = raw.split(/\r?\n\r?\n/).slice(1).flatMap((part) => [b64(part), qp(part)]).find((t) => t.includes('reset-password?token=')) ?? '';
      expect(text, raw).to.include('密码');
      const token = /reset-password\?token=([\w-]+)/.exec(text)?.[1];
      expect(token, received[0]!.body).to.be.a('string');
      await mailing.agent().post('/api/auth/password-reset').send({ token, password: 'Mailed-passw0rd' }).expect(204);
      await mailing.agent().post('/api/auth/login').send({ email, password: 'Mailed-passw0rd' }).expect(200);
    } finally {
      await mailing.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('creates API tokens only from a login session, not from another token', async () => {
    const agent = server.agent();
    await registerUser(agent, 'enterprise');
    const parent = (await agent.post('/api/auth/tokens').send({ name: '父令牌' }).expect(201)).body.token as string;
    const child = await server.agent().post('/api/auth/tokens').set('Authorization', `Bearer ${parent}`).send({ name: '子令牌' });
    expect(child.status).to.equal(403);
  });
});
