/**
 * npm run bench:search — the search benchmark of issue 3, in one run on its own data:
 *
 *   (a) `reindex` (PostgreSQL → new index → swap) of 100,000 listings vs a raw `addDocuments` of the
 *       same documents in the same batch size into a fresh index with the same settings;
 *   (b) publish → searchable latency at 10 publishes/s through the real API (approve → document
 *       retrievable from Meilisearch) vs a raw single-document `addDocuments` → retrievable at 10/s;
 *   (c) catalogue query latency through `GET /api/achievements|demands` vs the raw Meilisearch search
 *       with exactly the parameters `searchCatalogue` builds.
 *
 * Services run under DATA_DIR/bench (embedded unless DATABASE_URL / MEILI_URL are set); the run creates
 * a fresh database `bench_<timestamp>` and index prefix `bench<timestamp>_`, and removes both at the end
 * (also on Ctrl-C). Options: --listings N (default 100000), --seconds S for (b) (default 30),
 * --rounds R for (c) (default 16 rounds × 22 shapes = 352 requests per path).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { sql } from 'drizzle-orm';
import type { SearchParams } from 'meilisearch';
import { catalogueQuerySchema, type CatalogueQuery } from '../common/schemas/listings.js';
import { upsertUser } from '../server/components/auth/index.js';
import { INDEX_NAMES, KINDS, catalogueFilter, catalogueParams, catalogueSort, indexSettings, industryParents, publishedPage, orgNames, reindex, toDocument, type Kind } from '../server/components/listings/index.js';
import type { Db } from '../server/lib/db.js';
import { waitTask, type Search } from '../server/lib/search.js';
import { args } from './cli.js';
import {
  PASSWORD,
  atRate,
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
  type Bench,
  summary,
} from './lib/bench.js';
import { listings } from '../server/db/schema.js';

// ---------------------------------------------------------------- options, helpers

const opt = args();
const TOTAL = Number(opt.listings ?? 100_000);
const PUBLISH_SECONDS = Number(opt.seconds ?? 30);
const QUERY_ROUNDS = Number(opt.rounds ?? 16);
const PUBLISH_INTERVAL_MS = 100; // 10 publishes/s
const POLL_MS = 20; // getDocument poll interval while waiting for a document to become visible
const INSERT_BATCH = 1000;
const DOC_BATCH = 5000; // the page size reindex uses (listings.maintenance.ts documents())

const loads = loadTracker();
const noteLoad = loads.note;
const R = rng(20260301);
const { generateFields, generateRow } = listingGenerator(R, demoTemplates());

// ---------------------------------------------------------------- (a) reindex vs raw addDocuments

/** The documents reindex would send, built the same way (toDocument) in the same pages, outside any timing. */
async function buildDocuments(db: Db, kind: Kind, total: number) {
  const parentOf = await industryParents(db);
  const batches: ReturnType<typeof toDocument>[][] = [];
  const b = bar(`构建文档 ${KINDS[kind].noun}`, total);
  let after: string | null = null;
  for (;;) {
    const rows = await publishedPage(db, kind, after, DOC_BATCH);
    if (!rows.length) break;
    const names = await orgNames(db, rows.map((r) => r.ownerOrgId));
    batches.push(rows.map((r) => toDocument(r, parentOf, names.get(r.ownerOrgId)?.name ?? '')));
    after = rows[rows.length - 1]!.id;
    b.increment(rows.length);
  }
  b.stop();
  return batches;
}

/** Raw baseline: fresh index, same settings, same batches, all tasks awaited. Returns ms. */
async function rawIndex(search: Search, kind: Kind, batches: ReturnType<typeof toDocument>[][]): Promise<number> {
  const uid = search.index(INDEX_NAMES[kind]);
  const total = batches.reduce((n, b) => n + b.length, 0);
  const b = bar(`raw addDocuments ${KINDS[kind].noun}（已完成任务的文档）`, total);
  const t0 = now();
  await waitTask(search.client, search.client.createIndex(uid, { primaryKey: 'id' }), { timeout: 60_000 });
  await waitTask(search.client, search.client.index(uid).updateSettings(indexSettings(kind)), { timeout: 60_000 });
  // One upload at a time (as a typical client, and as reindex does as it reads pages); indexing runs meanwhile.
  const enqueued = [];
  for (const docs of batches) enqueued.push({ n: docs.length, task: await search.client.index(uid).addDocuments(docs, { primaryKey: 'id' }) });
  for (const e of enqueued) {
    const task = await waitTask(search.client, e.task, { timeout: 900_000, interval: 100 });
    if (task.status === 'failed') throw new Error(`raw indexing of ${kind} failed: ${task.error?.message}`);
    b.increment(e.n);
  }
  const ms = msSince(t0);
  b.stop();
  return ms;
}

// ---------------------------------------------------------------- (b) publish → searchable

/** Polls getDocument until the document is there; returns ms since `t0`, or throws after `timeoutMs`. */
async function untilVisible(search: Search, uid: string, id: string, t0: bigint, timeoutMs: number): Promise<number> {
  const index = search.client.index(uid);
  for (;;) {
    try {
      await index.getDocument(id, { fields: ['id'] });
      return msSince(t0);
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== 'document_not_found') throw err;
    }
    if (msSince(t0) > timeoutMs) throw new Error(`document ${id} not visible after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}


// ---------------------------------------------------------------- (c) catalogue query shapes

// The parameters searchCatalogue sends (its text-less path: the bench measures filters, facets and sort).
const catalogueQueryParams = (kind: Kind, q: CatalogueQuery): SearchParams => ({ ...catalogueParams(kind, q, catalogueFilter(kind, q)), sort: catalogueSort(kind, q, !!q.q) });

const SHAPES: { kind: Kind; qs: Record<string, string> }[] = [
  { kind: 'achievement', qs: { q: '甘蔗收获' } },
  { kind: 'achievement', qs: { q: '铝合金' } },
  { kind: 'achievement', qs: { q: '中药材 提取' } },
  { kind: 'achievement', qs: { q: '芒果 保鲜' } },
  { kind: 'achievement', qs: { q: 'sugarcane harvester' } },
  { kind: 'achievement', qs: { q: 'aluminum alloy', sort: 'newest' } },
  { kind: 'achievement', qs: { q: '甘蔗收获', city: '451400' } },
  { kind: 'achievement', qs: { q: '铝合金', industry: 'aluminum', maturityMin: '6' } },
  { kind: 'achievement', qs: { q: '中药材 提取', priceMax: '1000000', sort: 'price_asc' } },
  { kind: 'achievement', qs: { q: '储能', city: '450100', sort: 'newest' } },
  { kind: 'achievement', qs: { city: '450200' } },
  { kind: 'achievement', qs: { industry: 'fruit', maturityMin: '5', sort: 'price_desc' } },
  { kind: 'achievement', qs: { sort: 'newest' } },
  { kind: 'achievement', qs: { q: '螺蛳粉' } },
  { kind: 'achievement', qs: { q: '无人机 植保', mode: 'service' } },
  { kind: 'achievement', qs: { q: 'machine vision', city: '450100' } },
  { kind: 'achievement', qs: { q: '桉树 人造板', page: '3' } },
  { kind: 'achievement', qs: { q: '新能源汽车 轻量化', maturityMin: '7', priceMax: '5000000' } },
  { kind: 'demand', qs: { q: '铝合金 焊接' } },
  { kind: 'demand', qs: { q: '智能制造', city: '450200' } },
  { kind: 'demand', qs: { industry: 'sugar', sort: 'newest' } },
  { kind: 'demand', qs: { q: '污水 处理', priceMax: '2000000' } },
];

// ---------------------------------------------------------------- the run

async function main(bench: Bench) {
  const results: Record<string, number> = {};
  const notes: string[] = [];
  console.log(`桂技通 search benchmark — ${TOTAL.toLocaleString('en')} listings; database ${bench.ctx.dbName}, index prefix ${bench.prefix}`);
  const { db, search, platformOrgId, meiliVersion } = await bench.open(20);

  // 1. Data
  const world = await createWorld(db);
  const nAch = Math.round(TOTAL * 0.8);
  const kinds: Kind[] = Array.from({ length: TOTAL }, (_, i) => (i < nAch ? 'achievement' : 'demand'));
  const tGen = now();
  const gb = bar('生成并写入 PostgreSQL', TOTAL);
  for (let i = 0; i < TOTAL; i += INSERT_BATCH) {
    const rows = kinds.slice(i, i + INSERT_BATCH).map((k) => generateRow(world, k));
    await db.insert(listings).values(rows);
    gb.increment(rows.length);
  }
  gb.stop();
  await db.execute(sql`analyze listings`);
  console.log(`generated ${TOTAL.toLocaleString('en')} published listings (${nAch} achievements, ${TOTAL - nAch} demands) in ${fmtMs(msSince(tGen))}`);

  // 2. (a) raw addDocuments baseline, then reindex over the populated index (as in production)
  const docs: Record<Kind, ReturnType<typeof toDocument>[][]> = {
    achievement: await buildDocuments(db, 'achievement', nAch),
    demand: await buildDocuments(db, 'demand', TOTAL - nAch),
  };
  const docBytes = Buffer.byteLength(JSON.stringify(docs.achievement[0]?.slice(0, 500) ?? []));
  console.log(`average achievement document: ${Math.round(docBytes / 500)} bytes of JSON`);
  noteLoad('(a) start');
  let rawMs = 0;
  for (const kind of ['achievement', 'demand'] as const) {
    const ms = await rawIndex(search, kind, docs[kind]);
    console.log(`  raw ${kind}: ${fmtMs(ms)}`);
    rawMs += ms;
  }
  results.rawMs = rawMs;
  // Keep a few documents for the (b) baseline; let the rest go.
  const sampleDocs = docs.achievement.flat().filter((_, i) => i % 97 === 0).slice(0, 600);
  docs.achievement = [];
  docs.demand = [];

  const bars = new cliProgress.MultiBar({ format: ' reindex {kind} |{bar}| {value}/{total} 条已发送 ({percentage}%) {duration_formatted}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
  const byKind = new Map<string, cliProgress.SingleBar>();
  const tRe = now();
  const counts = await reindex(db, search, (kind, done, total) => {
    let b = byKind.get(kind);
    if (!b) {
      b = bars.create(Math.max(total, 1), 0, { kind: KINDS[kind].noun });
      byKind.set(kind, b);
    }
    b.update(done);
  });
  results.reindexMs = msSince(tRe);
  noteLoad('(a) end');
  bars.stop();
  console.log(`  reindex: ${fmtMs(results.reindexMs)} (${counts.achievement} achievements, ${counts.demand} demands); raw ${fmtMs(rawMs)}; ratio ${ratio(results.reindexMs, rawMs)}`);

  // 3. (b) publish → searchable at 10/s through the real app
  const { url, sync } = await startApp(bench, db, search);
  const supplierOrg = world.orgByKey.get('gxu') ?? world.orgs.find((o) => o.type === 'university')!;
  await upsertUser(db, { email: 'bench-supplier@bench.example.cn', password: PASSWORD, name: '压测成果方', organizationId: supplierOrg.id, roles: [{ role: 'supplier' }] });
  await upsertUser(db, { email: 'bench-reviewer@bench.example.cn', password: PASSWORD, name: '压测审核员', organizationId: platformOrgId, roles: [{ role: 'reviewer' }] });
  const supplier = await login(url, 'bench-supplier@bench.example.cn');
  const reviewer = await login(url, 'bench-reviewer@bench.example.cn');
  const achUid = search.index(INDEX_NAMES.achievement);

  const approveMs: number[] = [];
  const publishOnce = async (record: boolean) => {
    const { fields } = generateFields(world, 'achievement');
    const created = await call<{ id: string }>(url, supplier, 'POST', '/api/achievements', fields);
    await call(url, supplier, 'POST', `/api/achievements/${created.id}/submit`);
    const t0 = now();
    await call(url, reviewer, 'POST', `/api/reviews/achievement/${created.id}`, { decision: 'approve' });
    if (record) approveMs.push(msSince(t0));
    return untilVisible(search, achUid, created.id, t0, 120_000);
  };
  console.log('warming up the publish path (first drain applies the index settings)…');
  for (let i = 0; i < 5; i++) await publishOnce(false);
  await sync.idle();

  // Baseline: the Meilisearch floor — one document added straight to the same index, then polled the same way.
  const baseIds: string[] = [];
  const base = await atRate(PUBLISH_SECONDS, PUBLISH_INTERVAL_MS, 'baseline addDocuments→可检索', async (i) => {
    const doc = { ...sampleDocs[i % sampleDocs.length]!, id: crypto.randomUUID() };
    baseIds.push(doc.id);
    const t0 = now();
    await search.client.index(achUid).addDocuments([doc], { primaryKey: 'id' });
    return untilVisible(search, achUid, doc.id, t0, 120_000);
  });
  await waitTask(search.client, search.client.index(achUid).deleteDocuments(baseIds), { timeout: 120_000 });
  const baseLat = base.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

  noteLoad('(b) start');
  const pub = await atRate(PUBLISH_SECONDS, PUBLISH_INTERVAL_MS, '发布→可检索 (10/s)', () => publishOnce(true));
  await sync.idle();
  noteLoad('(b) end');
  const pubLat = pub.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const pubFailed = pub.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  if (pubFailed.length) {
    notes.push(`${pubFailed.length} publishes failed, e.g. ${String(pubFailed[0]!.reason)}`);
    console.error(`publish failures: ${pubFailed.length}; first: ${String(pubFailed[0]!.reason)}`);
  }
  const baseFailed = base.length - baseLat.length;
  if (baseFailed) notes.push(`${baseFailed} baseline additions failed`);
  const pubS = summary(pubLat);
  const baseS = summary(baseLat);
  const apprS = summary(approveMs);
  console.log(`  publish→searchable: n=${pubS.n} p50 ${fmtMs(pubS.p50)} p95 ${fmtMs(pubS.p95)} max ${fmtMs(pubS.max)} (approve request alone p50 ${fmtMs(apprS.p50)} p95 ${fmtMs(apprS.p95)})`);
  const dist = distribution;
  console.log(`  publish distribution: ${dist(pubLat)}`);
  console.log(`  baseline distribution: ${dist(baseLat)}`);
  console.log(`  baseline addDocuments→retrievable: n=${baseS.n} p50 ${fmtMs(baseS.p50)} p95 ${fmtMs(baseS.p95)} max ${fmtMs(baseS.max)}`);

  // 4. (c) catalogue queries: API vs raw search with the same parameters, interleaved
  const shapes = SHAPES.map((s) => {
    const qs = new URLSearchParams(s.qs).toString();
    const query = catalogueQuerySchema.parse(s.qs);
    return { ...s, qsText: qs, query, params: catalogueQueryParams(s.kind, query), uid: search.index(INDEX_NAMES[s.kind]) };
  });
  const apiOnce = async (s: (typeof shapes)[number]) => {
    const res = await fetch(`${url}/api/${KINDS[s.kind].path}?${s.qsText}`);
    if (res.status !== 200) throw new Error(`GET ${s.qsText} → ${res.status} ${await res.text()}`);
    return (await res.json()) as { total: number };
  };
  const rawOnce = (s: (typeof shapes)[number]) => search.client.index(s.uid).search(s.query.q ?? '', s.params);
  const totals: { api: number; raw: number }[] = [];
  for (const s of shapes) {
    const [a, r] = [await apiOnce(s), await rawOnce(s)];
    totals.push({ api: a.total, raw: (r as { totalHits?: number }).totalHits ?? -1 });
    for (let i = 0; i < 4; i++) {
      await apiOnce(s);
      await rawOnce(s);
    }
  }
  // A third, informational path: the same request body over node:http with a keep-alive agent (the transport floor).
  const meili = new URL(bench.ctx.services!.meiliUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const nodeHttpOnce = (s: (typeof shapes)[number]) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ q: s.query.q ?? '', ...s.params });
      const req = http.request(
        { host: meili.hostname, port: meili.port, path: `/indexes/${s.uid}/search`, method: 'POST', agent, headers: { authorization: `Bearer ${bench.ctx.services!.meiliKey ?? ''}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`node:http search → ${res.statusCode}`));
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  for (const s of shapes) for (let i = 0; i < 3; i++) await nodeHttpOnce(s);
  const apiMs: number[][] = shapes.map(() => []);
  const rawMsQ: number[][] = shapes.map(() => []);
  const nodeMs: number[][] = shapes.map(() => []);
  noteLoad('(c) start');
  const qb = bar('目录查询 API/raw 交替', QUERY_ROUNDS * shapes.length * 3, '次');
  for (let round = 0; round < QUERY_ROUNDS; round++) {
    const order = R.some(shapes.map((_, i) => i), shapes.length, shapes.length);
    for (const [j, i] of order.entries()) {
      const s = shapes[i]!;
      const timed = (fn: () => Promise<unknown>, into: number[]) => async () => {
        const t0 = now();
        await fn();
        into.push(msSince(t0));
      };
      const paths = [timed(() => apiOnce(s), apiMs[i]!), timed(() => rawOnce(s), rawMsQ[i]!), timed(() => nodeHttpOnce(s), nodeMs[i]!)];
      // Rotate which path goes first so none is always measured on a cold or warm connection.
      for (let k = 0; k < paths.length; k++) await paths[(round + j + k) % paths.length]!();
      qb.increment(3);
    }
  }
  qb.stop();
  noteLoad('(c) end');
  agent.destroy();
  const apiS = summary(apiMs.flat());
  const rawS = summary(rawMsQ.flat());
  const nodeS = summary(nodeMs.flat());

  // 5. Report
  console.log('\nPer query shape (p50 / p95; total hits API = raw):');
  console.log('| kind | query | hits | API p50 | API p95 | raw p50 | raw p95 | node:http p50 |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  shapes.forEach((s, i) => {
    const tt = totals[i]!;
    const qText = decodeURIComponent(s.qsText.replace(/\+/g, ' '));
    console.log(`| ${s.kind} | \`${qText}\` | ${tt.api}${tt.api === tt.raw ? '' : ` (raw ${tt.raw}!)`} | ${fmtMs(pct(apiMs[i]!, 50))} | ${fmtMs(pct(apiMs[i]!, 95))} | ${fmtMs(pct(rawMsQ[i]!, 50))} | ${fmtMs(pct(rawMsQ[i]!, 95))} | ${fmtMs(pct(nodeMs[i]!, 50))} |`);
  });
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  const reRatio = results.reindexMs / rawMs;
  const qRatio = apiS.p95 / rawS.p95;
  console.log(`\nSearch benchmark — ${TOTAL.toLocaleString('en')} listings (${nAch.toLocaleString('en')} achievements + ${(TOTAL - nAch).toLocaleString('en')} demands), Meilisearch ${meiliVersion}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('| Figure | 桂技通 | Baseline | Ratio | Target |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(`| (a) full rebuild, ${TOTAL.toLocaleString('en')} docs | reindex ${fmtMs(results.reindexMs)} | raw addDocuments ${fmtMs(rawMs)} | ${ratio(results.reindexMs, rawMs)} | ≤ 1.3× — ${mark(reRatio <= 1.3)} |`);
  console.log(`| (b) publish → searchable p50 (n=${pubS.n}) | ${fmtMs(pubS.p50)} | ${fmtMs(baseS.p50)} | ${ratio(pubS.p50, baseS.p50)} | |`);
  console.log(`| (b) publish → searchable p95 | ${fmtMs(pubS.p95)} | ${fmtMs(baseS.p95)} | ${ratio(pubS.p95, baseS.p95)} | ≤ 1 s — ${mark(pubS.p95 <= 1000)} |`);
  console.log(`| (b) publish → searchable max | ${fmtMs(pubS.max)} | ${fmtMs(baseS.max)} | ${ratio(pubS.max, baseS.max)} | |`);
  console.log(`| (c) catalogue query p50 (n=${apiS.n} each) | API ${fmtMs(apiS.p50)} | raw search ${fmtMs(rawS.p50)} | ${ratio(apiS.p50, rawS.p50)} | |`);
  console.log(`| (c) catalogue query p95 | API ${fmtMs(apiS.p95)} | raw search ${fmtMs(rawS.p95)} | ${ratio(apiS.p95, rawS.p95)} | ≤ 2× — ${mark(qRatio <= 2)} |`);
  console.log(`| (c) info: same search over node:http keep-alive | | ${fmtMs(nodeS.p50)} / ${fmtMs(nodeS.p95)} (p50 / p95) | | |`);
  console.log(`\n(b) approve request alone: p50 ${fmtMs(apprS.p50)}, p95 ${fmtMs(apprS.p95)}; baseline = one document added straight to the same index at 10/s, polled the same way (every ${POLL_MS} ms).`);
  console.log(`1-minute load average (${os.cpus().length} cores): ${loads.list().join(', ')}`);
  for (const n of notes) console.log(`note: ${n}`);
}

await runBench(main);
