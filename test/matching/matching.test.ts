import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type supertest from 'supertest';
import { createUser, login, registerColleague, registerUser, uniq, publishListing } from '../factories/index.js';
import { startTestServer, type TestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';
import { rebuildTermAssociations, recomputeResponsiveness } from '../../server/components/matching/index.js';

interface MatchItem {
  achievement?: { id: string; ownerOrgId: string; title: string };
  demand?: { id: string };
  score: number;
  reasons: { factor: string; weight: number; value: number; detail: string }[];
  matchedTerms: string[];
  feedback: { relevant: number; notRelevant: number; reasons: Record<string, number> };
}

describe('matching', () => {
  let server: TestServer;
  let enterprise: supertest.Agent;
  let enterpriseOrg: string;
  let sameOrgSupplier: supertest.Agent;
  let supplierA: supertest.Agent;
  let supplierB: supertest.Agent;
  let reviewer: supertest.Agent;
  let broker: supertest.Agent;
  let stranger: supertest.Agent;
  let demandId: string;
  let harvester: string;
  let planter: string;
  let ownHarvester: string;
  let draftHarvester: string;
  const tag = uniq();

  const settle = async () => {
    await server.listings.sync.idle();
    await server.listings.sync.drain();
    await server.matching.idle();
  };
  const matchesOf = async (agent: supertest.Agent, id = demandId) => {
    const res = await agent.get(`/api/demands/${id}/matches`).query({ limit: 20 });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.items as MatchItem[];
  };

  before(async () => {
    server = await startTestServer();
    enterprise = server.agent();
    const reg = await registerUser(enterprise, 'enterprise');
    enterpriseOrg = reg.user.organizationId;
    sameOrgSupplier = server.agent();
    await registerColleague(enterprise, sameOrgSupplier, enterpriseOrg, 'supplier', '本企业研发');
    supplierA = server.agent();
    await registerUser(supplierA, 'supplier');
    supplierB = server.agent();
    await registerUser(supplierB, 'supplier', { organization: { name: `广西农机研究院${uniq()}`, type: 'institute', creditCode: (await import('../factories/index.js')).creditCode('12'), regionCode: '451402' } });
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    broker = server.agent();
    await registerUser(broker, 'broker');
    stranger = server.agent();
    await registerUser(stranger, 'enterprise');

    harvester = await publishListing(supplierA, reviewer, 'achievement', {
      title: `中型甘蔗联合收获机 ${tag}`,
      summary: '面向丘陵缓坡蔗区的切段式甘蔗联合收获机，含杂率低于 7%，宿根破头率低于 8%。',
      detail: '履带底盘适应 15° 坡地，浮动切根器随地形调节高度，两级风机排杂，已在崇左、来宾试收 4200 亩。',
      keywords: ['甘蔗收获', '联合收获机', '含杂率', '宿根'],
      industry: 'agri_machinery',
      trl: 7,
      price: 1500000,
      transferModes: ['license', 'joint_dev'],
      cityCode: '451400',
    });
    planter = await publishListing(supplierB, reviewer, 'achievement', {
      title: `甘蔗种植机 ${tag}`,
      summary: '一次完成开沟、下种、施肥、覆土的甘蔗种植机，提高种植效率。',
      detail: '适用于平地和缓坡，每小时种植 3 亩，节约用种 20%。',
      keywords: ['甘蔗种植', '种植机'],
      industry: 'agri_machinery',
      trl: 8,
      price: 300000,
      transferModes: ['transfer'],
      cityCode: '450100',
    });
    await publishListing(supplierB, reviewer, 'achievement', {
      title: `铝合金轮毂低压铸造工艺 ${tag}`,
      summary: '铝合金轮毂低压铸造的模具温度场控制与缺陷抑制技术。',
      detail: '轮毂气孔率降低 40%，成品率提升至 96%。',
      keywords: ['铝合金', '低压铸造'],
      industry: 'aluminum',
      trl: 8,
      cityCode: '450200',
    });
    ownHarvester = await publishListing(sameOrgSupplier, reviewer, 'achievement', {
      title: `自研甘蔗收获机 ${tag}`,
      keywords: ['甘蔗收获', '收获机', '含杂率'],
      industry: 'agri_machinery',
    });
    draftHarvester = (await supplierA.post('/api/achievements').send((await import('../factories/index.js')).achievementBody({ title: `未发布的甘蔗收获机 ${tag}`, keywords: ['甘蔗收获', '含杂率'] }))).body.id;
    demandId = await publishListing(enterprise, reviewer, 'demand', {
      title: `生产线升级改造需求 ${tag}`,
      problem: '我公司需要解决丘陵山地甘蔗机械化收割问题，人工砍蔗成本越来越高，现在用的小型机器杂质多，被糖厂扣秤，宿根也被压坏，希望找到适合坡地作业、含杂率低的收获设备或技术。',
      expectedOutcome: '含杂率 ≤ 8%，宿根破头率 ≤ 10%，坡度 15° 以内可作业。',
      keywords: ['甘蔗', '机械化收割', '含杂率'],
      industry: 'agri_machinery',
      trlMin: 6,
      budgetMin: 500000,
      budgetMax: 2000000,
      cooperationModes: ['joint_dev', 'transfer'],
      cityCode: '451400',
    });
    await settle();
  });
  after(async () => {
    await settle();
    await server.close();
  });

  it('finds the harvester first for a long natural-language demand, with explanations that add up to the score', async () => {
    const items = await matchesOf(enterprise);
    expect(items.length).to.be.greaterThan(0);
    expect(items[0]!.achievement!.id).to.equal(harvester);
    for (const m of items) {
      expect(m.score).to.be.within(0, 1);
      const sum = m.reasons.reduce((s, r) => s + r.weight * r.value, 0);
      expect(Math.abs(sum - m.score), `reasons sum ${sum} vs score ${m.score}`).to.be.lessThan(0.001);
      expect(m.reasons.map((r) => r.factor)).to.include.members(['text', 'relevance', 'industry', 'maturity', 'price', 'mode', 'region', 'freshness', 'responsiveness']);
      expect(m.matchedTerms.length).to.be.greaterThan(0);
    }
    const top = items[0]!;
    expect(top.matchedTerms).to.include('含杂率');
    expect(top.reasons.find((r) => r.factor === 'region')!.detail).to.include('崇左');
    const ids = items.map((m) => m.achievement!.id);
    if (ids.includes(planter)) expect(ids.indexOf(planter)).to.be.greaterThan(ids.indexOf(harvester));
  });

  it('explains any pair to brokers and reviewers, matched or not, with reasons that add up and words for why not', async () => {
    const matched = await broker.get('/api/matches/explain').query({ demandId, achievementId: harvester });
    expect(matched.status, JSON.stringify(matched.body)).to.equal(200);
    expect(matched.body.rank).to.equal(1);
    const sum = (r: { weight: number; value: number }[]) => r.reduce((s, x) => s + x.weight * x.value, 0);
    expect(sum(matched.body.reasons)).to.be.closeTo(matched.body.score, 0.001);
    const live = (await matchesOf(broker)).find((m) => m.achievement!.id === harvester)!;
    expect(matched.body.score, 'the same score as the matches tab').to.be.closeTo(live.score, 0.0001);

    const wheel = (await server.agent().get('/api/achievements').query({ q: `铝合金轮毂低压铸造工艺 ${tag}` })).body.items[0].id as string;
    const notMatched = await reviewer.get('/api/matches/explain').query({ demandId, achievementId: wheel });
    expect(notMatched.status).to.equal(200);
    expect(notMatched.body.rank).to.equal(null);
    expect(sum(notMatched.body.reasons)).to.be.closeTo(notMatched.body.score, 0.001);
    expect(notMatched.body.why.join(' '), 'says the text is what kept it out').to.match(/文本相关度 [\d.]+ 低于门槛|没有需求的任何关键词/);
    expect(notMatched.body.why.join(' ')).to.include('低于保存与通知的门槛');
    expect(notMatched.body.reasons.find((r: { factor: string }) => r.factor === 'industry').value).to.equal(0);

    const own = await broker.get('/api/matches/explain').query({ demandId, achievementId: ownHarvester });
    expect(own.body.why).to.include('同一单位的需求与成果不互相匹配');

    expect((await enterprise.get('/api/matches/explain').query({ demandId, achievementId: harvester })).status, 'owners use the matches tab').to.equal(403);
    expect((await broker.get('/api/matches/explain').query({ demandId, achievementId: draftHarvester })).status, 'a draft stays invisible').to.equal(404);
    const bad = await broker.get('/api/matches/explain').query({ demandId: 'x', achievementId: harvester });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.error)).to.include('demandId');
  });

  it('expands a demand term through associations learned from the corpus, and names the associate and its source', async () => {
    // Two listings hold both 「xa…」 and 「xb…」; the third only 「xb…」; the demand asks for 「xa…」 alone.
    const a = `xa${tag}`;
    const b = `xb${tag}`;
    const both = { industry: 'agri_machinery', trl: 7, cityCode: '451400', transferModes: ['license'] };
    await publishListing(supplierA, reviewer, 'achievement', { ...both, title: `${a} ${b} 装置一`, summary: `${a} 与 ${b} 联用的装置。`, keywords: [a, b] });
    await publishListing(supplierB, reviewer, 'achievement', { ...both, title: `${a} ${b} 装置二`, summary: `${a} 配合 ${b} 的装置。`, keywords: [a, b] });
    const onlyB = await publishListing(supplierB, reviewer, 'achievement', { ...both, title: `${b} 成套设备`, summary: `基于 ${b} 的成套设备。`, keywords: [b] });
    const demand = await publishListing(enterprise, reviewer, 'demand', { title: `${a} 改造`, problem: `我们厂想引进 ${a}。`, keywords: [a], industry: 'agri_machinery', cityCode: '451400', cooperationModes: ['license'] });
    await settle();
    const built = await rebuildTermAssociations(server.matching.db);
    expect(built.pairs).to.be.greaterThan(0);
    const res = await broker.get('/api/matches/explain').query({ demandId: demand, achievementId: onlyB });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.expansions.map((e: { term: string; from: string; weight: number }) => [e.term, e.from])).to.deep.include([b, a]);
    for (const e of res.body.expansions) expect(e.weight).to.be.greaterThan(0).and.lessThan(res.body.terms.find((t: { term: string }) => t.term === e.from).weight);
    const text = res.body.reasons.find((r: { factor: string }) => r.factor === 'text');
    expect(text.detail).to.include(`「${b}」（由「${a}」关联）`);
    expect(text.value).to.be.greaterThan(0);
    expect(res.body.reasons.reduce((s: number, r: { weight: number; value: number }) => s + r.weight * r.value, 0)).to.be.closeTo(res.body.score, 0.001);
    expect(res.body.reasons.map((r: { factor: string }) => r.factor)).to.include('relevance');
    // Retrieved through the expansion query and listed among the live matches.
    const live = await matchesOf(enterprise, demand);
    expect(live.map((m) => m.achievement!.id)).to.include(onlyB);
  });

  it('suggests keywords from the title and description (推荐关键词), and accepts a listing without keywords', async () => {
    const res = await enterprise.post('/api/keywords/suggest').send({
      kind: 'demand',
      title: '甘蔗收割机含杂率高',
      text: '我们厂的甘蔗收割机在丘陵地块作业时含杂率偏高，糖厂拒收，宿根破头也多，希望改进排杂风机和切根器。',
      keywords: ['含杂率'],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.keywords).to.be.an('array');
    expect(res.body.keywords.length).to.be.at.least(1);
    expect(res.body.keywords.length).to.be.at.most(8);
    expect(res.body.keywords, 'already chosen ones are not suggested again').not.to.include('含杂率');
    expect(res.body.keywords.join(' ')).to.match(/甘蔗|收割机|切根器|排杂/);
    expect(res.body.keywords, 'no enterprise phrasing').not.to.include.members(['希望', '我们']);
    expect((await server.agent().post('/api/keywords/suggest').send({ kind: 'demand', title: '甘蔗' })).status, 'login required').to.equal(401);
    const bad = await enterprise.post('/api/keywords/suggest').send({ kind: 'x', title: '甘蔗' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body.error)).to.include('kind');

    const id = await publishListing(enterprise, reviewer, 'demand', {
      title: `丘陵蔗区收获含杂率高 ${tag}`,
      problem: '丘陵山地甘蔗机械化收获时含杂率高、宿根被压坏，需要适合坡地作业的收获设备。',
      keywords: [],
      industry: 'agri_machinery',
      cityCode: '451400',
    });
    await settle();
    const items = await matchesOf(enterprise, id);
    expect(items.map((m) => m.achievement!.id), 'the title and description are enough').to.include(harvester);
  });

  it('never offers the caller own organization listings or unpublished ones', async () => {
    const items = await matchesOf(enterprise);
    const ids = items.map((m) => m.achievement!.id);
    expect(ids).not.to.include(ownHarvester);
    expect(ids).not.to.include(draftHarvester);
    expect(items.every((m) => m.achievement!.ownerOrgId !== enterpriseOrg)).to.equal(true);
  });

  it('shows matches to the owner, brokers and reviewers, and answers 404 to anyone else', async () => {
    expect((await matchesOf(broker)).length).to.be.greaterThan(0);
    expect((await matchesOf(reviewer)).length).to.be.greaterThan(0);
    expect((await stranger.get(`/api/demands/${demandId}/matches`)).status).to.equal(404);
    expect((await supplierA.get(`/api/demands/${demandId}/matches`)).status).to.equal(404);
    expect((await server.agent().get(`/api/demands/${demandId}/matches`)).status).to.equal(401);
    expect((await enterprise.get('/api/demands/00000000-0000-4000-8000-000000000000/matches')).status).to.equal(404);
  });

  it('matches the other way round: demands for an achievement', async () => {
    const res = await supplierA.get(`/api/achievements/${harvester}/matches`);
    expect(res.status).to.equal(200);
    expect(res.body.items.map((m: MatchItem) => m.demand!.id)).to.include(demandId);
  });

  it('stores matches after publication and notifies both owners; brokers see them as opportunities', async () => {
    const { rows } = await testEnv().db.$client.query('select achievement_id from matches where demand_id = $1', [demandId]);
    expect(rows.map((r: { achievement_id: string }) => r.achievement_id)).to.include(harvester);
    const notes = (await enterprise.get('/api/notifications')).body.items as { kind: string; title: string }[];
    expect(notes.some((n) => n.kind === 'match_new' && n.title.includes('新匹配成果')), JSON.stringify(notes)).to.equal(true);
    const supplierNotes = (await supplierA.get('/api/notifications')).body.items as { kind: string }[];
    expect(supplierNotes.some((n) => n.kind === 'match_new')).to.equal(true);
    const opp = await broker.get('/api/brokers/me/opportunities');
    expect(opp.status).to.equal(200);
    expect(opp.body.items.some((o: { demand: { id: string }; achievement: { id: string } }) => o.demand.id === demandId && o.achievement.id === harvester)).to.equal(true);
    expect((await enterprise.get('/api/brokers/me/opportunities')).status).to.equal(403);
  });

  it('hides a pair the owner marks not relevant, and tells the other side with counts', async () => {
    const before = await matchesOf(enterprise);
    // Other test files share the catalogue: pick one of this suite's own achievements.
    const victim = before.find((m) => m.achievement!.id === planter) ?? before.find((m) => m.achievement!.id === harvester)!;
    const bad = await enterprise.post('/api/matches/feedback').send({ demandId, achievementId: victim.achievement!.id, verdict: 'not_relevant', reason: 'other' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].path).to.equal('note');
    const res = await enterprise.post('/api/matches/feedback').send({ demandId, achievementId: victim.achievement!.id, verdict: 'not_relevant', reason: 'price_mismatch' });
    expect(res.status).to.equal(201);
    const after = await matchesOf(enterprise);
    expect(after.map((m) => m.achievement!.id)).not.to.include(victim.achievement!.id);
    const brokerView = await matchesOf(broker);
    const seen = brokerView.find((m) => m.achievement!.id === victim.achievement!.id);
    if (seen) expect(seen.feedback.notRelevant).to.equal(1);
    const owner = victim.achievement!.id === harvester ? supplierA : supplierB;
    const notes = (await owner.get('/api/notifications').query({ pageSize: 100 })).body.items as { kind: string; title: string }[];
    expect(notes.some((n) => n.kind === 'match_feedback' && n.title.includes('价格不合适')), JSON.stringify(notes.map((n) => n.title))).to.equal(true);
    expect((await stranger.post('/api/matches/feedback').send({ demandId, achievementId: harvester, verdict: 'relevant', reason: 'interested' })).status).to.equal(403);
  });

  it('rates an organization by the share of its week-old stored matches it answered, once the job recounts', async () => {
    const { db } = testEnv();
    // Three more week-old pairs of this demand (counterparts that no longer exist) make the rate countable.
    const ghosts = [randomUUID(), randomUUID(), randomUUID()];
    for (const g of ghosts) await db.$client.query(`insert into matches (demand_id, achievement_id, score, reasons) values ($1, $2, 0.5, '[]')`, [demandId, g]);
    const me = (await enterprise.get('/api/auth/me')).body.user as { id: string };
    await db.$client.query(`insert into match_feedback (demand_id, achievement_id, user_id, org_id, side, verdict, reason) values ($1, $2, $3, $4, 'demand', 'relevant', 'interested')`, [demandId, ghosts[0], me.id, enterpriseOrg]);
    await db.$client.query(`update matches set first_seen_at = now() - interval '8 days' where demand_id = $1`, [demandId]);
    // And one found today, not answered yet: the owner still has a week, so it does not count against them.
    const fresh = randomUUID();
    ghosts.push(fresh);
    await db.$client.query(`insert into matches (demand_id, achievement_id, score, reasons) values ($1, $2, 0.5, '[]')`, [demandId, fresh]);
    const ratingSeenBySupplier = async () => {
      const items = (await supplierA.get(`/api/achievements/${harvester}/matches`).query({ limit: 20 })).body.items as MatchItem[];
      return items.find((m) => m.demand!.id === demandId)!.reasons.find((r) => r.factor === 'responsiveness')!;
    };
    expect((await ratingSeenBySupplier()).detail, 'not recounted yet').to.equal('对方单位暂无反馈记录');
    await recomputeResponsiveness(db);
    const { rows } = await db.$client.query<{ matched: number; answered: number }>(
      `select count(*)::int as matched, count(f.id)::int as answered from matches m
         left join match_feedback f on f.org_id = $2 and f.demand_id = m.demand_id and f.achievement_id = m.achievement_id
        where m.demand_id = $1 and m.achievement_id <> $3`,
      [demandId, enterpriseOrg, fresh],
    );
    const expected = rows[0]!.answered / rows[0]!.matched;
    expect(rows[0]!.answered).to.be.at.least(1);
    const rating = await ratingSeenBySupplier();
    expect(rating.value).to.be.closeTo(expected, 1e-4);
    expect(rating.detail).to.equal(`对方单位对匹配的反馈率 ${Math.round(expected * 100)}%`);
    await db.$client.query('delete from matches where achievement_id = any($1::uuid[])', [ghosts]);
    await db.$client.query('delete from match_feedback where achievement_id = any($1::uuid[])', [ghosts]);
    await db.$client.query('update matches set first_seen_at = now() where demand_id = $1', [demandId]);
    await db.$client.query('delete from org_responsiveness');
  });

  it('changes the matches when an edit changes the industry', async () => {
    const other = await publishListing(enterprise, reviewer, 'demand', {
      title: `甘蔗机械化收获合作 ${tag}`,
      problem: '希望引进甘蔗联合收获机，降低含杂率，减少宿根损伤，解决砍蔗用工难的问题。',
      keywords: ['甘蔗收获', '含杂率'],
      industry: 'agri_machinery',
    });
    await settle();
    const industryValue = async () => {
      const items = (await enterprise.get(`/api/demands/${other}/matches`)).body.items as MatchItem[];
      return items.find((m) => m.achievement!.id === harvester)?.reasons.find((r) => r.factor === 'industry')?.value;
    };
    expect(await industryValue()).to.equal(1);
    await enterprise.patch(`/api/demands/${other}`).send({ industry: 'aluminum' }).expect(200);
    await reviewer.post(`/api/reviews/demand/${other}`).send({ decision: 'approve' }).expect(200);
    await settle();
    expect(await industryValue()).to.equal(0);
  });

  it('drops a withdrawn achievement from the stored and live matches', async () => {
    const { db } = testEnv();
    const stored = async () => (await db.$client.query('select 1 from matches where achievement_id = $1', [harvester])).rowCount;
    expect(await stored()).to.be.greaterThan(0);
    await supplierA.delete(`/api/achievements/${harvester}`).send({ reason: '已转让' }).expect(200);
    await settle();
    expect(await stored()).to.equal(0);
    const items = await matchesOf(enterprise);
    expect(items.map((m) => m.achievement!.id)).not.to.include(harvester);
    expect((await enterprise.get(`/api/achievements/${harvester}`)).status, 'withdrawn is hidden from others').to.equal(404);
  });
});
