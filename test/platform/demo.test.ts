import { expect } from 'chai';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../seed/demo.js';
import { NEWS_SEED } from '../../seed/news.js';
import type { Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { isolatedDatabase } from '../setup/global.js';

describe('demo data (SEED_DEMO)', () => {
  let isolated: Awaited<ReturnType<typeof isolatedDatabase>>;
  let server: TestServer;
  const counts = async (db: Db) => {
    const { rows } = await db.$client.query<Record<string, number>>(
      `select (select count(*)::int from organizations) as orgs, (select count(*)::int from users) as users,
              (select count(*)::int from listings) as listings, (select count(*)::int from listings where status = 'published') as published,
              (select count(*)::int from contracts) as contracts, (select count(distinct extract(year from signed_at))::int from contracts where status in ('registered', 'amended')) as years,
              (select count(*)::int from notifications where read_at is null) as unread,
              (select count(*)::int from news_articles where status = 'published') as news`,
    );
    return rows[0]!;
  };

  before(async () => {
    isolated = await isolatedDatabase();
  });
  after(async () => {
    await server?.close();
    await isolated.drop();
  });

  it('fills an empty database once: organizations, one account per role, 200 listings, three years of contracts', async () => {
    await seedDemo(isolated.db, logger);
    const first = await counts(isolated.db);
    expect(first.orgs).to.be.at.least(40);
    expect(first.users, "the demo accounts and the listing owners of the other organizations").to.be.at.least(DEMO_ACCOUNTS.length);
    expect(first.listings).to.equal(200);
    expect(first.published).to.be.greaterThan(150);
    expect(first.contracts).to.be.greaterThan(200);
    expect(first.years).to.equal(3);
    expect(first.unread, 'the seeded history is read, the bells start quiet').to.equal(0);
    expect(first.news, 'the policy documents, notices and a lecture').to.equal(NEWS_SEED.length);
    await seedDemo(isolated.db, logger);
    expect(await counts(isolated.db), 'a second start adds nothing').to.deep.equal(first);
  });

  it('lets every demo account of the README log in with its role', async () => {
    server = await startTestServer({}, { db: isolated.db });
    for (const account of DEMO_ACCOUNTS) {
      const res = await server.agent().post('/api/auth/login').send({ email: account.email, password: DEMO_PASSWORD });
      expect(res.status, account.email).to.equal(200);
      expect(res.body.user.roles, account.email).to.include(account.role);
    }
  });
});
