/**
 * WORKERS=2 as a real process tree (the primary with the embedded services, two HTTP workers on one port):
 * Socket.IO events cross workers through the PostgreSQL adapter, jobs and the search outbox run once,
 * and a rolling restart of one worker drops no request.
 */
import http from 'node:http';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { NotificationPush } from '../../common/realtime.js';
import { createUser, login } from '../factories/index.js';
import { achievementBody } from '../factories/listings.js';
import { connectDb, type Db } from '../../server/lib/db.js';
import PgBoss from 'pg-boss';
import { runDir } from '../setup/global.js';
import { spawnServer, until, type SpawnedServer } from '../setup/processes.js';

describe('operations: WORKERS=2', function () {
  this.timeout(120_000);
  let server: SpawnedServer;
  let db: Db;
  const sockets: Socket[] = [];

  before(async () => {
    server = await spawnServer(runDir('ops-workers'), { WORKERS: '2' });
    db = connectDb(new URL('/guijitong', server.run().postgres!.url).toString(), 4);
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await db?.$client.end().catch(() => undefined);
    if (server) expect(await server.stop()).to.equal(0);
  });

  const open = (cookie: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: { cookie, origin: server.url }, reconnection: false, forceNew: true });
      sockets.push(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  /** The worker a socket is connected to: its engine.io session id names it (`w2-…`). */
  const workerOf = (s: Socket) => /^w(\d+)-/.exec(s.io.engine.id)![1]!;

  it('delivers an event emitted by a request on one worker to sockets on every worker, once each; the job and the outbox run once', async () => {
    const supplier = server.agent();
    const reviewer = server.agent();
    const s = await createUser('supplier', { orgType: 'university' }, db);
    const r = await createUser('reviewer', {}, db);
    await login(supplier, s.email);
    await login(reviewer, r.email);
    const cookie = String((await server.agent().post('/api/auth/login').send({ email: s.email, password: s.password })).headers['set-cookie']![0]).split(';')[0]!;
    // node:cluster hands connections to the workers in turn: a few sockets land on both.
    const byWorker = new Map<string, Socket>();
    for (let i = 0; i < 12 && byWorker.size < 2; i++) {
      const socket = await open(cookie);
      byWorker.set(workerOf(socket), socket);
    }
    expect([...byWorker.keys()].sort()).to.deep.equal(['1', '2']);
    const received = new Map<string, NotificationPush[]>([...byWorker.keys()].map((w) => [w, []]));
    for (const [w, socket] of byWorker) socket.on('notification:new', (n: NotificationPush) => received.get(w)!.push(n));

    const created = await supplier.post('/api/achievements').send(achievementBody({ title: `多进程成果${Date.now()}` }));
    expect(created.status).to.equal(201);
    await supplier.post(`/api/achievements/${created.body.id}/submit`).expect(200);
    const approved = await reviewer.post(`/api/reviews/achievement/${created.body.id}`).send({ decision: 'approve' });
    expect(approved.status).to.equal(200);
    const servedBy = String(approved.headers['x-worker']);
    expect(servedBy).to.be.oneOf(['1', '2']);
    const other = servedBy === '1' ? '2' : '1';

    await until(() => received.get('1')!.length > 0 && received.get('2')!.length > 0, 10_000, 'the notification on both workers');
    expect(received.get(other)![0]!.link).to.equal(`/achievements/${created.body.id}`);
    // Once each, not once per worker.
    await new Promise((r) => setTimeout(r, 300));
    expect(received.get('1')!.length).to.equal(1);
    expect(received.get('2')!.length).to.equal(1);

    await until(async () => (await server.agent().get('/api/achievements').query({ q: '多进程成果' })).body.items?.some((i: { id: string }) => i.id === created.body.id), 15_000, 'the listing in search');

    // A job queued once runs once, on one of the two workers.
    const boss = new PgBoss({ connectionString: new URL('/guijitong', server.run().postgres!.url).toString(), max: 1, supervise: false, schedule: false, migrate: false });
    await boss.start();
    const before = server.output().split('listing expiry run').length;
    const id = await boss.send('listing-expiry', {});
    await boss.stop({ graceful: false });
    await until(async () => (await db.$client.query<{ state: string }>('select state from pgboss.job where id = $1', [id])).rows[0]?.state === 'completed', 15_000, 'the job to complete');
    await new Promise((r) => setTimeout(r, 1000));
    expect(server.output().split('listing expiry run').length - before, 'runs of the job, in both workers\' logs').to.equal(1);
    const startup = (await db.$client.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'match-responsiveness' and created_on <= (select min(created_on) + interval '1 minute' from pgboss.job where name = 'match-responsiveness')`)).rows[0]!.n;
    expect(startup, 'the start-up recount queued once, not once per worker').to.equal(1);
  });

  it('a rolling restart of one of the two workers drops no request', async () => {
    const statuses = new Map<string, number>();
    let sent = 0;
    let running = true;
    // A new connection per request (as from many browsers): the primary picks a worker for each.
    const get = () =>
      new Promise<string>((resolve) => {
        const req = http.get(`${server.url}/api/taxonomy`, { agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.statusCode)));
        });
        req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      });
    const client = async () => {
      while (running) {
        const s = await get();
        sent++;
        statuses.set(s, (statuses.get(s) ?? 0) + 1);
      }
    };
    const clients = [client(), client(), client()];
    await until(() => sent >= 20, 10_000, 'requests before the restart');
    const old = server.run().http!.pids!.find((p) => p.index === 1)!.pid!;
    process.kill(old, 'SIGTERM');
    await until(() => {
      const now = server.run().http!.pids!.find((p) => p.index === 1)?.pid;
      return now && now !== old;
    }, 60_000, 'worker 1 replaced');
    const after = sent;
    await until(() => sent >= after + 20, 10_000, 'requests after the restart');
    running = false;
    await Promise.all(clients);
    expect(Object.fromEntries(statuses)).to.deep.equal({ '200': sent });
  });
});
