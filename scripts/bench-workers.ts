/**
 * npm run bench:workers [-- --seconds 15 --concurrency 16 --sockets 2000 --rounds 5]
 *
 * The real server as a process tree (embedded services, demo data) on its own DATA_DIR (DATA_DIR/bench-workers/<id>,
 * removed at the end). A first start seeds the demo data and waits until it is indexed and matched; then the server
 * runs with WORKERS=1 and with WORKERS=2 on that data; for each:
 *  - catalogue search: GET /api/achievements?q=… from `concurrency` keep-alive connections for `seconds`:
 *    throughput and latency (the same queries, the same concurrency, for both);
 *  - /notifications fan-out: `sockets` WebSocket connections of one logged-in user (spread over the workers by
 *    node:cluster), then `rounds` review approvals that each notify that user: the time from sending the
 *    approval to each socket's `notification:new` (with 2 workers, half of them cross the PostgreSQL adapter).
 * Prints 2-worker ÷ 1-worker ratios. The load generator runs on the same 2 cores as the server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../server/config.js';
import { DEMO_PASSWORD } from '../seed/demo.js';
import { args } from './cli.js';
import { fmtMs, pct, ratio } from './lib/bench.js';
import { spawnServer, until, type SpawnedServer } from './lib/processes.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig();
const a = args();
const SECONDS = Number(a.seconds ?? 15);
const CONCURRENCY = Number(a.concurrency ?? 16);
const SOCKETS = Number(a.sockets ?? 2000);
const ROUNDS = Number(a.rounds ?? 5);
const QUERIES = ['甘蔗', '收获机', '智能', '检测', '新能源', '茶叶', '桑蚕', '芒果', '铝合金', '中药', 'sugarcane', '物联网', '生物', '装备', '养殖', '材料'];

/** A valid achievement (the fields of the create form), one per fan-out round. */
const achievementBody = (round: number) => ({
  title: `多进程推送测试成果 第${round + 1}轮 ${Date.now().toString(36)}`,
  summary: '适用于丘陵山地的中型甘蔗联合收获机，切段式收获，含杂率低于 7%。',
  detail: '整机功率 190 kW，作业效率每小时 0.3–0.5 公顷，适应行距 1.2–1.4 m，已在崇左、来宾示范应用三个榨季。',
  keywords: ['甘蔗', '收获机', '农机'],
  industry: 'sugar',
  technicalField: '农业机械',
  trl: 7,
  transferModes: ['transfer', 'license'],
  ipItems: [],
  price: 1200000,
  cityCode: '451400',
  source: 'fiscal_program',
  contactName: '覃工',
  contactPhone: '0771-1234567',
  attachments: [],
});

const dir = path.join(config.dataDir, 'bench-workers', `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`);

interface Result {
  workers: number;
  search: { rps: number; p50: number; p95: number; errors: number; codes: Record<string, number> };
  fanout: { sockets: Record<string, number>; p50: number; p95: number; max: number; missed: number; connectMs: number };
}

async function searchLoad(server: SpawnedServer): Promise<Result['search']> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const get = (q: string) =>
    new Promise<number>((resolve) => {
      const req = http.get(`${server.url}/api/achievements?q=${encodeURIComponent(q)}&pageSize=20`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.setTimeout(30_000, () => req.destroy());
    });
  const run = async (ms: number, record: boolean) => {
    const lat: number[] = [];
    let errors = 0;
    const codes: Record<string, number> = {};
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, c) => {
        for (let i = c; Date.now() < until; i++) {
          const t = performance.now();
          const status = await get(QUERIES[i % QUERIES.length]!);
          if (status !== 200) {
            errors++;
            codes[status] = (codes[status] ?? 0) + 1;
          } else if (record) lat.push(performance.now() - t);
        }
      }),
    );
    return { lat, errors, codes };
  };
  await run(3000, false); // warm-up: connections opened, JIT, Meilisearch caches
  const { lat, errors, codes } = await run(SECONDS * 1000, true);
  agent.destroy();
  return { rps: lat.length / SECONDS, p50: pct(lat, 50), p95: pct(lat, 95), errors, codes };
}

async function login(server: SpawnedServer, email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function call(server: SpawnedServer, cookie: string, method: string, p: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${server.url}${p}`, { method, headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function fanout(server: SpawnedServer): Promise<Result['fanout']> {
  const supplier = await login(server, 'supplier@demo.gjt.cn');
  const reviewer = await login(server, 'reviewer@demo.gjt.cn');
  const sockets: Socket[] = [];
  const byWorker: Record<string, number> = {};
  const started = Date.now();
  try {
    for (let i = 0; i < SOCKETS; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, SOCKETS - i) }, () =>
          new Promise<Socket>((resolve, reject) => {
            const s = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: { cookie: supplier, origin: server.url }, reconnection: false, forceNew: true });
            s.once('connect', () => resolve(s));
            s.once('connect_error', reject);
          }),
        ),
      );
      sockets.push(...batch);
    }
    const connectMs = Date.now() - started;
    for (const s of sockets) {
      const w = /^w(\d+)-.{20}$/.exec(s.io.engine.id)?.[1] ?? 'single';
      byWorker[w] = (byWorker[w] ?? 0) + 1;
    }
    const lat: number[] = [];
    let missed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const created = await call(server, supplier, 'POST', '/api/achievements', achievementBody(r));
      await call(server, supplier, 'POST', `/api/achievements/${created.id}/submit`);
      const link = `/achievements/${created.id}`;
      let got = 0;
      let t0 = 0;
      const all = new Promise<void>((resolve) => {
        for (const s of sockets) {
          const on = (n: { link: string | null }) => {
            if (n.link !== link) return;
            s.off('notification:new', on);
            lat.push(performance.now() - t0);
            if (++got === sockets.length) resolve();
          };
          s.on('notification:new', on);
        }
      });
      t0 = performance.now();
      await call(server, reviewer, 'POST', `/api/reviews/achievement/${created.id}`, { decision: 'approve' });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 30_000).unref());
      await Promise.race([all, timeout]);
      missed += sockets.length - got;
      for (const s of sockets) s.removeAllListeners('notification:new');
    }
    return { sockets: byWorker, p50: pct(lat, 50), p95: pct(lat, 95), max: Math.max(...lat), missed, connectMs };
  } finally {
    for (const s of sockets) s.disconnect();
  }
}

const results: Result[] = [];
const loads: string[] = [];
let server: SpawnedServer | null = null;
const stop = async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));
try {
  console.log(`bench:workers — ${SECONDS} s of search at concurrency ${CONCURRENCY}, ${SOCKETS} sockets × ${ROUNDS} notifications; ${os.cpus().length} cores; data in ${dir}`);
  // The demo data, indexed and matched, before either measurement: a first start seeds 200 listings, and their
  // indexing and match computation would otherwise load the machine during the first phase only.
  {
    const t = Date.now();
    server = await spawnServer(dir, { WORKERS: '1', SEED_DEMO: 'true', LOG_LEVEL: 'warn' });
    const s = server;
    const indexed = async () => {
      const outbox = (await s.sql<{ n: number }>('select count(*)::int as n from search_outbox'))[0]!.n;
      const published = (await s.sql<{ n: number }>(`select count(*)::int as n from listings where kind = 'achievement' and status = 'published'`))[0]!.n;
      const res = await fetch(`${s.url}/api/achievements?pageSize=1`);
      const total = res.ok ? ((await res.json()) as { total: number }).total : -1;
      return outbox === 0 && total === published;
    };
    await until(indexed, 300_000, 'the demo data to be indexed');
    // Stored matches are computed after indexing, in the background: wait until their count stops moving.
    let last = -1;
    await until(async () => {
      const n = (await s.sql<{ n: number }>('select count(*)::int as n from matches'))[0]!.n;
      const stable = n === last;
      last = n;
      if (!stable) await new Promise((r) => setTimeout(r, 3000));
      return stable;
    }, 600_000, 'the stored matches');
    console.log(`\nDemo data seeded, indexed and matched in ${((Date.now() - t) / 1000).toFixed(1)} s (${last} stored matches)`);
    await server.stop();
    server = null;
  }
  for (const workers of [1, 2]) {
    const t = Date.now();
    server = await spawnServer(dir, { WORKERS: String(workers), LOG_LEVEL: 'warn' });
    console.log(`\nWORKERS=${workers}: ready in ${((Date.now() - t) / 1000).toFixed(1)} s (load ${os.loadavg()[0]!.toFixed(1)})`);
    const search = await searchLoad(server);
    console.log(`  search: ${search.rps.toFixed(0)} req/s, p50 ${fmtMs(search.p50)}, p95 ${fmtMs(search.p95)}, errors ${search.errors}${search.errors ? ` ${JSON.stringify(search.codes)}` : ''}`);
    const fan = await fanout(server);
    console.log(`  fan-out: ${SOCKETS} sockets (${Object.entries(fan.sockets).map(([w, n]) => `${w === 'single' ? 'one process' : `worker ${w}`}: ${n}`).join(', ')}; connected in ${fmtMs(fan.connectMs)}), delivery p50 ${fmtMs(fan.p50)}, p95 ${fmtMs(fan.p95)}, max ${fmtMs(fan.max)}, missed ${fan.missed}`);
    loads.push(`WORKERS=${workers} ${os.loadavg()[0]!.toFixed(1)}`);
    results.push({ workers, search, fanout: fan });
    await server.stop();
    server = null;
  }
  const [one, two] = results as [Result, Result];
  console.log('\n| figure | WORKERS=1 | WORKERS=2 | 2 ÷ 1 |');
  console.log('|---|---|---|---|');
  console.log(`| search throughput (req/s, concurrency ${CONCURRENCY}) | ${one.search.rps.toFixed(0)} | ${two.search.rps.toFixed(0)} | **${ratio(two.search.rps, one.search.rps)}** |`);
  console.log(`| search p50 | ${fmtMs(one.search.p50)} | ${fmtMs(two.search.p50)} | ${ratio(two.search.p50, one.search.p50)} |`);
  console.log(`| search p95 | ${fmtMs(one.search.p95)} | ${fmtMs(two.search.p95)} | **${ratio(two.search.p95, one.search.p95)}** |`);
  console.log(`| fan-out to ${SOCKETS} sockets: delivery p50 | ${fmtMs(one.fanout.p50)} | ${fmtMs(two.fanout.p50)} | ${ratio(two.fanout.p50, one.fanout.p50)} |`);
  console.log(`| fan-out delivery p95 | ${fmtMs(one.fanout.p95)} | ${fmtMs(two.fanout.p95)} | **${ratio(two.fanout.p95, one.fanout.p95)}** |`);
  console.log(`| fan-out delivery max | ${fmtMs(one.fanout.max)} | ${fmtMs(two.fanout.max)} | |`);
  console.log(`\n1-minute load averages after each phase: ${loads.join(', ')}; sockets missed: ${one.fanout.missed} / ${two.fanout.missed}; search errors: ${one.search.errors} / ${two.search.errors}`);
} finally {
  await stop();
}
