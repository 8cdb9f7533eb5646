/**
 * WORKERS=2 as a real process tree (the primary with the embedded services, two HTTP workers on one port):
 * Socket.IO events cross workers through the PostgreSQL adapter, jobs and the search outbox run once,
 * and a rolling restart of one worker drops no request.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import supertest from 'supertest';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { NotificationPush } from '../../common/realtime.js';
import { createUser, login, achievementBody } from '../factories/index.js';
import { connectDb, type Db } from '../../server/lib/db.js';
import { freePort } from '../../server/lib/embedded.js';
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

    // A broadcast sent while a fresh worker's adapter is still opening its LISTEN connection can be lost
    // (docs/realtime.md): approve listings until one approval reaches both workers, then check that no
    // notification arrived twice on a worker.
    let created: { body: { id: string } } | null = null;
    let other = '';
    for (let attempt = 0; attempt < 5 && !created; attempt++) {
      const listing = await supplier.post('/api/achievements').send(achievementBody({ title: `多进程成果${Date.now()}` }));
      expect(listing.status).to.equal(201);
      await supplier.post(`/api/achievements/${listing.body.id}/submit`).expect(200);
      const approved = await reviewer.post(`/api/reviews/achievement/${listing.body.id}`).send({ decision: 'approve' });
      expect(approved.status).to.equal(200);
      const servedBy = String(approved.headers['x-worker']);
      expect(servedBy).to.be.oneOf(['1', '2']);
      const link = `/achievements/${listing.body.id}`;
      const both = await until(() => received.get('1')!.some((n) => n.link === link) && received.get('2')!.some((n) => n.link === link), 10_000, 'the notification on both workers').catch(() => false);
      if (both) {
        created = listing;
        other = servedBy === '1' ? '2' : '1';
      }
    }
    expect(created, 'an approval reached the sockets of both workers').to.not.equal(null);
    expect(received.get(other)!.some((n) => n.link === `/achievements/${created!.body.id}`)).to.equal(true);
    // Once each, not once per worker.
    await new Promise((r) => setTimeout(r, 300));
    for (const w of ['1', '2']) {
      const ids = received.get(w)!.map((n) => n.id);
      expect(new Set(ids).size, `worker ${w} got a notification twice`).to.equal(ids.length);
    }

    await until(async () => (await server.agent().get('/api/achievements').query({ q: '多进程成果' })).body.items?.some((i: { id: string }) => i.id === created!.body.id), 15_000, 'the listing in search');

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

  it('after kill -9 of the embedded PostgreSQL, the primary restarts it and both workers recover: writes, jobs, and events across workers (the adapter\'s LISTEN reconnected)', async () => {
    const s = await createUser('supplier', { orgType: 'university' }, db);
    const r = await createUser('reviewer', {}, db);
    const cookie = String((await server.agent().post('/api/auth/login').send({ email: s.email, password: s.password })).headers['set-cookie']![0]).split(';')[0]!;
    const byWorker = new Map<string, Socket>();
    for (let i = 0; i < 12 && byWorker.size < 2; i++) {
      const socket = await open(cookie);
      byWorker.set(workerOf(socket), socket);
    }
    expect(byWorker.size).to.equal(2);

    const primary = server.run().pid;
    const oldPid = server.run().postgres!.pid!;
    const killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL');
    // Health pings the database on every call (the taxonomy may already be cached in a worker and answer 200 throughout).
    await until(async () => (await server.agent().get('/api/health')).status === 503, 10_000, 'the outage to show');
    // Every worker answers again (new connections are handed to the workers in turn).
    await until(async () => {
      const answers = await Promise.all(Array.from({ length: 4 }, () => fetch(`${server.url}/api/taxonomy`, { headers: { connection: 'close' } }).then((res) => res.status)));
      return answers.every((c) => c === 200);
    }, 20_000, 'both workers to answer 200');
    console.log(`      PostgreSQL kill -9 with 2 workers → both answering again after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
    expect(server.run().pid).to.equal(primary);
    expect(server.run().postgres!.pid).to.not.equal(oldPid);

    const supplier = await login(server.agent(), s.email);
    const reviewer = await login(server.agent(), r.email);
    const received = new Map<string, string[]>([...byWorker.keys()].map((w) => [w, []]));
    for (const [w, socket] of byWorker) socket.on('notification:new', (n: NotificationPush) => received.get(w)!.push(String(n.link)));
    // Broadcasts sent while the adapter was reconnecting may be lost (ARCHITECTURE.md): approve until one crosses.
    const links: string[] = [];
    await until(async () => {
      const created = await supplier.post('/api/achievements').send(achievementBody({ title: `恢复后成果${Date.now()}` }));
      await supplier.post(`/api/achievements/${created.body.id}/submit`).expect(200);
      await reviewer.post(`/api/reviews/achievement/${created.body.id}`).send({ decision: 'approve' }).expect(200);
      links.push(`/achievements/${created.body.id}`);
      await new Promise((res) => setTimeout(res, 500));
      return [...received.values()].every((got) => got.includes(links.at(-1)!));
    }, 20_000, 'an event to reach both workers again');
    console.log(`      events cross workers again ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (${links.length} approval(s))`);

    const boss = new PgBoss({ connectionString: new URL('/guijitong', server.run().postgres!.url).toString(), max: 1, supervise: false, schedule: false, migrate: false });
    await boss.start();
    const id = await boss.send('listing-expiry', {});
    await boss.stop({ graceful: false });
    await until(async () => (await db.$client.query<{ state: string }>('select state from pgboss.job where id = $1', [id])).rows[0]?.state === 'completed', 30_000, 'a job after the restart');
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
        req.setTimeout(20_000, () => req.destroy(Object.assign(new Error('no answer within 20 s'), { code: 'TIMEOUT' })));
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

  it('behind nginx (deploy/nginx.conf): two app machines on one PostgreSQL and Meilisearch share the requests, and an event crosses machines', async function () {
    const nginx = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
    if (!nginx) {
      console.log('      nginx is not installed (Debian package nginx-light): deploy/nginx.conf not exercised');
      return this.skip();
    }
    const run = server.run();
    // Machine 2: its own DATA_DIR, the first machine's services as external ones, the same secret and files.
    const second = await spawnServer(runDir('ops-machine2'), {
      DATABASE_URL: new URL('/guijitong', run.postgres!.url).toString(),
      MEILI_URL: run.meilisearch!.url,
      MEILI_MASTER_KEY: run.meilisearch!.key,
      SESSION_SECRET: fs.readFileSync(path.join(server.dataDir, 'session-secret'), 'utf8').trim(),
      FILES_DIR: path.join(server.dataDir, 'files'),
      TRUST_PROXY: 'true',
      SOCKET_POLLING: 'false',
    });
    const dir = runDir('nginx');
    fs.mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const site = fs
      .readFileSync(path.resolve('deploy/nginx.conf'), 'utf8')
      .replace(/^\s*server app\d\.internal:3000[^\n]*\n/gm, '')
      .replace('keepalive 32;', `server ${new URL(server.url).host}; server ${new URL(second.url).host}; keepalive 32;`)
      .replace('listen 80;', `listen 127.0.0.1:${port}; add_header X-Upstream $upstream_addr always;`);
    expect(site).to.include(new URL(second.url).host);
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;${process.getuid?.() === 0 ? ' user root;' : ''}
events { worker_connections 512; }
http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi; include ${dir}/site.conf; }
`,
    );
    const proc = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let nginxOut = '';
    proc.stderr.on('data', (c: Buffer) => (nginxOut += c.toString()));
    const front = `http://127.0.0.1:${port}`;
    try {
      await until(async () => proc.exitCode === null && (await fetch(`${front}/api/health`)).ok, 10_000, `nginx (${nginxOut})`);
      const upstreams = new Set<string>();
      for (let i = 0; i < 8; i++) upstreams.add(String((await fetch(`${front}/api/taxonomy`)).headers.get('x-upstream')));
      expect([...upstreams].sort()).to.deep.equal([new URL(server.url).host, new URL(second.url).host].sort());

      const s = await createUser('supplier', { orgType: 'university' }, db);
      const r = await createUser('reviewer', {}, db);
      const supplier = await login(supertest.agent(front).set('Origin', front), s.email);
      const reviewer = await login(supertest.agent(front).set('Origin', front), r.email);
      const cookie = String((await supertest(front).post('/api/auth/login').set('Origin', front).send({ email: s.email, password: s.password })).headers['set-cookie']![0]).split(';')[0]!;
      // Sockets through nginx until one is on each machine (machine 1's session ids name a worker, machine 2's do not).
      const byMachine = new Map<string, Socket>();
      for (let i = 0; i < 12 && byMachine.size < 2; i++) {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const so = connect(`${front}/notifications`, { transports: ['websocket'], extraHeaders: { cookie, origin: front }, reconnection: false, forceNew: true });
          sockets.push(so);
          so.once('connect', () => resolve(so));
          so.once('connect_error', reject);
        });
        byMachine.set(/^w\d+-.{20}$/.test(socket.io.engine.id) ? 'machine 1' : 'machine 2', socket);
      }
      expect([...byMachine.keys()].sort()).to.deep.equal(['machine 1', 'machine 2']);
      const got = new Map<string, string[]>([...byMachine.keys()].map((m) => [m, []]));
      for (const [m, socket] of byMachine) socket.on('notification:new', (n: NotificationPush) => got.get(m)!.push(String(n.link)));

      const created = await supplier.post('/api/achievements').send(achievementBody({ title: `跨机器成果${Date.now()}` }));
      expect(created.status).to.equal(201);
      await supplier.post(`/api/achievements/${created.body.id}/submit`).expect(200);
      const approved = await reviewer.post(`/api/reviews/achievement/${created.body.id}`).send({ decision: 'approve' });
      expect(approved.status).to.equal(200);
      await until(() => got.get('machine 1')!.length > 0 && got.get('machine 2')!.length > 0, 10_000, 'the notification on both machines');
      expect(got.get('machine 1')).to.deep.equal([`/achievements/${created.body.id}`]);
      expect(got.get('machine 2')).to.deep.equal([`/achievements/${created.body.id}`]);
    } finally {
      for (const so of sockets.splice(0)) so.disconnect();
      // Fast shutdown (SIGQUIT would wait for open WebSockets up to proxy_read_timeout).
      proc.kill('SIGTERM');
      await new Promise((resolve) => (proc.exitCode !== null ? resolve(null) : proc.once('exit', resolve)));
      expect(await second.stop()).to.equal(0);
    }
  });
});
