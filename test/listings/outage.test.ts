import { expect } from 'chai';
import { checkDrift } from '../../server/components/listings/index.js';
import { freePort, startEmbeddedMeilisearch } from '../../server/lib/embedded.js';
import { connectSearch } from '../../server/lib/search.js';
import { createUser, login, registerUser, achievementBody, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { isolatedDatabase, runDir } from '../setup/global.js';

describe('search outage: Meilisearch stopped during writes, then restarted', () => {
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let meili: Awaited<ReturnType<typeof startEmbeddedMeilisearch>>;
  let server: TestServer;
  let port: number;
  const dir = () => runDir('meili-outage');

  before(async () => {
    database = await isolatedDatabase();
    port = await freePort();
    meili = await startEmbeddedMeilisearch({ dir: dir(), port });
    server = await startTestServer({}, { db: database.db, search: connectSearch(meili.url, meili.masterKey) });
  });
  after(async () => {
    await server.listings.sync.stop();
    await server.close();
    await meili.stop();
    await database.drop();
  });

  it('keeps every write, answers 503 on the catalogue meanwhile, and converges with zero drift', async () => {
    const supplier = server.agent();
    await registerUser(supplier, 'supplier');
    const reviewer = await login(server.agent(), (await createUser('reviewer', {}, database.db)).email);
    const before = await publishListing(supplier, reviewer, 'achievement', { title: '停机前发布的成果：铝合金轮毂低压铸造' });
    await server.listings.sync.idle();
    await server.listings.sync.drain();

    await meili.stop();
    const health = await server.agent().get('/api/health');
    expect(health.status).to.equal(503);
    expect(health.body.down).to.deep.equal(['search']);
    const during = await publishListing(supplier, reviewer, 'achievement', { title: '停机期间发布的成果：六堡茶发酵工艺' });
    await supplier.delete(`/api/achievements/${before}`).expect(200);
    const draft = await supplier.post('/api/achievements').send(achievementBody());
    expect(draft.status).to.equal(201);
    const catalogue = await server.agent().get('/api/achievements');
    expect(catalogue.status).to.equal(503);
    expect(catalogue.body.error.code).to.equal('search_unavailable');
    await server.listings.sync.idle();
    const { rows } = await database.db.$client.query('select count(*)::int as n from search_outbox');
    expect(rows[0].n, 'changes wait in the outbox').to.be.greaterThan(0);

    meili = await startEmbeddedMeilisearch({ dir: dir(), port });
    await server.listings.sync.drain();
    const drift = await checkDrift(database.db, connectSearch(meili.url, meili.masterKey));
    expect(drift.flatMap((d) => [...d.missing, ...d.extra, ...d.stale])).to.deep.equal([]);
    const found = await server.agent().get('/api/achievements').query({ q: '六堡茶' });
    expect(found.body.items.map((i: { id: string }) => i.id)).to.deep.equal([during]);
    const gone = await server.agent().get('/api/achievements').query({ q: '铝合金轮毂' });
    expect(gone.body.total).to.equal(0);
  });
});
