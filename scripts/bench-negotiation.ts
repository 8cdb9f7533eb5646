/**
 * npm run bench:negotiation — the negotiation room under load (issue 8), in one run on its own data:
 *
 *   100 deals (each between its own enterprise and one of 20 suppliers, room open), two participants
 *   per deal each on their own Socket.IO connection (WebSocket, session cookie), an aggregate 200
 *   messages/s for 30 s spread over the rooms, alternating sides. For every message: the ack time
 *   (emit → `{ ok, seq }`, which the server sends only after the row committed) and the delivery time
 *   (emit → `message:new` at the other participant). Lost = a message without ack, without delivery,
 *   or missing from the database; the stored seq of every deal is checked gap-free.
 *
 *   Baseline, measured in the same run on the same server and connections' setup: the same traffic on a
 *   namespace that acks and broadcasts without touching the database (Socket.IO alone).
 *
 * Services and database as the other benchmarks (scripts/lib/bench.ts): DATA_DIR/bench, database
 * `bench_<timestamp>`, removed at the end. Options: --deals N (100) --rate R (200 messages/s) --seconds S (30).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp } from '../server/app.js';
import { loadActor, upsertUser } from '../server/components/auth/index.js';
import { acceptDeal, createDeal } from '../server/components/deals/index.js';
import { insertListing } from '../server/components/listings/index.js';
import { insertOrganization } from '../server/components/organizations/index.js';
import { withCreditCodeCheck } from '../common/creditCode.js';
import { logger } from '../server/lib/logger.js';
import { args } from './cli.js';
import { PASSWORD, bar, distribution, fmtMs, loadTracker, login, msSince, now, pct, ratio, runBench } from './lib/bench.js';

const opt = args();
const DEALS = Number(opt.deals ?? 100);
const RATE = Number(opt.rate ?? 200);
const SECONDS = Number(opt.seconds ?? 30);
const SUPPLIERS = Math.max(1, Math.min(20, DEALS));

interface Pair {
  dealId: string;
  sockets: [Socket, Socket];
}
interface Result {
  ack: number[];
  delivery: number[];
  sent: number;
  unacked: number;
  undelivered: number;
}

const open = (url: string, ns: string, cookie: string) =>
  new Promise<Socket>((resolve, reject) => {
    const s = connect(`${url}${ns}`, { transports: ['websocket'], extraHeaders: { cookie, origin: url }, reconnection: false, forceNew: true });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

/** Open-loop: one message every 1000/RATE ms for SECONDS, round-robin over the rooms, alternating sides. */
async function drive(pairs: Pair[], label: string): Promise<Result> {
  const pendingDelivery = new Map<string, bigint>();
  const delivery: number[] = [];
  const ack: number[] = [];
  for (const p of pairs)
    for (const s of p.sockets)
      s.on('message:new', (m: { clientMsgId: string | null; senderId?: string | null }) => {
        const t = m.clientMsgId ? pendingDelivery.get(`${m.clientMsgId}@${s.id}`) : undefined;
        if (t !== undefined) {
          delivery.push(msSince(t));
          pendingDelivery.delete(`${m.clientMsgId}@${s.id}`);
        }
      });
  const total = Math.round(RATE * SECONDS);
  const interval = 1000 / RATE;
  const b = bar(label, total, '条');
  const acks: Promise<void>[] = [];
  let unacked = 0;
  const start = now();
  for (let i = 0; i < total; i++) {
    const wait = i * interval - msSince(start);
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const pair = pairs[i % pairs.length]!;
    const side = Math.floor(i / pairs.length) % 2;
    const from = pair.sockets[side]!;
    const to = pair.sockets[1 - side]!;
    const clientMsgId = `${label}-${i}`;
    const t = now();
    pendingDelivery.set(`${clientMsgId}@${to.id}`, t);
    acks.push(
      new Promise<void>((resolve) => {
        from.timeout(30_000).emit('message:send', { dealId: pair.dealId, clientMsgId, kind: 'text', body: `洽谈消息 ${i}：关于付款节点与验收标准的补充说明。` }, (err: Error | null, answer?: { ok: boolean }) => {
          if (err || !answer?.ok) unacked++;
          else ack.push(msSince(t));
          b.increment();
          resolve();
        });
      }),
    );
  }
  await Promise.all(acks);
  // Deliveries still in flight: give them until every ack has come back plus a second (an event, not a sleep, would need a counter per room).
  const until = Date.now() + 1000;
  while (pendingDelivery.size && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  b.stop();
  for (const p of pairs) for (const s of p.sockets) s.off('message:new');
  return { ack, delivery, sent: total, unacked, undelivered: pendingDelivery.size };
}

await runBench(async (bench) => {
  const loads = loadTracker();
  const { db } = await bench.open(30);
  const tax = await import('../server/components/taxonomy/index.js').then((m) => m.getTaxonomy(db));
  const industry = tax.industries.find((i) => i.parent !== null)!.code;

  // Data: suppliers with published achievements, one enterprise per deal.
  const t0 = now();
  const b = bar('洽谈', DEALS, '个');
  const suppliers = [];
  for (let i = 0; i < SUPPLIERS; i++) {
    const org = await insertOrganization(db, { name: `压测高校${i}`, type: 'university', creditCode: withCreditCodeCheck(`12450103${String(8_100_000 + i).padStart(9, '0')}`), regionCode: '450103' });
    const user = await upsertUser(db, { email: `bench-neg-s${i}@bench.example.cn`, password: PASSWORD, name: `成果方${i}`, organizationId: org.id, roles: [{ role: 'supplier' }] });
    suppliers.push({ org, user });
  }
  const deals: { dealId: string; supplierEmail: string; enterpriseEmail: string }[] = [];
  for (let i = 0; i < DEALS; i++) {
    const s = suppliers[i % SUPPLIERS]!;
    const ach = await insertListing(db, {
      kind: 'achievement',
      status: 'published',
      ownerOrgId: s.org.id,
      createdBy: s.user.id,
      title: `压测成果 ${i}`,
      summary: '用于洽谈室压测的科技成果。',
      detail: '用于洽谈室压测的科技成果详细介绍。',
      keywords: ['压测'],
      industry,
      cityCode: '450100',
      contactName: '联系人',
      trl: 6,
      transferModes: ['transfer'],
      publishedAt: new Date(),
    });
    const org = await insertOrganization(db, { name: `压测企业${i}`, type: 'enterprise', creditCode: withCreditCodeCheck(`91450103${String(8_200_000 + i).padStart(9, '0')}`), regionCode: '450103' });
    const email = `bench-neg-e${i}@bench.example.cn`;
    const e = await upsertUser(db, { email, password: PASSWORD, name: `需求方${i}`, organizationId: org.id, roles: [{ role: 'enterprise' }] });
    const { deal } = await createDeal({ db }, e, { achievementId: ach.id });
    await acceptDeal({ db }, (await loadActor(db, s.user.id))!, { id: deal.id });
    deals.push({ dealId: deal.id, supplierEmail: `bench-neg-s${i % SUPPLIERS}@bench.example.cn`, enterpriseEmail: email });
    b.increment();
  }
  b.stop();
  console.log(`data ready in ${fmtMs(msSince(t0))}: ${DEALS} deals, ${SUPPLIERS} suppliers, ${DEALS} enterprises`);

  // The real app with its sockets, plus the baseline namespace (ack + broadcast, no database).
  const built = createApp({ config: { ...bench.config, databaseUrl: bench.ctx.dbUrl, meiliUrl: bench.ctx.services!.meiliUrl }, db, search: bench.ctx.search!, sessionSecret: crypto.randomBytes(32).toString('hex'), logger });
  const server = http.createServer(built.app);
  const io = built.attachSockets(server);
  const baseline = io.of('/bench-baseline');
  const seqs = new Map<string, number>();
  baseline.on('connection', (socket) => {
    socket.on('deal:join', (p: { dealId: string }, ack: (a: unknown) => void) => {
      void socket.join(p.dealId);
      ack({ ok: true });
    });
    socket.on('message:send', (p: { dealId: string; clientMsgId: string; body: string }, ack: (a: unknown) => void) => {
      const seq = (seqs.get(p.dealId) ?? 0) + 1;
      seqs.set(p.dealId, seq);
      ack({ ok: true, seq });
      baseline.to(p.dealId).emit('message:new', { dealId: p.dealId, seq, clientMsgId: p.clientMsgId, body: p.body, createdAt: new Date().toISOString() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bench.ctx.closeApp = async () => {
    await built.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };

  const cookies = new Map<string, string>();
  const cookieOf = async (email: string) => cookies.get(email) ?? cookies.set(email, (await login(url, email)).cookie).get(email)!;
  const connectAll = async (ns: string) => {
    const pairs: Pair[] = [];
    for (const d of deals) {
      const sockets = (await Promise.all([open(url, ns, await cookieOf(d.enterpriseEmail)), open(url, ns, await cookieOf(d.supplierEmail))])) as [Socket, Socket];
      for (const s of sockets) {
        const joined = (await s.timeout(10_000).emitWithAck('deal:join', { dealId: d.dealId })) as { ok: boolean };
        if (!joined.ok) throw new Error(`join ${ns} failed`);
      }
      pairs.push({ dealId: d.dealId, sockets });
    }
    return pairs;
  };

  loads.note('baseline');
  const basePairs = await connectAll('/bench-baseline');
  const base = await drive(basePairs, 'baseline');
  for (const p of basePairs) for (const s of p.sockets) s.disconnect();

  loads.note('persisted');
  const pairs = await connectAll('/negotiation');
  const real = await drive(pairs, 'negotiation');
  for (const p of pairs) for (const s of p.sockets) s.disconnect();
  loads.note('end');

  const check = await db.execute<{ deals: number; messages: number; gaps: number }>(sql`
    select count(distinct deal_id)::int as deals, count(*)::int as messages,
      count(*) filter (where seq <> rn)::int as gaps
    from (select deal_id, seq, row_number() over (partition by deal_id order by seq) as rn from deal_messages where client_msg_id like 'negotiation-%') m`);
  const stored = check.rows[0]!;
  const lost = real.unacked + real.undelivered + (real.sent - stored.messages);

  const line = (name: string, r: Result) =>
    `${name.padEnd(22)} ack p50 ${fmtMs(pct(r.ack, 50)).padStart(8)}  p95 ${fmtMs(pct(r.ack, 95)).padStart(8)}  delivery p95 ${fmtMs(pct(r.delivery, 95)).padStart(8)}  sent ${r.sent}  unacked ${r.unacked}  undelivered ${r.undelivered}`;
  console.log(`\n${DEALS} deals × 2 participants, ${RATE} messages/s for ${SECONDS} s (load ${loads.list().join(', ')})`);
  console.log(line('negotiation (stored)', real));
  console.log(line('baseline (no storage)', base));
  console.log(`ratio stored/baseline   ack p95 ${ratio(pct(real.ack, 95), pct(base.ack, 95))}, delivery p95 ${ratio(pct(real.delivery, 95), pct(base.delivery, 95))}`);
  console.log(`ack distribution        ${distribution(real.ack)}`);
  console.log(`stored: ${stored.messages} messages in ${stored.deals} deals, seq gaps ${stored.gaps}; lost ${lost}`);
  const ok = pct(real.ack, 95) <= 50 && pct(real.delivery, 95) <= 100 && lost === 0 && stored.gaps === 0;
  console.log(`targets (ack p95 ≤ 50 ms, delivery p95 ≤ 100 ms, 0 lost): ${ok ? 'met' : 'NOT met'}`);
});
