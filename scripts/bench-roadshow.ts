/**
 * npm run bench:roadshow [-- --n 250,500,1000,2000 --seconds 60 --procs 2 --switches 20 --answers 50 --chat-every 120 --adapters stock,local-first]
 *
 * One roadshow, live, on one server process (this one: the real app with its Socket.IO namespaces).
 * For each N: N viewers connect over WebSocket from `--procs` client processes (API tokens), join the
 * room; then for `--seconds` the host (a socket in this process) switches the agenda item `--switches`
 * times and answers `--answers` questions (asked by viewers at the start) while every viewer chats
 * about once every `--chat-every` seconds (N/120 messages a second for the whole room by default).
 *
 * Measured: delivery latency from the host's emit to each viewer's arrival (`roadshow:state` for
 * switches, `question:updated` for answers; p50/p95/max over all deliveries), the server's CPU over the
 * phase (user+system of this process, % of one core), chat throughput. Baseline in the same run and
 * under the same load: a bare server-side broadcast to the same room (no use case, no database),
 * sent between the switches. Services and database as the other benchmarks (DATA_DIR/bench,
 * database `bench_<timestamp>`), removed at the end.
 *
 * `--adapters`: the Socket.IO adapters to compare, run one after the other for each N (their order alternates
 * from one N to the next, so neither always runs first), with the ratio of each to the first printed at the end:
 * - `stock`: `@socket.io/postgres-adapter` on the app's pool, as server/serve.ts installed it before (every
 *   broadcast awaits its own `pg_notify` before the local delivery);
 * - `local-first`: server/lib/realtime-adapter.ts, what server/serve.ts installs now (also with WORKERS=1);
 * - `memory`: Socket.IO's in-memory adapter (one process only).
 * Also printed: the host's acks (emit → ack: the use case and its database statement), the viewers' chat
 * acks (after the batch that holds the message is stored), the server's event-loop delay and the 1-minute
 * load average of the machine at the start of each phase.
 */
import crypto from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { ServerOptions } from 'socket.io';
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { withCreditCodeCheck } from '../common/creditCode.js';
import { createApp } from '../server/app.js';
import { loadActor, upsertUser } from '../server/components/auth/index.js';
import { insertListing } from '../server/components/listings/index.js';
import { insertOrganization } from '../server/components/organizations/index.js';
import { createRoadshow, transition } from '../server/components/roadshows/index.js';
import { connectDb } from '../server/lib/db.js';
import { createRoomAdapter } from '../server/lib/realtime-adapter.js';
import { logger } from '../server/lib/logger.js';
import { args } from './cli.js';
import { fmtMs, pct, runBench } from './lib/bench.js';
import os from 'node:os';
import { apiTokens, userRoles, users } from '../server/db/schema.js';

const a = args();
const NS = (a.n ?? '250,500,1000,2000').split(',').map(Number);
const SECONDS = Number(a.seconds ?? 60);
const PROCS = Number(a.procs ?? 2);
const SWITCHES = Number(a.switches ?? 20);
const ANSWERS = Number(a.answers ?? 50);
const CHAT_EVERY_S = Number(a['chat-every'] ?? 120);
const ADAPTERS = (a.adapters ?? 'stock,local-first').split(',');
for (const x of ADAPTERS) if (!['stock', 'local-first', 'memory'].includes(x)) throw new Error('--adapters: stock, local-first, memory (comma-separated)');
const ITEMS = 5;
const clock = () => performance.timeOrigin + performance.now();
const sha = (t: string) => crypto.createHash('sha256').update(t).digest('hex');
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lib/roadshow-viewers.ts');

interface Result {
  states: [number, number][];
  answers: [string, number][];
  pings: [number, number][];
  chatAcks: number[];
  counters: Record<string, number>;
}

function worker(): Promise<{ child: ChildProcess; ask: <T>(msg: unknown, reply: string) => Promise<T> }> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<string, (m: unknown) => void>();
  child.on('message', (m: { type: string; message?: string }) => {
    if (m.type === 'error') console.error(`viewer process: ${m.message}`);
    waiting.get(m.type)?.(m);
    waiting.delete(m.type);
  });
  const ask = <T>(msg: unknown, reply: string) =>
    new Promise<T>((resolve) => {
      waiting.set(reply, resolve as (m: unknown) => void);
      if (msg) child.send(msg as object);
    });
  return ask('', 'started').then(() => ({ child, ask }));
}

/** The largest value (spreading 100,000+ latencies into Math.max overflows the stack). */
const maxOf = (v: number[]) => (v.length ? v.reduce((m, x) => (x > m ? x : m), -Infinity) : Number.NaN);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

await runBench(async (bench) => {
  const { db } = await bench.open(30);
  // The app in-process, with its sockets (as server/index.ts wires them), with one of the adapters.
  async function startServer(adapter: string) {
    const errorHandler = (err: Error) => console.error(`adapter: ${err.message}`);
    const adapterPool = adapter === 'local-first' ? connectDb(bench.ctx.dbUrl!, 3).$client : null;
    const rooms = adapterPool ? createRoomAdapter(adapterPool, { errorHandler }) : null;
    const socketOptions: Partial<ServerOptions> = {
      transports: ['websocket'],
      ...(adapter === 'stock' ? { adapter: createAdapter(db.$client, { errorHandler }) } : rooms ? { adapter: rooms.adapter } : {}),
    };
    const built = createApp({ config: { ...bench.config, seedDemo: false, databaseUrl: bench.ctx.dbUrl, meiliUrl: bench.ctx.services!.meiliUrl }, db, search: bench.ctx.search!, sessionSecret: crypto.randomBytes(32).toString('hex'), logger, socketOptions });
    const server = http.createServer(built.app);
    const io = built.attachSockets(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const close = async () => {
      await built.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rooms?.idle();
      await adapterPool?.end();
    };
    bench.ctx.closeApp = close;
    return { io, close, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  // Data: an organizer, a supplier with five published achievements, MAX(N) viewers with API tokens.
  let seq = 0;
  const code = (p: string) => withCreditCodeCheck(`${p}4501RB${String(++seq).padStart(9, '0')}`);
  const gov = await insertOrganization(db, { name: '路演压测主办方', type: 'government', creditCode: code('11'), regionCode: '450103' });
  const uni = await insertOrganization(db, { name: '路演压测大学', type: 'university', creditCode: code('12'), regionCode: '450103' });
  const ent = await insertOrganization(db, { name: '路演压测企业', type: 'enterprise', creditCode: code('91'), regionCode: '450103' });
  const host = await upsertUser(db, { email: 'host@bench.local', password: 'Bench-Passw0rd-2026', name: '主持人', organizationId: gov.id, roles: [{ role: 'admin' }] });
  const supplier = await upsertUser(db, { email: 'supplier@bench.local', password: 'Bench-Passw0rd-2026', name: '成果方', organizationId: uni.id, roles: [{ role: 'supplier' }] });
  const achievements: string[] = [];
  for (let i = 0; i < ITEMS; i++)
    achievements.push(
      (await insertListing(db, { kind: 'achievement', status: 'published', ownerOrgId: uni.id, createdBy: supplier.id, title: `压测成果${i + 1}`, summary: '一项用于压测的成果', industry: 'sugar', cityCode: '450100', contactName: '联系人', trl: 6, publishedAt: new Date() })).id,
    );
  const [hash] = await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, host.id));
  const maxN = Math.max(...NS);
  const tokens: string[] = [];
  for (let i = 0; i < maxN; i += 500) {
    const batch = Array.from({ length: Math.min(500, maxN - i) }, (_, j) => ({ email: `viewer${i + j}@bench.local`, passwordHash: hash!.h, name: `观众${i + j}`, organizationId: ent.id }));
    const ids = await db.insert(users).values(batch).returning({ id: users.id });
    await db.insert(userRoles).values(ids.map((u) => ({ userId: u.id, role: 'enterprise' })));
    const toks = ids.map(() => crypto.randomBytes(24).toString('base64url'));
    await db.insert(apiTokens).values(ids.map((u, j) => ({ userId: u.id, name: 'bench', tokenHash: sha(toks[j]!) })));
    tokens.push(...toks);
  }
  const hostToken = crypto.randomBytes(24).toString('base64url');
  await db.insert(apiTokens).values({ userId: host.id, name: 'bench', tokenHash: sha(hostToken) });
  const hostActor = (await loadActor(db, host.id))!;
  const zone = await db.query.zones.findFirst();
  console.log(`data ready: ${maxN} viewers with tokens, ${ITEMS} agenda items; ${PROCS} client processes; ${SECONDS} s per run; Socket.IO adapters: ${ADAPTERS.join(', ')}`);

  interface Run {
    N: number;
    adapter: string;
    load: number;
    connected: number;
    all: number[];
    ping: number[];
    hostAcks: number[];
    chatAcks: number[];
    loopP99: number;
    cpuPct: number;
    delivered: number;
  }
  const runs: Run[] = [];

  async function phase(N: number, adapter: string): Promise<Run> {
    const { io, url, close } = await startServer(adapter);
    const start = new Date(Date.now() - 60_000);
    const rs = await createRoadshow({ db }, hostActor, {
      title: `压测路演 N=${N}`,
      zoneId: zone!.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
      items: achievements.map((achievementId) => ({ achievementId })),
    });
    await transition({ db }, hostActor, { id: rs.id, action: 'publish' });
    await transition({ db }, hostActor, { id: rs.id, action: 'start' });

    const workers = await Promise.all(Array.from({ length: PROCS }, () => worker()));
    const t0 = clock();
    const share = (i: number) => tokens.slice(Math.floor((i * N) / PROCS), Math.floor(((i + 1) * N) / PROCS));
    const ready = await Promise.all(workers.map((w, i) => w.ask<{ connected: number; failed: number }>({ type: 'connect', url, roadshowId: rs.id, tokens: share(i) }, 'ready')));
    const connected = ready.reduce((s, r) => s + r.connected, 0);
    console.log(`\nN=${N}, adapter ${adapter}: ${connected} viewers connected and joined in ${fmtMs(clock() - t0)} (${ready.reduce((s, r) => s + r.failed, 0)} failed)`);

    const hostSocket: Socket = connect(`${url}/roadshow`, { transports: ['websocket'], auth: { token: hostToken }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      hostSocket.once('connect', () => resolve());
      hostSocket.once('connect_error', reject);
    });
    await hostSocket.emitWithAck('roadshow:join', { roadshowId: rs.id });
    const questionIds: string[] = [];
    hostSocket.on('question:new', (q: { id: string }) => questionIds.push(q.id));

    // Viewers ask (spread over the processes), then chat for the whole phase; the host works.
    const asks = Math.ceil((ANSWERS + 5) / PROCS);
    await Promise.all(workers.map((w) => w.ask({ type: 'load', seconds: SECONDS, chatIntervalMs: CHAT_EVERY_S * 1000, asks }, 'asked')));
    while (questionIds.length < ANSWERS) await sleep(20);
    const load = os.loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const hostAcks: number[] = [];
    const acked = (sent: number) => () => hostAcks.push(clock() - sent);
    const wall0 = clock();
    const switchSent: { item: number; at: number }[] = [];
    const answerSent = new Map<string, number>();
    const pingSent = new Map<number, number>();
    const room = io.of('/roadshow').to(`rs:${rs.id}`);
    const events: { at: number; run: () => void }[] = [];
    for (let k = 0; k < SWITCHES; k++) {
      const item = (k + 1) % ITEMS;
      events.push({ at: ((k + 0.25) * SECONDS * 1000) / SWITCHES, run: () => {
        const at = clock();
        switchSent.push({ item, at });
        hostSocket.emit('roadshow:present', { roadshowId: rs.id, itemIndex: item }, acked(at));
      } });
      events.push({ at: ((k + 0.75) * SECONDS * 1000) / SWITCHES, run: () => {
        pingSent.set(k, clock());
        room.emit('bench:ping' as never, { seq: k } as never);
      } });
    }
    for (let j = 0; j < ANSWERS; j++) {
      const qid = questionIds[j]!;
      events.push({ at: ((j + 0.5) * SECONDS * 1000) / ANSWERS, run: () => {
        const at = clock();
        answerSent.set(qid, at);
        hostSocket.emit('question:answer', { questionId: qid }, acked(at));
      } });
    }
    for (const e of events.sort((x, y) => x.at - y.at)) {
      const wait = e.at - (clock() - wall0);
      if (wait > 0) await sleep(wait);
      e.run();
    }
    await sleep(Math.max(0, SECONDS * 1000 - (clock() - wall0)) + 2000);
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    const wall = clock() - wall0;
    const results = await Promise.all(workers.map((w) => w.ask<Result>({ type: 'collect' }, 'result')));

    const switchLat: number[] = [];
    const answerLat: number[] = [];
    const pingLat: number[] = [];

    for (const r of results) {
      for (const [item, t] of r.states) {
        const sent = [...switchSent].reverse().find((s) => s.item === item && s.at <= t);
        if (sent) switchLat.push(t - sent.at);
      }
      for (const [qid, t] of r.answers) {
        const sent = answerSent.get(qid);
        if (sent !== undefined) answerLat.push(t - sent);
      }
      for (const [k, t] of r.pings) pingLat.push(t - pingSent.get(k)!);
    }
    const expectedSwitch = switchSent.length * connected;
    const all = [...switchLat, ...answerLat];
    const sum = (k: string) => results.reduce((s, r) => s + (r.counters[k] ?? 0), 0);
    const cpuPct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
    const f = (v: number[], p: number) => fmtMs(pct(v, p));
    console.log(`  switches delivered ${switchLat.length}/${expectedSwitch}, answers delivered ${answerLat.length}/${answerSent.size * connected}, pings ${pingLat.length}/${pingSent.size * connected}`);
    console.log(`  host → viewers (switch + answer): p50 ${f(all, 50)}  p95 ${f(all, 95)}  max ${fmtMs(maxOf(all))}`);
    console.log(`    switch: p50 ${f(switchLat, 50)} p95 ${f(switchLat, 95)}; answer: p50 ${f(answerLat, 50)} p95 ${f(answerLat, 95)}`);
    console.log(`  baseline (bare broadcast, same load): p50 ${f(pingLat, 50)}  p95 ${f(pingLat, 95)}  max ${fmtMs(maxOf(pingLat))}`);
    const chatAcks = results.flatMap((r) => r.chatAcks);
    console.log(`  host acks (use case + statement): p50 ${f(hostAcks, 50)} p95 ${f(hostAcks, 95)}; viewers' chat acks (stored): p50 ${f(chatAcks, 50)} p95 ${f(chatAcks, 95)}`);
    console.log(`  server event-loop delay: p50 ${fmtMs(loop.percentile(50) / 1e6)} p99 ${fmtMs(loop.percentile(99) / 1e6)} max ${fmtMs(loop.max / 1e6)}`);
    console.log(`  chat: ${sum('chatSent')} sent (${(sum('chatSent') / SECONDS).toFixed(1)}/s), ${sum('chatRefused')} refused, ${sum('chatReceived')} deliveries (${Math.round(sum('chatReceived') / SECONDS)}/s); server CPU ${cpuPct.toFixed(0)} % of one core; disconnects ${sum('disconnects')}`);
    console.log(`  load average (1 min) at the start of the phase: ${load.toFixed(1)}`);
    const delivered = (switchLat.length + answerLat.length) / Math.max(1, expectedSwitch + answerSent.size * connected);

    hostSocket.disconnect();
    await Promise.all(workers.map(async (w) => {
      w.child.send({ type: 'close' });
      await new Promise((resolve) => w.child.once('exit', resolve));
    }));
    await transition({ db }, hostActor, { id: rs.id, action: 'end' });
    await close();
    return { N, adapter, load, connected, all, ping: pingLat, hostAcks, chatAcks, loopP99: loop.percentile(99) / 1e6, cpuPct, delivered };
  }

  for (const [i, N] of NS.entries()) {
    // The order alternates from one N to the next, so that neither adapter always meets the machine first.
    for (const adapter of i % 2 ? [...ADAPTERS].reverse() : ADAPTERS) runs.push(await phase(N, adapter));
  }

  const f = (v: number[], p: number) => fmtMs(pct(v, p));
  console.log('\n| viewers | adapter | load | p50 | p95 | max | delivered | baseline p50 | baseline p95 | host ack p50 / p95 | chat ack p50 / p95 | event-loop p99 | server CPU | p95 ≤ 200 ms |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|');
  for (const r of runs)
    console.log(row([r.N, r.adapter, r.load.toFixed(1), f(r.all, 50), f(r.all, 95), fmtMs(maxOf(r.all)), `${(r.delivered * 100).toFixed(r.delivered < 1 ? 1 : 0)} %`, f(r.ping, 50), f(r.ping, 95), `${f(r.hostAcks, 50)} / ${f(r.hostAcks, 95)}`, `${f(r.chatAcks, 50)} / ${f(r.chatAcks, 95)}`, fmtMs(r.loopP99), `${r.cpuPct.toFixed(0)} %`, pct(r.all, 95) <= 200 ? 'yes' : 'no']));
  if (ADAPTERS.length > 1) {
    const [first, ...others] = ADAPTERS;
    console.log(`\nRatios to \`${first}\` in the same run (below 1: faster):`);
    console.log('\n| viewers | adapter | p50 | p95 | max | baseline p95 |');
    console.log('|---:|---|---:|---:|---:|---:|');
    for (const N of NS) {
      const base = runs.find((r) => r.N === N && r.adapter === first)!;
      for (const o of others) {
        const r = runs.find((x) => x.N === N && x.adapter === o)!;
        const q = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
        console.log(row([N, `${o} ÷ ${first}`, q(pct(r.all, 50), pct(base.all, 50)), q(pct(r.all, 95), pct(base.all, 95)), q(maxOf(r.all), maxOf(base.all)), q(pct(r.ping, 95), pct(base.ping, 95))]));
      }
    }
  }
});
process.exit(0);
