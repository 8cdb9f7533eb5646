import { expect } from 'chai';
import type supertest from 'supertest';
import { FIGURES_TTL_MS, injectMeta, pageMeta, platformFigures } from '../../server/components/portal/index.js';
import { createUser, login, registerUser, uniq, publishListing } from '../factories/index.js';
import { withTestServer } from '../setup/app.js';
import { testEnv } from '../setup/global.js';

describe('portal (the public front page)', () => {
  const server = withTestServer();
  let supplier: supertest.Agent;
  let reviewer: supertest.Agent;
  let admin: supertest.Agent;

  before(async () => {
    supplier = server.agent();
    await registerUser(supplier, 'supplier');
    reviewer = await login(server.agent(), (await createUser('reviewer')).email);
    admin = await login(server.agent(), (await createUser('admin')).email);
  });

  it('serves the figures from memory within a minute and recounts after it', async () => {
    const db = testEnv().db;
    // Far enough in the future that whatever an earlier request cached has expired.
    const t0 = Date.now() + 10 * FIGURES_TTL_MS;
    const before = await platformFigures(db, t0);
    await publishListing(supplier, reviewer, 'achievement');
    const cached = await platformFigures(db, t0 + FIGURES_TTL_MS - 1);
    expect(cached.achievements).to.equal(before.achievements);
    const fresh = await platformFigures(db, t0 + FIGURES_TTL_MS);
    expect(fresh.achievements).to.equal(before.achievements + 1);
    expect(fresh.contracts.year).to.equal(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
  });

  it('answers the newest listings, notices, policies and the roadshow block in one response', async () => {
    const title = `高效节能铝型材挤压模具技术${uniq()}`;
    const id = await publishListing(supplier, reviewer, 'achievement', { title });
    const notice = await admin.post('/api/news').send({ title: `关于征集2027年度应用场景的通知${uniq()}`, category: 'notice', pinned: true, body: '各有关单位：请于 3 月底前报送应用场景需求。' }).expect(201);
    await admin.post(`/api/news/${notice.body.id}/publish`).expect(200);
    const draft = await admin.post('/api/news').send({ title: `尚未发布的政策解读${uniq()}`, category: 'policy', body: '这是一篇还没有发布的政策解读草稿。' }).expect(201);

    const res = await server.agent().get('/api/portal').expect(200);
    // Newest first; other suites' listings may carry later publication times, so ours is either listed or outranked.
    const listed = res.body.achievements as { id: string; title: string; organizationName: string | null; publishedAt: string }[];
    const times = listed.map((a) => a.publishedAt);
    expect(times).to.deep.equal([...times].sort().reverse());
    const ours = listed.find((a) => a.id === id);
    if (ours) {
      expect(ours.title).to.equal(title);
      expect(ours.organizationName).to.be.a('string');
    } else {
      const { rows } = await testEnv().db.$client.query<{ published_at: Date }>('select published_at from listings where id = $1', [id]);
      expect(listed).to.have.length(6);
      expect(listed.every((a) => new Date(a.publishedAt) >= rows[0]!.published_at)).to.equal(true);
    }
    // Pinned first (the newest pinned notice is ours: other suites may have pinned theirs earlier).
    expect(res.body.notices[0]).to.include({ id: notice.body.id, category: 'notice', pinned: true });
    expect(res.body.policies.map((p: { id: string }) => p.id)).not.to.include(draft.body.id);
    expect(res.body.roadshows, 'the roadshows component feeds the block (its own test checks the content)').to.have.keys(['live', 'upcoming']);
    expect(res.body.figures).to.have.keys(['achievements', 'demands', 'contracts', 'roadshowsHeld', 'computedAt']);
  });

  it("puts a published article's or listing's own title and description into the page's HTML meta, and the default for anything else", async () => {
    const db = testEnv().db;
    const n = await admin.post('/api/news').send({ title: '广西科技成果转化大行动实施方案解读', category: 'policy', summary: '一图读懂大行动的目标与任务', body: '正文内容，超过十个字的正文。' }).expect(201);
    expect((await pageMeta(db, `/news/${n.body.id}`)).title).to.equal('桂技通 · 广西科技成果转移转化服务平台');
    await admin.post(`/api/news/${n.body.id}/publish`).expect(200);
    expect(await pageMeta(db, `/news/${n.body.id}`)).to.deep.equal({ title: '广西科技成果转化大行动实施方案解读 · 政策资讯 · 桂技通', description: '一图读懂大行动的目标与任务' });
    const title = `甘蔗全程机械化收获技术${uniq()}`;
    const id = await publishListing(supplier, reviewer, 'achievement', { title });
    expect((await pageMeta(db, `/achievements/${id}`)).title).to.equal(`${title} · 科技成果 · 桂技通`);
    expect((await pageMeta(db, '/demands/')).title).to.equal('技术需求 · 桂技通');
    expect((await pageMeta(db, `/demands/${id}`)).title).to.equal('桂技通 · 广西科技成果转移转化服务平台');

    const html = injectMeta('<head><meta name="description" content="old" /><title>old</title></head>', { title: '"<b>标题</b>" & 更多', description: '说明' });
    expect(html).to.include('<title>&quot;&lt;b&gt;标题&lt;/b&gt;&quot; &amp; 更多</title>');
    expect(html).to.include('<meta property="og:title" content="&quot;&lt;b&gt;标题&lt;/b&gt;&quot; &amp; 更多" />');
    expect(html).to.include('<meta name="description" content="说明" />');
  });

  it('names cities, contract types and subtypes, IP statuses and the 27 indicators in English too, for the English interface', async () => {
    const tax = await server.agent().get('/api/taxonomy').expect(200);
    const cities = tax.body.cities as { code: string; nameEn?: string }[];
    expect(cities.find((c) => c.code === '450600')?.nameEn).to.equal('Fangchenggang');
    expect(cities.every((c) => c.nameEn)).to.equal(true);
    const types = tax.body.contractTypes as { code: string; nameEn?: string; subtypes: { code: string; nameEn?: string }[] }[];
    expect(types.find((t) => t.code === 'transfer')?.subtypes.find((s) => s.code === 'transfer_patent_application')?.nameEn).to.equal('Patent application right');
    expect(types.every((t) => t.nameEn && t.subtypes.every((s) => s.nameEn))).to.equal(true);
    expect((tax.body.ipStatuses as { nameEn?: string }[]).map((s) => s.nameEn)).to.deep.equal(['Pending', 'Granted', 'Lapsed']);
    const zone = (tax.body.zones as { id: string }[])[0]!;
    const ind = await server.agent().get(`/api/zones/${zone.id}/indicators`).expect(200);
    const entries = ind.body.indicators as { code: string; nameEn?: string; groupEn?: string; unitEn?: string }[];
    expect(entries.find((i) => i.code === 'I01')).to.include({ nameEn: 'Technology contract turnover', groupEn: 'Technology trade', unitEn: '100 million yuan' });
    expect(entries.filter((i) => /^I\d\d$/.test(i.code)).every((i) => i.nameEn && i.groupEn)).to.equal(true);
  });

  it('compresses API responses for browsers that accept brotli or gzip', async () => {
    const br = await server.agent().get('/api/taxonomy').set('Accept-Encoding', 'br').expect(200);
    expect(br.headers['content-encoding']).to.equal('br');
    const gz = await server.agent().get('/api/taxonomy').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).to.equal('gzip');
  });
});
