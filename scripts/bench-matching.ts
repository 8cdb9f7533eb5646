/**
 * npm run bench:matching — the matching benchmark of issue 4, in one run on its own data:
 *
 *   1. 100,000 published achievements and 20,000 published demands (generated from seed/demo/*.json
 *      and test/fixtures/matching-eval.json, demands with long natural problem statements) owned by
 *      60 organizations, indexed with `reindex`;
 *   2. match endpoint latency: `GET /api/demands/:id/matches?limit=10` and
 *      `GET /api/achievements/:id/matches?limit=10` over HTTP (in-process app, logged-in broker), against
 *      the raw Meilisearch `multiSearch` of the same candidate queries (`candidateQueries(termsOf(row))`,
 *      terms extracted outside the timing), interleaved; then a profile of the endpoint's parts;
 *   3. publish → matches stored and notified: approve (`POST /api/reviews/:kind/:id`) at a steady rate,
 *      timed until the listing's rows exist in `matches` and its owner's `match_new` notification
 *      exists (the DB polled every 10 ms);
 *   4. the endpoint again once `matches` holds a stored-matches table of a plausible steady-state size.
 *
 * Services, database and indexes as in bench:search (scripts/lib/bench.ts): DATA_DIR/bench, a fresh
 * database `bench_<timestamp>` and index prefix `bench<timestamp>_`, all removed at the end.
 * Options: --achievements N (100000) --demands N (20000) --requests N (300 demands) --achievement-requests N (100)
 * --publishes N (100 demands) --achievement-publishes N (20) --rate R (5 publishes/s) --stored N (600000 rows, 0 = skip step 4).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { MultiSearchQuery } from 'meilisearch';
import { withCreditCodeCheck } from '../common/creditCode.js';
import type { DemoOrg } from '../seed/demo.js';
import { loadActor, upsertUser, type Actor } from '../server/components/auth/index.js';
import { INDEX_NAMES, KINDS, findListing, reindex, type Kind } from '../server/components/listings/index.js';
import { associations, candidateQueries, expandTerms, matchesFor, rebuildTermAssociations, refreshStoredMatches, searchCandidates, termsOf, STORE_THRESHOLD, type MatchingDeps } from '../server/components/matching/index.js';
import * as matchRepo from '../server/components/matching/matching.repository.js';
import { readCandidates, scoreCandidates, textQuery } from '../server/components/matching/matching.service.js';
import type { Term } from '../server/components/matching/matching.terms.js';
import { insertOrganization } from '../server/components/organizations/index.js';
import { getTaxonomy } from '../server/components/taxonomy/index.js';
import type { Db } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import type { Search } from '../server/lib/search.js';
import { args } from './cli.js';
import {
  EXTRA_ORGS,
  PASSWORD,
  bar,
  call,
  createWorld,
  demoTemplates,
  distribution,
  fmtMs,
  listingGenerator,
  loadTracker,
  login,
  msSince,
  now,
  pct,
  ratio,
  rng,
  runBench,
  startApp,
  summary,
  type Bench,
  type DemoAchievement,
  type DemoDemand,
  type Session,
  type World,
} from './lib/bench.js';
import { listings } from '../server/db/schema.js';

// ---------------------------------------------------------------- options

const opt = args();
const N_ACH = Number(opt.achievements ?? 100_000);
const N_DEM = Number(opt.demands ?? 20_000);
const REQ_DEM = Number(opt.requests ?? 300);
const REQ_ACH = Number(opt['achievement-requests'] ?? 100);
const PUB_DEM = Number(opt.publishes ?? 100);
const PUB_ACH = Number(opt['achievement-publishes'] ?? 20);
const RATE = Number(opt.rate ?? 5);
const STORED = Number(opt.stored ?? 600_000);
const WARMUP = 20;
const POLL_MS = 10;
const STORE_TIMEOUT_MS = 600_000; // a safety net only: the phase ends when the sync and the refresher are idle
const INSERT_BATCH = 1000;
const LIMIT = 10;

const loads = loadTracker();
const R = rng(20260404);

// ---------------------------------------------------------------- data: templates, long demand statements, organizations

interface EvalFixture {
  achievements: (Omit<DemoAchievement, 'orgKey' | 'source' | 'contactName'> & { key: string })[];
  demands: (Omit<DemoDemand, 'orgKey' | 'contactName'> & { key: string })[];
}
const fixture = JSON.parse(fs.readFileSync(path.resolve('test/fixtures/matching-eval.json'), 'utf8')) as EvalFixture;
const demo = demoTemplates();
/** Demo listings and the labelled evaluation set (written as enterprises and universities really write). */
const TEMPLATES = {
  achievements: [...demo.achievements, ...fixture.achievements.map(({ key: _k, ...a }): DemoAchievement => ({ ...a, orgKey: '', source: 'other', contactName: '成果转化办公室' }))],
  demands: [...demo.demands, ...fixture.demands.map(({ key: _k, ...d }): DemoDemand => ({ ...d, orgKey: '', contactName: '技术部' }))],
};
const gen = listingGenerator(R, TEMPLATES);
const DEM_PROBLEMS = new Map<string, string[]>();
for (const d of TEMPLATES.demands) DEM_PROBLEMS.set(d.industry, [...(DEM_PROBLEMS.get(d.industry) ?? []), d.problem]);

const INTRO: ((city: string, industry: string) => string)[] = [
  (c, i) => `我们是${c}的一家${i}企业，成立于${R.int(1996, 2019)}年，现有员工${R.int(60, 1800)}人，年产值约${R.int(1, 30)}亿元。`,
  (c, i) => `本公司位于${c}，主要从事${i}相关产品的生产和销售，这几年订单增长较快，但生产上有些技术问题一直没有解决好。`,
  (c, i) => `我司是${c}${i}行业的骨干企业，产品主要销往广东和东盟市场，去年被列入自治区“专精特新”培育名单。`,
  (c) => `我们厂在${c}，是家族企业转型过来的，管理和技术力量比较薄弱，遇到下面这个问题想请专家帮忙。`,
  (c, i) => `${c}这边做${i}的企业不少，我们规模中等，近两年在设备和工艺上投入了不少钱。`,
];
const TAIL = [
  '厂里的技术人员试过几种办法，效果都不理想。',
  '我们可以提供试验场地、原料和生产线配合验证，也愿意承担中试费用。',
  '如果技术可行，后续还有几条生产线需要同步改造。',
  '希望对方能派人到现场调研，先做小批量验证再谈正式合作。',
  '之前和一家外省公司谈过，价格太高而且售后跟不上，所以想找区内的高校或科研院所合作。',
  '最好能有在广西同类企业应用过的案例，能到现场看一看。',
  '资金方面可以申请市里的科技项目配套，也可以按效果分期付款。',
  '现在旺季马上要到了，希望半年内能有初步方案。',
];
/** A demand's problem as an enterprise writes it: who we are, the problem, often a second one, conditions. */
function longProblem(w: World, fields: Record<string, unknown>): string {
  const city = w.tax.cities.find((c) => c.code === fields.cityCode)?.shortName ?? '南宁';
  const industry = w.tax.industries.find((i) => i.code === fields.industry)?.name ?? '制造';
  const parts = [R.pick(INTRO)(city, industry), String(fields.problem)];
  const peers = DEM_PROBLEMS.get(String(fields.industry)) ?? [];
  if (peers.length > 1 && R.chance(0.4)) parts.push(`另外，${R.pick(peers)}`);
  parts.push(...R.some(TAIL, 1, 3));
  return parts.join('').slice(0, 5000);
}
function generateListing(w: World, kind: Kind) {
  const g = gen.generateFields(w, kind);
  if (kind === 'demand') g.fields.problem = longProblem(w, g.fields);
  return g;
}

/** Twelve more owners beyond the 48 of bench:search: 60 organizations in all. */
const MORE_ORGS: DemoOrg[] = [
  { key: 'x_nn_iot', name: '南宁市智联电子科技有限公司', type: 'enterprise', creditCode: '', regionCode: '450105' },
  { key: 'x_cz_sugar', name: '广西崇左糖业机械有限公司', type: 'enterprise', creditCode: '', regionCode: '451402' },
  { key: 'x_qz_petro', name: '钦州港石化新材料有限公司', type: 'enterprise', creditCode: '', regionCode: '450702' },
  { key: 'x_fcg_ocean', name: '防城港海工装备制造有限公司', type: 'enterprise', creditCode: '', regionCode: '450602' },
  { key: 'x_gg_ev', name: '贵港市新能源电动车有限公司', type: 'enterprise', creditCode: '', regionCode: '450802' },
  { key: 'x_hz_caco3', name: '贺州市碳酸钙新材料有限公司', type: 'enterprise', creditCode: '', regionCode: '451102' },
  { key: 'x_hc_metal', name: '河池市有色金属冶炼有限公司', type: 'enterprise', creditCode: '', regionCode: '451202' },
  { key: 'x_lb_bagasse', name: '来宾市蔗渣综合利用有限公司', type: 'enterprise', creditCode: '', regionCode: '451302' },
  { key: 'x_zy_med', name: '广西壮瑶医药产业技术研究院', type: 'institute', creditCode: '', regionCode: '450103' },
  { key: 'x_gl_im', name: '桂林智能制造技术研究院', type: 'institute', creditCode: '', regionCode: '450305' },
  { key: 'x_lz_voc', name: '柳州职业技术学院', type: 'university', creditCode: '', regionCode: '450204' },
  { key: 'x_qz_ttc', name: '钦州市技术转移服务中心', type: 'agency', creditCode: '', regionCode: '450702' },
];

// ---------------------------------------------------------------- the run

type Doc = Record<string, unknown> & { id: string; ownerOrgId: string; _rankingScore?: number };

type Row = NonNullable<Awaited<ReturnType<typeof findListing>>>;
interface Target {
  kind: Kind;
  id: string;
  row: Row;
  terms: Term[];
  queries: MultiSearchQuery[];
}

async function main(bench: Bench) {
  console.log(`桂技通 matching benchmark — ${N_ACH.toLocaleString('en')} achievements + ${N_DEM.toLocaleString('en')} demands; database ${bench.ctx.dbName}, index prefix ${bench.prefix}`);
  const { db, search, platformOrgId, meiliVersion } = await bench.open(20);
  loads.note('start');

  // 1. Data and index
  const world = await createWorld(db, { extra: [...EXTRA_ORGS, ...MORE_ORGS], max: 60 });
  const total = N_ACH + N_DEM;
  const tGen = now();
  const gb = bar('生成并写入 PostgreSQL', total);
  for (let i = 0; i < total; i += INSERT_BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(total, i + INSERT_BATCH); j++) {
      const kind: Kind = j < N_ACH ? 'achievement' : 'demand';
      rows.push(gen.generateRow(world, kind, generateListing(world, kind)));
    }
    await db.insert(listings).values(rows);
    gb.increment(rows.length);
  }
  gb.stop();
  await db.execute(sql`analyze listings`);
  const genMs = msSince(tGen);
  const stats = (
    await db.$client.query<{ kind: string; n: number; orgs: number; cities: number; industries: number; avg_problem: number; avg_detail: number }>(
      `select kind, count(*)::int n, count(distinct owner_org_id)::int orgs, count(distinct city_code)::int cities, count(distinct industry)::int industries,
              avg(char_length(problem))::int avg_problem, avg(char_length(detail))::int avg_detail from listings where status = 'published' group by kind order by kind`,
    )
  ).rows;
  console.log(`generated ${total.toLocaleString('en')} published listings in ${fmtMs(genMs)}:`);
  for (const s of stats) console.log(`  ${s.kind}: ${s.n} rows, ${s.orgs} organizations, ${s.cities} cities, ${s.industries} industries, ${s.kind === 'demand' ? `problem ${s.avg_problem} chars on average` : `detail ${s.avg_detail} chars on average`}`);

  loads.note('index');
  const tIdx = now();
  const ib = bar('reindex', total, '条已发送');
  const sent: Record<string, number> = {};
  const counts = await reindex(db, search, (kind, done) => {
    sent[kind] = done;
    ib.update(Object.values(sent).reduce((a, b) => a + b, 0));
  });
  ib.stop();
  const indexMs = msSince(tIdx);
  console.log(`indexed ${counts.achievement} achievements and ${counts.demand} demands in ${fmtMs(indexMs)}`);
  // What the `match-associations` job does at start (table empty) and after publication changes.
  loads.note('associations');
  const assocBuild = await rebuildTermAssociations(db);
  console.log(`term associations rebuilt (the match-associations job): ${assocBuild.pairs.toLocaleString('en')} pairs from ${assocBuild.listings.toLocaleString('en')} listings in ${fmtMs(assocBuild.ms)}`);

  // The app, a broker, a reviewer
  const app = await startApp(bench, db, search);
  const { url } = app;
  const deps: MatchingDeps = { db, search, log: logger };
  const brokerOrg = await insertOrganization(db, { name: '压测技术经纪服务中心', type: 'agency', creditCode: withCreditCodeCheck('12450103009876543'), regionCode: '450103', verified: true });
  const brokerUser = await upsertUser(db, { email: 'bench-broker@bench.example.cn', password: PASSWORD, name: '压测经纪人', organizationId: brokerOrg.id, roles: [{ role: 'broker' }] });
  await upsertUser(db, { email: 'bench-reviewer@bench.example.cn', password: PASSWORD, name: '压测审核员', organizationId: platformOrgId, roles: [{ role: 'reviewer' }] });
  const broker = await login(url, 'bench-broker@bench.example.cn');
  const reviewer = await login(url, 'bench-reviewer@bench.example.cn');
  const brokerActor = (await loadActor(db, brokerUser.id)) as Actor;

  // 2. Match endpoint vs raw multiSearch, interleaved
  const sample = async (kind: Kind, n: number) =>
    (await db.$client.query<{ id: string }>(`select id from listings where kind = $1 and status = 'published' order by random() limit $2`, [kind, n])).rows.map((r) => r.id);
  const prepare = async (kind: Kind, ids: string[]): Promise<Target[]> => {
    const out: Target[] = [];
    for (const id of ids) {
      const row = (await findListing(db, kind, id))!;
      const terms = termsOf(row);
      const expansions = expandTerms(terms, await associations(db));
      out.push({ kind, id, row, terms, queries: candidateQueries(search, kind, terms, row.keywords, row.ownerOrgId, row.industry, expansions) });
    }
    return out;
  };
  const demIds = await sample('demand', REQ_DEM + WARMUP);
  const achIds = await sample('achievement', REQ_ACH + WARMUP);
  const warm = [...(await prepare('demand', demIds.slice(0, WARMUP))), ...(await prepare('achievement', achIds.slice(0, WARMUP)))];
  const targets = [...(await prepare('demand', demIds.slice(WARMUP))), ...(await prepare('achievement', achIds.slice(WARMUP)))];
  const order = R.some(targets, targets.length, targets.length);

  const items: Record<Kind, number[]> = { achievement: [], demand: [] };
  const endpointOnce = async (t: Target) => {
    const res = await call<{ items: unknown[]; source: string }>(url, broker, 'GET', `/api/${KINDS[t.kind].path}/${t.id}/matches?limit=${LIMIT}`);
    if (res.source !== 'live') throw new Error(`matches of ${t.id} came from ${res.source}`);
    return res.items.length;
  };
  // Exactly the requests the endpoint sends: the candidate queries, as two multi-search requests at once.
  const rawOnce = (t: Target) => searchCandidates(search, t.queries);
  console.log(`warming up (${warm.length} listings, both paths; loads jieba)…`);
  for (const t of warm) {
    await endpointOnce(t);
    await rawOnce(t);
  }
  const endpointMs: Record<Kind, number[]> = { achievement: [], demand: [] };
  const rawMs: Record<Kind, number[]> = { achievement: [], demand: [] };
  loads.note('(2) start');
  const qb = bar('匹配接口 / raw multiSearch 交替', order.length * 2, '次');
  for (const [i, t] of order.entries()) {
    const paths = [
      async () => {
        const t0 = now();
        const n = await endpointOnce(t);
        endpointMs[t.kind].push(msSince(t0));
        items[t.kind].push(n);
      },
      async () => {
        const t0 = now();
        await rawOnce(t);
        rawMs[t.kind].push(msSince(t0));
      },
    ];
    // Alternate which path goes first.
    for (let k = 0; k < 2; k++) await paths[(i + k) % 2]!();
    qb.increment(2);
  }
  qb.stop();
  loads.note('(2) end');
  const epAll = [...endpointMs.demand, ...endpointMs.achievement];
  const rawAll = [...rawMs.demand, ...rawMs.achievement];
  for (const k of ['demand', 'achievement'] as const) {
    const e = summary(endpointMs[k]);
    const r = summary(rawMs[k]);
    const n = items[k];
    console.log(`  ${k}: endpoint n=${e.n} p50 ${fmtMs(e.p50)} p95 ${fmtMs(e.p95)} max ${fmtMs(e.max)}; raw p50 ${fmtMs(r.p50)} p95 ${fmtMs(r.p95)}; items per answer avg ${(n.reduce((a, b) => a + b, 0) / n.length).toFixed(1)}, empty ${n.filter((x) => x === 0).length}`);
    console.log(`    endpoint distribution: ${distribution(endpointMs[k])}`);
    console.log(`    raw distribution:      ${distribution(rawMs[k])}`);
  }

  // 2b. Profile: where the endpoint's time goes, part by part, on the same listings (in-process)
  const profileTargets = [...order.filter((t) => t.kind === 'demand').slice(0, 100), ...order.filter((t) => t.kind === 'achievement').slice(0, 50)];
  const prof = await profile(db, search, deps, brokerActor, url, broker, profileTargets);

  // 3. Publish → matches stored and notified
  const publish = await createPublisher(db, search, world, url, reviewer, app);
  const pub = await publish('(3)', PUB_DEM, PUB_ACH);
  const rowsAfterPublish = pub.matchRows;

  // 4. Steady state: the endpoint and the publish chain again once `matches` holds a plausible stored-matches table
  let steady: Awaited<ReturnType<typeof steadyState>> | null = null;
  let steadyPub: PublishResult | null = null;
  if (STORED > 0) {
    steady = await steadyState(db, search, url, broker, order);
    steadyPub = await publish('(4) publish', Math.max(1, Math.round(PUB_DEM / 5)), Math.round(PUB_ACH / 4));
  }

  // Report
  const ep = summary(epAll);
  const raw = summary(rawAll);
  const rows: string[][] = [];
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  const e = (k: Kind) => summary(endpointMs[k]);
  const r = (k: Kind) => summary(rawMs[k]);
  rows.push([`(2) match endpoint p50, both kinds (n=${ep.n})`, fmtMs(ep.p50), `raw candidate queries ${fmtMs(raw.p50)}`, ratio(ep.p50, raw.p50), '']);
  rows.push(['(2) match endpoint p95, both kinds', fmtMs(ep.p95), `raw candidate queries ${fmtMs(raw.p95)}`, ratio(ep.p95, raw.p95), `≤ 2× — ${mark(ep.p95 / raw.p95 <= 2)}; < 100 ms — ${mark(ep.p95 < 100)}`]);
  rows.push(['(2) match endpoint max', fmtMs(ep.max), `raw candidate queries ${fmtMs(raw.max)}`, ratio(ep.max, raw.max), '']);
  for (const k of ['demand', 'achievement'] as const) {
    rows.push([`(2) — ${KINDS[k].path}/:id/matches p50 / p95 (n=${e(k).n})`, `${fmtMs(e(k).p50)} / ${fmtMs(e(k).p95)}`, `${fmtMs(r(k).p50)} / ${fmtMs(r(k).p95)}`, `${ratio(e(k).p50, r(k).p50)} / ${ratio(e(k).p95, r(k).p95)}`, '']);
  }
  const pubRows = (tag: string, p: PublishResult) => {
    const ps = summary(p.storedMs);
    const ix = summary(p.indexedMs);
    rows.push([`${tag} publish → matches stored + notified p50 (n=${ps.n}, ${RATE}/s)`, fmtMs(ps.p50), `approve → indexed ${fmtMs(ix.p50)}`, ratio(ps.p50, ix.p50), '']);
    rows.push([`${tag} publish → matches stored + notified p95`, fmtMs(ps.p95), `approve → indexed ${fmtMs(ix.p95)}`, ratio(ps.p95, ix.p95), '']);
    rows.push([`${tag} publish → matches stored + notified max`, fmtMs(ps.max), `approve → indexed ${fmtMs(ix.max)}`, ratio(ps.max, ix.max), '']);
  };
  pubRows('(3)', pub);
  if (steady && steadyPub) {
    const se = summary(steady.endpoint);
    const sr = summary(steady.raw);
    rows.push([`(4) with ${steady.rows.toLocaleString('en')} stored matches: endpoint p50 (n=${se.n})`, fmtMs(se.p50), `raw candidate queries ${fmtMs(sr.p50)}`, ratio(se.p50, sr.p50), '']);
    rows.push([`(4) with ${steady.rows.toLocaleString('en')} stored matches: endpoint p95`, fmtMs(se.p95), `raw candidate queries ${fmtMs(sr.p95)}`, ratio(se.p95, sr.p95), `≤ 2× — ${mark(se.p95 / sr.p95 <= 2)}; < 100 ms — ${mark(se.p95 < 100)}`]);
    pubRows('(4)', steadyPub);
  }

  console.log('\nProfile of the match endpoint (in-process, same listings, one part at a time), p50 / p95:');
  console.log('| part | demands → achievements | achievements → demands |');
  console.log('| --- | ---: | ---: |');
  for (const [part, byKind] of prof) console.log(`| ${part} | ${byKind.demand} | ${byKind.achievement} |`);
  printPublish('(3) publish → stored', pub);
  if (steady && steadyPub) {
    console.log(`\n(4) responsiveness read alone with ${steady.rows.toLocaleString('en')} stored matches: p50 ${fmtMs(pct(steady.resp, 50))}, p95 ${fmtMs(pct(steady.resp, 95))} (profile of (2), empty table: ${prof.get('responsiveness read (org_responsiveness)')?.demand ?? '?'} for demands; ${rowsAfterPublish.toLocaleString('en')} rows after (3)); the job's recount of the whole table: ${fmtMs(steady.recountMs)}`);
    printPublish('(4) publish → stored, with the stored-matches table', steadyPub);
  }

  console.log(`\nMatching benchmark — ${N_ACH.toLocaleString('en')} achievements + ${N_DEM.toLocaleString('en')} demands (${world.orgs.length} organizations), Meilisearch ${meiliVersion}, Node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`data: generated in ${fmtMs(genMs)}, indexed (reindex) in ${fmtMs(indexMs)}`);
  console.log('| Figure | 桂技通 | Baseline | Ratio | Target |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`1-minute load average (${os.cpus().length} cores): ${loads.list().join(', ')}`);
}

// ---------------------------------------------------------------- 2b. profile

async function profile(db: Db, search: Search, deps: MatchingDeps, actor: Actor, url: string, session: Session, targets: Target[]) {
  const parts = ['use case alone (matchesFor, in-process)', 'load listing (findListing)', 'hidden pairs (hiddenPairs)', 'term extraction (termsOf)', 'Meilisearch candidate queries (searchCandidates)', '— response size', '— candidates (unique hits)', '— same queries retrieving only `id` (payload excluded)', '— same queries in one multi-search request', 'responsiveness read (org_responsiveness)', 'scoring (term scan + BM25 + scorePair)', 'feedback counts (feedbackCounts)', 'HTTP + session (GET /api/auth/me)'];
  const m = new Map<string, Record<Kind, number[]>>(parts.map((p) => [p, { achievement: [], demand: [] }]));
  const put = (part: string, kind: Kind, v: number) => m.get(part)![kind].push(v);
  const timed = async <T>(part: string, kind: Kind, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = now();
    const out = await fn();
    put(part, kind, msSince(t0));
    return out;
  };
  const tax = await getTaxonomy(db);
  loads.note('(2b) start');
  const pb = bar('profile', targets.length, '条');
  for (const t of targets) {
    const k = t.kind;
    await timed(parts[0]!, k, () => matchesFor(deps, actor, k, t.id, LIMIT));
    const row = (await timed(parts[1]!, k, () => findListing(db, k, t.id)))!;
    const hidden = await timed(parts[2]!, k, () => matchRepo.hiddenPairs(db, actor.organizationId!));
    const terms = await timed(parts[3]!, k, () => termsOf(row));
    const q = textQuery(terms, expandTerms(terms, await associations(db)));
    const queries = candidateQueries(search, k, terms, row.keywords, row.ownerOrgId, row.industry, q.expansions);
    const results = await timed(parts[4]!, k, () => searchCandidates(search, queries));
    put(parts[5]!, k, Buffer.byteLength(JSON.stringify(results)) / 1024);
    await timed(parts[7]!, k, () => searchCandidates(search, queries.map((x) => ({ ...x, attributesToRetrieve: ['id'] }))));
    await timed(parts[8]!, k, () => search.client.multiSearch({ queries }));
    const best = new Map<string, Doc>();
    for (const r of results) for (const hit of r.hits as Doc[]) if (!best.has(hit.id) || (hit._rankingScore ?? 0) > (best.get(hit.id)!._rankingScore ?? 0)) best.set(hit.id, hit);
    const pairKey = (id: string) => (k === 'demand' ? `${t.id}:${id}` : `${id}:${t.id}`);
    const docs = [...best.values()].filter((d) => !hidden.has(pairKey(d.id)));
    put(parts[6]!, k, docs.length);
    const resp = await timed(parts[9]!, k, () => matchRepo.responsiveness(db, docs.map((d) => d.ownerOrgId)));
    const scored = await timed(parts[10]!, k, () => scoreCandidates(row, q, readCandidates(q, docs), tax, resp).matches.slice(0, LIMIT).map((m) => ({ id: m.counterpart.id, score: m.score })));
    const pairs = scored.map((s) => (k === 'demand' ? { demandId: t.id, achievementId: s.id } : { demandId: s.id, achievementId: t.id }));
    await timed(parts[11]!, k, () => matchRepo.feedbackCounts(db, pairs));
    await timed(parts[12]!, k, () => call(url, session, 'GET', '/api/auth/me'));
    pb.increment();
  }
  pb.stop();
  loads.note('(2b) end');
  const out = new Map<string, Record<Kind, string>>();
  for (const [part, v] of m) {
    const f = (x: number[]) => (part.includes('size') ? `${pct(x, 50).toFixed(0)} / ${pct(x, 95).toFixed(0)} KB` : part.includes('candidates') ? `${pct(x, 50)} / ${pct(x, 95)}` : `${fmtMs(pct(x, 50))} / ${fmtMs(pct(x, 95))}`);
    out.set(part, { demand: f(v.demand), achievement: f(v.achievement) });
  }
  return out;
}

// ---------------------------------------------------------------- 3. publish → matches stored and notified

type App = Awaited<ReturnType<typeof startApp>>;
interface PublishResult {
  published: number;
  storedMs: number[];
  indexedMs: number[];
  afterIndexMs: number[];
  approveMs: number[];
  refreshMs: number[];
  noMatch: number;
  timedOut: number;
  apart: number;
  matchRows: number;
  /** Meilisearch tasks of the phase: queue wait (enqueued → started) and processing time, ms; documents per task. */
  tasks: { wait: number[]; processing: number[]; docs: number[] };
  /** During the phase (the refresher's calls): multiSearch and responsiveness query durations, ms. */
  during: { multiSearch: number[]; responsiveness: number[] };
}

/**
 * Publishes listings through the API at RATE/s and times each from the approve request until its
 * stored matches and its owner's `match_new` notification exist (one poll of the DB every 10 ms for all
 * pending listings). Also notes when the listing reached the index (a sync listener registered after the
 * matching refresher's).
 */
async function createPublisher(db: Db, search: Search, world: World, url: string, reviewer: Session, app: App) {
  const { built, sync } = app;
  // A few owners publish (the login limit is 30 per IP): 6 enterprises for demands, 3 suppliers for achievements.
  const owners: Record<Kind, World['orgs']> = {
    demand: world.orgs.filter((o) => o.type === 'enterprise').slice(0, 6),
    achievement: world.orgs.filter((o) => o.type !== 'enterprise').slice(0, 3),
  };
  const sessions = new Map<string, Session>();
  for (const o of [...owners.demand, ...owners.achievement]) sessions.set(o.id, await login(url, `bench-${o.key}@bench.example.cn`));
  const indexedAt = new Map<string, bigint>();
  sync.onIndexed((changes) => {
    const t = now();
    for (const c of changes) if (!indexedAt.has(c.id)) indexedAt.set(c.id, t);
  });
  // Everything approved so far is indexed and re-matched (twice: a drain may start another one as it ends).
  const settle = async () => {
    for (let i = 0; i < 2; i++) {
      await sync.idle();
      await sleep(20);
      await built.matching.idle();
    }
  };
  let warmedUp = false;

  return async function publish(label: string, nDem: number, nAch: number): Promise<PublishResult> {
    const WARM = warmedUp ? 0 : 3;
    warmedUp = true;
    const nPub = nDem + nAch;
    // Warm-up demands first, then the achievements spread evenly among the demands.
    const kinds: Kind[] = Array.from({ length: WARM }, () => 'demand');
    for (let j = 0; j < nPub; j++) kinds.push(Math.floor(((j + 1) * nAch) / nPub) > Math.floor((j * nAch) / nPub) ? 'achievement' : 'demand');
    // Create and submit everything first (not timed).
    const created: { kind: Kind; id: string }[] = [];
    const cb = bar('创建并提交待审核信息', kinds.length);
    for (const [i, kind] of kinds.entries()) {
      const { fields } = generateListing(world, kind);
      const s = sessions.get(owners[kind][i % owners[kind].length]!.id)!;
      const c = await call<{ id: string }>(url, s, 'POST', `/api/${KINDS[kind].path}`, fields);
      await call(url, s, 'POST', `/api/${KINDS[kind].path}/${c.id}/submit`);
      created.push({ kind, id: c.id });
      cb.increment();
    }
    cb.stop();

    const sent = new Map<string, bigint>();
    const seen = new Map<string, { stored?: bigint; notified?: bigint }>();
    const pollFor = new Set<string>();
    let polling = true;
    const poller = (async () => {
      while (polling || pollFor.size) {
        const t0 = now();
        if (pollFor.size) {
          const { rows } = await db.$client.query<{ id: string; stored: boolean; notified: boolean }>(
            `select l.id,
                    exists (select 1 from matches m where m.demand_id = l.id) or exists (select 1 from matches m where m.achievement_id = l.id) as stored,
                    exists (select 1 from notifications n where n.user_id = l.created_by and n.kind = 'match_new'
                             and n.link = '/' || case l.kind when 'demand' then 'demands' else 'achievements' end || '/' || l.id || '?tab=matches') as notified
               from listings l where l.id = any($1::uuid[])`,
            [[...pollFor]],
          );
          const t = now();
          for (const r of rows) {
            const st = seen.get(r.id) ?? {};
            if (r.stored && !st.stored) st.stored = t;
            if (r.notified && !st.notified) st.notified = t;
            seen.set(r.id, st);
            const started = sent.get(r.id);
            if ((st.stored && st.notified) || (started && Number(t - started) / 1e6 > STORE_TIMEOUT_MS)) pollFor.delete(r.id);
          }
        }
        const wait = POLL_MS - msSince(t0);
        if (wait > 0) await sleep(wait);
      }
    })();
    /** After `settle`, a few more polls show the final state; a listing still pending then got no stored match. */
    const giveUp = async (ids: string[]) => {
      await sleep(5 * POLL_MS);
      for (const id of ids) pollFor.delete(id);
    };

    const approveMs: number[] = [];
    const approve = async (c: (typeof created)[number], record: boolean) => {
      const t0 = now();
      sent.set(c.id, t0);
      pollFor.add(c.id);
      await call(url, reviewer, 'POST', `/api/reviews/${c.kind}/${c.id}`, { decision: 'approve' });
      if (record) approveMs.push(msSince(t0));
    };
    if (WARM) {
      console.log('warming up the publish path (first drain applies the index settings)…');
      for (const c of created.slice(0, WARM)) {
        await approve(c, false);
        await settle();
      }
      await giveUp(created.slice(0, WARM).map((c) => c.id));
    }

    const during = instrument(db, search);
    loads.note(`${label} start`);
    const phaseStart = new Date();
    const timedOnes = created.slice(WARM);
    const pb = bar(`发布→匹配已存储并通知 (${RATE}/s)`, timedOnes.length, '次');
    const start = now();
    const approvals: Promise<void>[] = [];
    for (const [i, c] of timedOnes.entries()) {
      const wait = (i * 1000) / RATE - msSince(start);
      if (wait > 0) await sleep(wait);
      approvals.push(approve(c, true).finally(() => pb.increment()));
    }
    await Promise.all(approvals);
    await settle();
    await giveUp(timedOnes.map((c) => c.id));
    pb.stop();
    polling = false;
    await poller;
    loads.note(`${label} end`);
    during.stop();

    const r: PublishResult = { published: timedOnes.length, storedMs: [], indexedMs: [], afterIndexMs: [], approveMs, refreshMs: [], noMatch: 0, timedOut: 0, apart: 0, matchRows: 0, tasks: { wait: [], processing: [], docs: [] }, during: { multiSearch: during.multiSearch, responsiveness: during.responsiveness } };
    for (const c of timedOnes) {
      const t0 = sent.get(c.id)!;
      const st = seen.get(c.id) ?? {};
      const ix = indexedAt.get(c.id);
      if (ix) r.indexedMs.push(Number(ix - t0) / 1e6);
      if (st.stored && st.notified) {
        const done = st.stored > st.notified ? st.stored : st.notified;
        if (st.stored !== st.notified) r.apart++;
        r.storedMs.push(Number(done - t0) / 1e6);
        if (ix) r.afterIndexMs.push(Number(done - ix) / 1e6);
      } else {
        const { rows } = await db.$client.query('select 1 from matches where demand_id = $1 or achievement_id = $1', [c.id]);
        if (rows.length) r.timedOut++;
        else r.noMatch++;
      }
    }
    // Meilisearch's side of the drains: how long each task waited in the queue and took.
    const { results: tasks } = await search.client.tasks.getTasks({ indexUids: Object.values(INDEX_NAMES).map((n) => search.index(n)), afterEnqueuedAt: phaseStart.toISOString(), limit: 1000 });
    for (const t of tasks) {
      if (!t.startedAt || !t.finishedAt) continue;
      r.tasks.wait.push(Date.parse(t.startedAt) - Date.parse(t.enqueuedAt));
      r.tasks.processing.push(Date.parse(t.finishedAt) - Date.parse(t.startedAt));
      r.tasks.docs.push(t.details?.receivedDocuments ?? t.details?.providedIds ?? 0);
    }
    // The refresh alone, re-run in-process on some of them (nothing new then: no notification, same rows).
    const deps: MatchingDeps = { db, search, log: logger };
    for (const c of timedOnes.slice(0, 30)) {
      const t0 = now();
      await refreshStoredMatches(deps, c.kind, c.id, true);
      r.refreshMs.push(msSince(t0));
    }
    r.matchRows = (await db.$client.query<{ n: number }>('select count(*)::int n from matches')).rows[0]!.n;
    return r;
  };
}

/**
 * Times, while a publish phase runs, the two expensive calls of the refresher's `computeMatches`: the
 * shared search client's `multiSearch` and the pool's responsiveness query (recognised by its text).
 * Benchmark-only wrapping of the very objects the app was given; `stop` puts the originals back.
 */
function instrument(db: Db, search: Search) {
  const multiSearch: number[] = [];
  const responsiveness: number[] = [];
  const client = search.client as unknown as { multiSearch: (...a: unknown[]) => Promise<unknown> };
  const pool = db.$client as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const origSearch = client.multiSearch;
  const origQuery = pool.query;
  client.multiSearch = async (...a: unknown[]) => {
    const t0 = now();
    try {
      return await origSearch.apply(search.client, a);
    } finally {
      multiSearch.push(msSince(t0));
    }
  };
  pool.query = (...a: unknown[]) => {
    const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string } | null)?.text ?? '');
    if (!text.includes('from "org_responsiveness"')) return origQuery.apply(db.$client, a);
    const t0 = now();
    return (origQuery.apply(db.$client, a) as Promise<unknown>).finally(() => responsiveness.push(msSince(t0)));
  };
  return {
    multiSearch,
    responsiveness,
    stop: () => {
      client.multiSearch = origSearch;
      pool.query = origQuery;
    },
  };
}

function printPublish(label: string, p: PublishResult) {
  console.log(`
${label}: ${p.published} publishes at ${RATE}/s; approve request alone p50 ${fmtMs(pct(p.approveMs, 50))} p95 ${fmtMs(pct(p.approveMs, 95))}`);
  console.log(`  stored+notified distribution: ${distribution(p.storedMs)}`);
  console.log(`  approve→indexed distribution: ${distribution(p.indexedMs)}`);
  console.log(`  indexed→stored distribution:  ${distribution(p.afterIndexMs)}`);
  console.log(`  Meilisearch tasks: ${p.tasks.wait.length} (≈ drains), documents per task avg ${(p.tasks.docs.reduce((a, b) => a + b, 0) / Math.max(1, p.tasks.docs.length)).toFixed(1)}; queue wait p50 ${fmtMs(pct(p.tasks.wait, 50))} p95 ${fmtMs(pct(p.tasks.wait, 95))}; processing p50 ${fmtMs(pct(p.tasks.processing, 50))} p95 ${fmtMs(pct(p.tasks.processing, 95))}`);
  console.log(`  during the phase (the refresher's calls): multiSearch n=${p.during.multiSearch.length} p50 ${fmtMs(pct(p.during.multiSearch, 50))} p95 ${fmtMs(pct(p.during.multiSearch, 95))}; responsiveness query n=${p.during.responsiveness.length} p50 ${fmtMs(pct(p.during.responsiveness, 50))} p95 ${fmtMs(pct(p.during.responsiveness, 95))}`);
  console.log(`  refreshStoredMatches alone (re-run in-process on ${p.refreshMs.length} of them): p50 ${fmtMs(pct(p.refreshMs, 50))}, p95 ${fmtMs(pct(p.refreshMs, 95))}`);
  console.log(`  ${p.noMatch} listings got no stored match (none ≥ ${STORE_THRESHOLD}); ${p.timedOut} timed out with matches pending; stored and notified seen apart: ${p.apart}; ${p.matchRows.toLocaleString('en')} rows in matches after`);
}

// ---------------------------------------------------------------- 4. steady state: a full stored-matches table

async function steadyState(db: Db, search: Search, url: string, broker: Session, order: Target[]) {
  // What the refresher leaves behind once every listing was published: up to 20 counterparts per
  // listing. Synthesized in SQL (same-industry pairs, reasons copied from real stored rows so the rows
  // have their real width), about 2/3 from the demands' side and 1/3 from the achievements' side.
  loads.note('(4) fill');
  const tFill = now();
  const perDemand = Math.min(20, Math.max(1, Math.round((STORED * 2) / 3 / N_DEM)));
  const perAch = Math.max(1, Math.round(STORED / 3 / N_ACH));
  await db.$client.query('create table bench_reasons as select row_number() over () as n, reasons, matched_terms from (select reasons, matched_terms from matches limit 500) x');
  const nReasons = (await db.$client.query<{ n: number }>('select count(*)::int n from bench_reasons')).rows[0]!.n;
  if (!nReasons) throw new Error('no stored match to copy reasons from');
  // Each source listing gets `per` counterparts of its industry, picked by a random numbering within the industry.
  const fill = (source: Kind, per: number) =>
    db.$client.query(
      `with src as (select id, industry, owner_org_id, row_number() over (partition by industry order by random()) rn
                      from listings where kind = $1 and status = 'published'),
            dst as (select id, industry, owner_org_id, row_number() over (partition by industry order by random()) rn, count(*) over (partition by industry) cnt
                      from listings where kind = $2 and status = 'published'),
            cnt as (select distinct industry, cnt from dst),
            pick as (select s.id, s.industry, s.owner_org_id, 1 + ((s.rn * ${per} + g) % c.cnt) as rn
                       from src s join cnt c using (industry) cross join generate_series(0, least(${per}, 1000) - 1) g)
       insert into matches (demand_id, achievement_id, score, reasons, matched_terms)
       select ${source === 'demand' ? 'p.id, d.id' : 'd.id, p.id'}, (0.45 + random() * 0.45)::numeric(6,4), r.reasons, r.matched_terms
         from pick p join dst d on d.industry = p.industry and d.rn = p.rn and d.owner_org_id <> p.owner_org_id
         join bench_reasons r on r.n = 1 + (abs(hashtext(p.id::text || d.id::text)) % ${nReasons})
       on conflict do nothing`,
      [source, source === 'demand' ? 'achievement' : 'demand'],
    );
  await fill('demand', perDemand);
  await fill('achievement', perAch);
  // Some of them answered by the owners (the responsiveness factor reads these).
  await db.$client.query(
    `insert into match_feedback (demand_id, achievement_id, user_id, org_id, side, verdict, reason)
     select m.demand_id, m.achievement_id, l.created_by, l.owner_org_id, 'demand', case when random() < 0.7 then 'relevant' else 'not_relevant' end, 'interested'
       from matches m join listings l on l.id = m.demand_id where random() < 0.03`,
  );
  await db.$client.query('analyze matches');
  await db.$client.query('analyze match_feedback');
  // What the 10-minute job does (RESPONSIVENESS_JOB): recount every organization from the whole table.
  const tRecount = now();
  const orgsCounted = await matchRepo.recomputeResponsiveness(db);
  const recountMs = msSince(tRecount);
  console.log(`responsiveness recount (the 10-minute job) over the stored matches: ${fmtMs(recountMs)}, ${orgsCounted} organizations`);
  const { rows } = await db.$client.query<{ n: number }>('select count(*)::int n from matches');
  console.log(`stored matches: ${rows[0]!.n.toLocaleString('en')} rows (${perDemand} per demand, ≤ ${perAch} per achievement) in ${fmtMs(msSince(tFill))}`);

  // The endpoint again, interleaved with the raw search, on 60 demands and 30 achievements of step 2.
  const again = R.some([...order.filter((t) => t.kind === 'demand').slice(0, 60), ...order.filter((t) => t.kind === 'achievement').slice(0, 30)], 90, 90);
  const endpoint: number[] = [];
  const raw: number[] = [];
  const resp: number[] = [];
  for (const t of again.slice(0, 5)) await call(url, broker, 'GET', `/api/${KINDS[t.kind].path}/${t.id}/matches?limit=${LIMIT}`);
  loads.note('(4) start');
  const sb = bar('稳态：匹配接口 / raw 交替', again.length * 2, '次');
  for (const [i, t] of again.entries()) {
    const paths = [
      async () => {
        const t0 = now();
        await call(url, broker, 'GET', `/api/${KINDS[t.kind].path}/${t.id}/matches?limit=${LIMIT}`);
        endpoint.push(msSince(t0));
      },
      async () => {
        const t0 = now();
        await searchCandidates(search, t.queries);
        raw.push(msSince(t0));
      },
    ];
    for (let k = 0; k < 2; k++) await paths[(i + k) % 2]!();
    sb.increment(2);
  }
  sb.stop();
  loads.note('(4) end');
  // The responsiveness read alone, with the owners of each listing's real candidates.
  for (const t of again.slice(0, 30)) {
    const results = await searchCandidates(search, t.queries);
    const orgs = [...new Set(results.flatMap((r) => (r.hits as Doc[]).map((h) => h.ownerOrgId)))];
    const t0 = now();
    await matchRepo.responsiveness(db, orgs);
    resp.push(msSince(t0));
  }
  return { rows: rows[0]!.n, endpoint, raw, resp, recountMs };
}

await runBench(main);
