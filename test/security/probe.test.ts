/**
 * The findings of the outside probe, each as the request that found it: they failed before the fix
 * (500s, leaks, overrun limits) and must keep answering as defined.
 */
import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import type supertest from 'supertest';
import { io as connect } from 'socket.io-client';
import { createUser, login, PASSWORD, registerColleague, registerUser, uniq, achievementBody, demandBody, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { loggerOptions } from '../../server/lib/logger.js';
import { organizations } from '../../server/db/schema.js';

const fieldPaths = (res: supertest.Response) => ((res.body.error?.details?.fields ?? []) as { path: string }[]).map((f) => f.path);
const NUL = '\u0000';

describe('outside probe findings', () => {
  let server: TestServer;
  let supplier: supertest.Agent;
  let enterprise: supertest.Agent;
  let reviewer: supertest.Agent;
  let admin: supertest.Agent;
  let supplierEmail: string;
  let enterpriseOrg: string;

  before(async () => {
    server = await startTestServer();
    supplier = server.agent();
    supplierEmail = (await registerUser(supplier, 'supplier')).email;
    enterprise = server.agent();
    enterpriseOrg = (await registerUser(enterprise, 'enterprise')).user.organizationId;
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    admin = await login(server.agent(), (await createUser('admin')).email);
  });
  after(async () => {
    await server.listings.sync.idle();
    await server.close();
  });

  describe('control characters (NUL gave 500 on every write and search reaching PostgreSQL)', () => {
    it('refuses them with a 400 naming the field, in bodies, queries, path parameters and the login e-mail', async () => {
      const cases: [supertest.Test, string][] = [
        [supplier.post('/api/achievements').send(achievementBody({ title: `甘蔗${NUL}收获机` })), 'title'],
        [supplier.post('/api/achievements').send(achievementBody({ keywords: ['甘蔗', `收获${NUL}`] })), 'keywords.1'],
        [supplier.post('/api/achievements').send(achievementBody({ contactName: `张${NUL}` })), 'contactName'],
        [enterprise.post('/api/demands').send(demandBody({ problem: `含杂率高${NUL}` })), 'problem'],
        [server.agent().get('/api/organizations').query({ q: `广西${NUL}` }), 'query.q'],
        [admin.get('/api/admin/users').query({ q: `a${NUL}` }), 'query.q'],
        [server.agent().get('/api/achievements').query({ q: `甘蔗${NUL}` }), 'query.q'],
        [server.agent().post('/api/auth/login').send({ email: `${supplierEmail}${NUL}`, password: PASSWORD }), 'email'],
        [server.agent().post('/api/auth/register').send({ email: `n${uniq()}@example.cn`, password: PASSWORD, name: `名${NUL}`, role: 'enterprise', organizationId: '00000000-0000-0000-0000-000000000000' }), 'name'],
        // Meilisearch's highlight markers, which would come back as <mark>.
        [supplier.post('/api/achievements').send(achievementBody({ summary: `高效\u0002低损\u0003` })), 'summary'],
      ];
      for (const [request, field] of cases) {
        const res = await request;
        expect(res.status, `${field}: ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.body.error.code).to.equal('validation_failed');
        expect(fieldPaths(res), field).to.include(field);
      }
      const param = await admin.delete(`/api/admin/users/00000000-0000-0000-0000-000000000000/roles/re%00viewer`);
      expect(param.status).to.equal(400);
      expect(fieldPaths(param)).to.include('params.role');
    });

    it('refuses them in the pending revision of a published listing, and keeps tab and newline', async () => {
      const id = await publishListing(supplier, reviewer, 'achievement');
      const bad = await supplier.patch(`/api/achievements/${id}`).send({ title: `新标题${NUL}` });
      expect(bad.status).to.equal(400);
      expect(fieldPaths(bad)).to.include('title');
      const ok = await supplier.patch(`/api/achievements/${id}`).send({ summary: '第一行\n第二行\t缩进' });
      expect(ok.status).to.equal(200);
    });
  });

  describe('numbers reaching the search filter (1e21 gave 500)', () => {
    it('answers absurd numeric parameters with 400 and never 500', async () => {
      await publishListing(supplier, reviewer, 'achievement', { price: 999999999999 });
      await server.listings.sync.idle();
      await server.listings.sync.drain();
      for (const priceMax of ['1e21', '1e308', 'Infinity', '-1', 'abc']) {
        const res = await server.agent().get('/api/achievements').query({ priceMax });
        expect(res.status, `priceMax=${priceMax}`).to.equal(400);
        expect(fieldPaths(res)).to.include('query.priceMax');
      }
      for (const page of ['1e308', '99999999']) {
        const res = await server.agent().get('/api/demands').query({ page });
        expect(res.status, `page=${page}`).to.equal(400);
      }
      const near = await server.agent().get('/api/achievements').query({ priceMax: '999999999999.99', q: '甘蔗' });
      expect(near.status, JSON.stringify(near.body)).to.equal(200);
      const decimals = await server.agent().get('/api/demands').query({ priceMax: '0.0000001' });
      expect(decimals.status, JSON.stringify(decimals.body)).to.equal(200);
    });
  });

  describe('error logs', () => {
    it('do not carry the values of a failing write (SQL parameters, constraint details)', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      });
      const log = pino({ ...loggerOptions, level: 'info' }, sink);
      const { db } = testEnv();
      const secret = `机密工艺参数${uniq()}`;
      const code = `91450103${uniq().toUpperCase().slice(0, 10)}`;
      await db.insert(organizations).values({ name: secret, type: 'enterprise', creditCode: code, regionCode: '450103' });
      // The same credit code again: a unique violation whose detail and parameters hold the values.
      const err = await db
        .insert(organizations)
        .values({ name: secret, type: 'enterprise', creditCode: code, regionCode: '450103' })
        .then(() => null, (e: unknown) => e);
      expect(err, 'the write fails').to.be.instanceOf(Error);
      log.error({ err, email: 'someone@example.cn', body: { contactPhone: '13800000000' } }, 'unhandled error');
      const out = lines.join('');
      expect(out).to.include('unhandled error');
      expect(out).to.include('organizations');
      expect(out).not.to.include(secret);
      expect(out).not.to.include(code);
      expect(out).not.to.include('someone@example.cn');
      expect(out).not.to.include('13800000000');
    });
  });

  describe('low findings', () => {
    it('does not let an anonymous catalogue search match words only in the login-only detail', async () => {
      const word = `隐藏工艺${uniq()}`;
      const id = await publishListing(supplier, reviewer, 'achievement', { detail: `核心参数见附件：${word}` });
      await server.listings.sync.idle();
      await server.listings.sync.drain();
      const anonymous = await server.agent().get('/api/achievements').query({ q: word });
      expect(anonymous.status).to.equal(200);
      expect(anonymous.body.items.map((i: { id: string }) => i.id)).not.to.include(id);
    });

    it('accepts match feedback only on a matched pair, and tells the other side once per verdict', async () => {
      const tag = uniq();
      const demandId = await publishListing(enterprise, reviewer, 'demand', { title: `甘蔗收获机含杂率 ${tag}`, keywords: ['甘蔗收获', '含杂率'], industry: 'agri_machinery' });
      const harvester = await publishListing(supplier, reviewer, 'achievement', { title: `甘蔗联合收获机 ${tag}`, keywords: ['甘蔗收获', '含杂率'], industry: 'agri_machinery' });
      // An achievement of the enterprise's own organization: the matcher never proposes a pair within one organization.
      const colleague = server.agent();
      await registerColleague(enterprise, colleague, enterpriseOrg, 'supplier');
      const unrelated = await publishListing(colleague, reviewer, 'achievement', { title: `甘蔗收获机自研样机 ${tag}`, keywords: ['甘蔗收获', '含杂率'], industry: 'agri_machinery' });
      await server.listings.sync.idle();
      await server.listings.sync.drain();
      await server.matching.idle();
      const notMatched = await enterprise.post('/api/matches/feedback').send({ demandId, achievementId: unrelated, verdict: 'relevant', reason: 'interested' });
      expect(notMatched.status, JSON.stringify(notMatched.body)).to.equal(404);
      const countNotes = async () => ((await supplier.get('/api/notifications').query({ pageSize: 100 })).body.items as { kind: string; title: string }[]).filter((n) => n.kind === 'match_feedback' && n.title.includes(tag)).length;
      const before = await countNotes();
      for (let i = 0; i < 3; i++) await enterprise.post('/api/matches/feedback').send({ demandId, achievementId: harvester, verdict: 'relevant', reason: 'interested' }).expect(201);
      expect((await countNotes()) - before, 'three identical verdicts tell once').to.equal(1);
      await enterprise.post('/api/matches/feedback').send({ demandId, achievementId: harvester, verdict: 'not_relevant', reason: 'price_mismatch' }).expect(201);
      expect((await countNotes()) - before, 'a changed verdict tells again').to.equal(2);
    });

    it('answers a malformed multipart body with 400, not 500', async () => {
      const res = await supplier
        .post('/api/files')
        .set('Content-Type', 'multipart/form-data; boundary=----x')
        .send('------x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated');
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
    });

    it('scans the whole PDF for HTML/script markup, not only its first 4 KiB', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(16 * 1024, 0x20), Buffer.from('<script>alert(1)</script>\n%%EOF\n')]);
      const res = await supplier.post('/api/files').attach('file', pdf, { filename: '说明书.pdf', contentType: 'application/pdf' });
      expect(res.status).to.equal(415);
      expect(res.body.error.code).to.equal('unsupported_file_type');
    });

    it('refuses a cookie WebSocket whose origin differs from ours only by scheme', async () => {
      const cookieRes = await server.agent().post('/api/auth/login').send({ email: supplierEmail, password: PASSWORD });
      const cookie = String(cookieRes.headers['set-cookie']![0]).split(';')[0]!;
      const host = new URL(server.url).host;
      const attempt = (origin: string) =>
        new Promise<string>((resolve) => {
          const socket = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: { cookie, origin }, reconnection: false, forceNew: true });
          socket.once('connect', () => {
            socket.close();
            resolve('connected');
          });
          socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
            socket.close();
            resolve(err.data?.code ?? err.message);
          });
        });
      expect(await attempt(`https://${host}`)).to.equal('csrf_failed');
      expect(await attempt(`http://${host}`)).to.equal('connected');
    });
  });
});
