import { expect } from 'chai';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../seed/demo.js';
import { NEWS_SEED } from '../../seed/news.js';
import { SUBJECTS } from '../../seed/contracts.js';
import { getTaxonomy } from '../../server/components/taxonomy/index.js';
import type { Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { isolatedDatabase, testEnv } from '../setup/global.js';
import { reindex } from '../../server/components/listings/index.js';
import { STORE_THRESHOLD } from '../../server/components/matching/index.js';
import { connectSearch } from '../../server/lib/search.js';

describe('demo data (SEED_DEMO)', () => {
  let isolated: Awaited<ReturnType<typeof isolatedDatabase>>;
  let server: TestServer;
  const counts = async (db: Db) => {
    const { rows } = await db.$client.query<Record<string, number>>(
      `select (select count(*)::int from organizations) as orgs, (select count(*)::int from users) as users,
              (select count(*)::int from listings) as listings, (select count(*)::int from listings where status = 'published') as published,
              (select count(*)::int from contracts) as contracts, (select count(distinct extract(year from signed_at))::int from contracts where status in ('registered', 'amended')) as years,
              (select count(*)::int from notifications where read_at is null) as unread,
              (select count(*)::int from news_articles where status = 'published') as news,
              (select string_agg(status, ',' order by starts_at) from roadshows) as roadshows,
              (select count(*)::int from roadshow_intents) as intents`,
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

  it('fills an empty database once: organizations, one account per role, 205 listings, three years of contracts', async () => {
    await seedDemo(isolated.db, logger);
    const first = await counts(isolated.db);
    expect(first.orgs).to.be.at.least(40);
    expect(first.users, "the demo accounts and the listing owners of the other organizations").to.be.at.least(DEMO_ACCOUNTS.length);
    expect(first.listings).to.equal(205);
    expect(first.published).to.be.greaterThan(150);
    expect(first.contracts).to.be.greaterThan(200);
    expect(first.years).to.equal(3);
    expect(first.unread, 'the seeded history is read, the bells start quiet').to.equal(0);
    expect(first.news, 'the policy documents, notices and a lecture').to.equal(NEWS_SEED.length);
    expect(first.roadshows, 'roadshows: one ended with statistics, one about to start, one upcoming').to.equal('ended,scheduled,scheduled');
    expect(first.intents).to.equal(2);
    await seedDemo(isolated.db, logger);
    expect(await counts(isolated.db), 'a second start adds nothing').to.deep.equal(first);
  });

  it("files every demo contract under a type and subtype that fit its subject (no extrusion know-how under 植物新品种)", async () => {
    const tax = await getTaxonomy(isolated.db);
    const subtypesOf = new Map(tax.contractTypes.map((t) => [t.code, new Set(t.subtypes.map((s) => s.code))]));
    const bySubject = new Map<string, { type: string; subtype: string }>(Object.entries(SUBJECTS).flatMap(([type, list]) => list.map((s) => [`${s.name}合同`, { type, subtype: s.subtype }] as const)));
    for (const [type, list] of Object.entries(SUBJECTS)) for (const s of list) expect(subtypesOf.get(type)?.has(s.subtype), `${s.name}: ${s.subtype} is not a ${type} subtype`).to.equal(true);
    const { rows } = await isolated.db.$client.query<{ name: string; type: string; subtype: string }>('select name, type, subtype from contracts');
    expect(rows.length).to.be.greaterThan(200);
    for (const c of rows) expect({ type: c.type, subtype: c.subtype }, c.name).to.deep.equal(bySubject.get(c.name));
  });

  it('lets every demo account of the README log in with its role', async () => {
    // The demo listings in their own indexes, as a fresh `npm start` has them.
    const env = testEnv();
    const search = connectSearch(env.config.meiliUrl!, env.services.meiliKey, `${env.search.prefix}demo_`);
    await reindex(isolated.db, search);
    server = await startTestServer({}, { db: isolated.db, search });
    for (const account of DEMO_ACCOUNTS) {
      const res = await server.agent().post('/api/auth/login').send({ email: account.email, password: DEMO_PASSWORD });
      expect(res.status, account.email).to.equal(200);
      expect(res.body.user.roles, account.email).to.include(account.role);
    }
  });

  // The demo story: the enterprise's published demands each find real counterparts on a fresh start.
  // Judged by reading the demo achievements (seed/demo/achievements.json): what an engineer of that
  // enterprise would want to talk to. Achievements that share only a generic word are not listed.
  const COUNTERPARTS: Record<string, string[]> = {
    新能源车型铝合金前副车架轻量化设计与制造工艺: [
      '铝合金电池托盘与液冷板搅拌摩擦焊及焊接变形控制技术',
      '汽车防撞梁用高强韧7xxx系铝合金挤压型材制备技术',
      '动力电池包铝合金液冷板轻量化设计与钎焊工艺',
      '铝合金轮毂低压铸造缺陷预测与工艺优化技术',
    ],
    电池包液冷板钎焊泄漏率偏高问题攻关: [
      '动力电池包铝合金液冷板轻量化设计与钎焊工艺',
      '动力电池包快充热管理仿真与液冷流道优化设计',
      '铝合金液冷板与换热器真空钎焊缺陷控制技术',
      '铝合金电池托盘与液冷板搅拌摩擦焊及焊接变形控制技术',
    ],
    多品种小批量零件上下料机器人视觉引导改造: [
      '机加工产线机器人自动上下料与快速换型系统',
      '高反光金属工件三维视觉测量与无序抓取位姿估计技术',
      '汽车零部件柔性装配机器人三维视觉引导系统',
      '船舶分段结构智能焊接机器人系统',
    ],
  };

  it("gives each of the demo enterprise's published demands at least three real counterparts strong enough to be stored and notified", async () => {
    const enterprise = server.agent();
    await enterprise.post('/api/auth/login').send({ email: 'enterprise@demo.gjt.cn', password: DEMO_PASSWORD }).expect(200);
    const mine = await enterprise.get('/api/demands').query({ mine: 'true', status: 'published', pageSize: 50 });
    expect(mine.status).to.equal(200);
    const demands = mine.body.items as { id: string; title: string }[];
    expect(demands.map((d) => d.title), 'the demo enterprise publishes the demands judged here').to.have.members(Object.keys(COUNTERPARTS));
    for (const d of demands) {
      const res = await enterprise.get(`/api/demands/${d.id}/matches`).query({ limit: 10 });
      expect(res.status, d.title).to.equal(200);
      const items = res.body.items as { score: number; achievement: { title: string } }[];
      const strong = items.filter((m) => m.score >= STORE_THRESHOLD).map((m) => m.achievement.title);
      const real = strong.filter((t) => COUNTERPARTS[d.title]!.includes(t));
      expect(real.length, `${d.title}: real counterparts at or above ${STORE_THRESHOLD} among ${strong.join('、')}`).to.be.at.least(3);
      expect(COUNTERPARTS[d.title], `${d.title}: the best match is a real counterpart`).to.include(items[0]!.achievement.title);
    }
  });
});
