import { expect } from 'chai';
import { createApp } from '../../server/app.js';
import { connectSearch } from '../../server/lib/search.js';
import { freePort } from '../../server/lib/embedded.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

describe('platform', () => {
  const server = withTestServer();

  it('health answers 200 with db and search up', async () => {
    const res = await server.agent().get('/api/health');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ status: 'ok', db: 'up', search: 'up' });
  });

  it('health answers 503 naming search when Meilisearch is unreachable', async () => {
    const env = testEnv();
    const deadSearch = connectSearch(`http://127.0.0.1:${await freePort()}`, 'x'.repeat(16));
    const built = createApp({ config: env.config, db: env.db, search: deadSearch, sessionSecret: 's'.repeat(32) });
    const srv = http.createServer(built.app);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const res = await supertest(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`).get('/api/health');
      expect(res.status).to.equal(503);
      expect(res.body).to.include({ db: 'up', search: 'down' });
      expect(res.body.down).to.deep.equal(['search']);
    } finally {
      await built.close();
      srv.closeAllConnections();
      await new Promise((r) => srv.close(r));
    }
  });

  it('serves the taxonomy of the seeds', async () => {
    const res = await server.agent().get('/api/taxonomy');
    expect(res.status).to.equal(200);
    const t = res.body;
    expect(t.cities).to.have.length(15);
    expect(t.cities.map((c: { code: string }) => c.code)).to.include.members(['450100', '450200', '450000']);
    expect(t.maturityLevels.map((m: { trl: number }) => m.trl)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.industries.map((i: { name: string }) => i.name)).to.include.members(['新材料', '新能源汽车', '有色金属', '修造船及海洋工程装备']);
    const transfer = t.contractTypes.find((c: { name: string }) => c.name === '技术转让');
    expect(transfer.subtypes.map((s: { name: string }) => s.name)).to.include('专利权');
    expect(t.zones.length).to.be.greaterThan(5);
    expect(t.transferModes.map((m: { name: string }) => m.name)).to.include('作价投资');
  });

  it('publishes an OpenAPI document of the routes and a docs page', async () => {
    const res = await server.agent().get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\.1/);
    expect(res.body.paths).to.include.keys('/api/auth/register', '/api/auth/login', '/api/health', '/api/taxonomy', '/api/admin/users/{id}/roles');
    const schema = res.body.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(schema)).to.include('creditCode');
    const docs = await server.agent().get('/api/docs/');
    expect(docs.status).to.equal(200);
    expect(docs.text).to.include('swagger');
  });

  it('answers unknown API paths with a JSON 404 and sets security headers and a request id', async () => {
    const res = await server.agent().get('/api/nope');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
    expect(res.headers['x-request-id']).to.be.a('string');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.include("default-src 'self'");
  });
});
