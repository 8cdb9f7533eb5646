/**
 * The real server as a process (one shared across these tests, embedded PostgreSQL and Meilisearch under its own
 * DATA_DIR): maintenance commands attach to it, it rides out kill -9 of its PostgreSQL and Meilisearch, a backup
 * taken while it runs restores into an empty DATA_DIR, and SIGTERM drains it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { createUser, login, registrationBody, publishListing } from '../factories/index.js';
import { connectDb, type Db } from '../../server/lib/db.js';
import { runDir } from '../setup/global.js';
import { runCommand, spawnServer, startServerProcess, until, type SpawnedServer } from '../setup/processes.js';
import { freePort } from '../../server/lib/embedded.js';
import { readRunFile } from '../../server/lib/runfile.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('operations: the server process (maintenance, dependency restarts, backup, drain)', function () {
  this.timeout(120_000);
  let server: SpawnedServer;
  let db: Db;
  let serverPid: number;

  before(async () => {
    server = await spawnServer(runDir('ops-single'));
    serverPid = server.run().pid;
    db = connectDb(new URL('/guijitong', server.run().postgres!.url).toString(), 4);
  });
  after(async () => {
    await db?.$client.end().catch(() => undefined);
    await server?.stop();
  });

  it('records its services in DATA_DIR/run.json (mode 0600, owner pid), and a second start on the same DATA_DIR exits 1 touching nothing', async () => {
    const file = path.join(server.dataDir, 'run.json');
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    const run = server.run();
    expect(run).to.include({ pid: server.proc.pid, role: 'server', ready: true });
    expect(run.postgres!.pid).to.be.a('number');
    expect(run.meilisearch!.pid).to.be.a('number');

    const second = await spawnServer(server.dataDir).then(
      (s) => s.stop().then(() => Promise.reject(new Error('the second server started'))),
      (err: Error) => err.message,
    );
    expect(second).to.match(/exited \(1\)/);
    expect(second).to.include('already running on DATA_DIR').and.include(String(serverPid));
    expect(server.run()).to.deep.equal(run);
    expect((await server.agent().get('/api/health')).status).to.equal(200);
  });

  it('runs every maintenance command while the server serves: each attaches to its services, does its work, and leaves them running', async () => {
    const statuses: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        statuses.push((await server.agent().get('/api/health')).status);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const email = `ops-admin-${Date.now()}@example.cn`;
    const results: Record<string, { code: number | null; out: string }> = {};
    try {
      for (const [name, args] of [
        ['migrate', []],
        ['create-admin', ['--email', email, '--password', 'Ops-Admin-2026']],
        ['reindex', []],
        ['search-check', []],
        ['indicators-verify', []],
      ] as const) {
        results[name] = await runCommand(name, server.dataDir, [...args]);
      }
    } finally {
      polling = false;
      await poller;
    }
    for (const [name, r] of Object.entries(results)) expect(r.code, `${name}: ${r.out}`).to.equal(0);
    expect(results['search-check']!.out).to.include('No drift');
    expect(results.reindex!.out).to.match(/Reindexed \d+ achievements/);
    expect(statuses.length).to.be.greaterThan(10);
    expect(statuses.every((s) => s === 200), `health during the commands: ${statuses.join(',')}`).to.equal(true);
    // The command's work is done: the admin logs in on the running server.
    expect((await server.agent().post('/api/auth/login').send({ email, password: 'Ops-Admin-2026' })).status).to.equal(200);
    expect(server.run().pid).to.equal(serverPid);
  });

  it('kill -9 of the embedded PostgreSQL under a write load: 503 db_unavailable meanwhile, recovery in the same process within 10 s, every acknowledged write present', async () => {
    const acknowledged: string[] = [];
    const failures = new Map<string, number>();
    let firstAfterOutage = 0;
    let writing = true;
    const writer = async () => {
      while (writing) {
        const body = registrationBody('enterprise');
        const res = await server.agent().post('/api/auth/register').send(body).catch(() => null);
        if (res?.status === 201) {
          acknowledged.push(body.email);
          if (failures.size && !firstAfterOutage) firstAfterOutage = Date.now();
        } else {
          const key = res ? `${res.status} ${res.body?.error?.code ?? ''}` : 'connection error';
          failures.set(key, (failures.get(key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const writers = [writer(), writer()];
    await until(() => acknowledged.length >= 5, 20_000, 'writes before the kill');
    const before = acknowledged.length;
    const oldPid = server.run().postgres!.pid!;
    const killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL');
    await until(() => failures.size > 0, 10_000, 'the outage to show');
    // Recovered: writes are acknowledged again (and keep being so).
    await until(() => firstAfterOutage && acknowledged.length >= before + 5, 30_000, 'writes after the restart');
    writing = false;
    await Promise.all(writers);
    const recoveryMs = firstAfterOutage - killedAt;
    console.log(`      PostgreSQL kill -9 → writes acknowledged again after ${(recoveryMs / 1000).toFixed(1)} s; failures meanwhile: ${JSON.stringify(Object.fromEntries(failures))}`);
    expect(recoveryMs).to.be.below(10_000);
    expect([...failures.keys()].filter((k) => !/^503 db_unavailable$|^connection error$/.test(k)), 'only 503 db_unavailable during the outage').to.deep.equal([]);
    expect(failures.get('503 db_unavailable') ?? 0).to.be.greaterThan(0);
    expect(server.run().pid).to.equal(serverPid);
    expect(server.proc.exitCode).to.equal(null);
    const newPid = server.run().postgres!.pid;
    expect(newPid).to.be.a('number').and.not.equal(oldPid);

    const rows = await db.$client.query<{ email: string }>('select email from users where email = any($1)', [acknowledged]);
    expect(rows.rows.length, 'acknowledged registrations in the database').to.equal(acknowledged.length);
    // Health names the database up again; sessions, the job queue and Socket.IO's LISTEN work in the same process.
    expect((await server.agent().get('/api/health')).body).to.include({ status: 'ok', db: 'up' });
  });

  it('after the PostgreSQL restart, sessions, jobs, the outbox and sockets all work; kill -9 of Meilisearch: restarted, the outbox drains, 0 drift', async () => {
    const supplier = server.agent();
    const reviewer = server.agent();
    const s = await createUser('supplier', { orgType: 'university' }, db);
    const r = await createUser('reviewer', {}, db);
    await login(supplier, s.email);
    await login(reviewer, r.email);
    const cookie = String((await server.agent().post('/api/auth/login').send({ email: s.email, password: s.password })).headers['set-cookie']![0]).split(';')[0]!;
    const socket: Socket = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: { cookie, origin: server.url }, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const pushed = new Promise<{ title: string }>((resolve) => socket.once('notification:new', resolve));
      const first = await publishListing(supplier, reviewer, 'achievement', { title: `重启后发布的成果${Date.now()}` });
      expect((await pushed).title).to.be.a('string');
      await until(async () => (await server.agent().get('/api/achievements').query({ q: '重启后发布的成果' })).body.items?.some((i: { id: string }) => i.id === first), 10_000, 'the listing in search');

      const oldPid = server.run().meilisearch!.pid!;
      const killedAt = Date.now();
      process.kill(oldPid, 'SIGKILL');
      // Written while the search engine is away: the outbox keeps it.
      const second = await publishListing(supplier, reviewer, 'achievement', { title: `搜索停机时发布的成果${Date.now()}` });
      await until(async () => (await server.agent().get('/api/health')).body.search === 'up' && server.run().meilisearch!.pid !== oldPid, 15_000, 'Meilisearch restarted');
      console.log(`      Meilisearch kill -9 → healthy again after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
      await until(async () => (await server.agent().get('/api/achievements').query({ q: '搜索停机时发布的成果' })).body.items?.some((i: { id: string }) => i.id === second), 90_000, 'the outage-time listing in search');
      const check = await runCommand('search-check', server.dataDir, ['--dry-run']);
      expect(check.code, check.out).to.equal(0);
      expect(check.out).to.include('No drift');
    } finally {
      socket.disconnect();
    }
  });

  it('backs up while serving, and restores into an empty DATA_DIR: the same rows, files and search results; refuses a non-empty target', async () => {
    const owner = server.agent();
    const o = await createUser('supplier', { orgType: 'university' }, db);
    await login(owner, o.email);
    const uploaded = await owner.post('/api/files').attach('file', PDF, { filename: '备份测试.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).to.equal(201);
    const archive = path.join(runDir('backups'), 'b.tar.gz');
    const b = await runCommand('backup', server.dataDir, ['--out', archive]);
    expect(b.code, b.out).to.equal(0);
    expect(b.out).to.include('the server keeps running');
    expect(fs.statSync(archive).mode & 0o777).to.equal(0o600);
    expect((await server.agent().get('/api/health')).status).to.equal(200);

    const counts = async (sql: (t: string) => Promise<{ n: number }[]>) => {
      const out: Record<string, number> = {};
      for (const t of ['users', 'organizations', 'listings', 'files', 'notifications', 'audit_log']) out[t] = (await sql(t))[0]!.n;
      return out;
    };
    const search = async (s: SpawnedServer) => ((await s.agent().get('/api/achievements').query({ q: '成果', pageSize: 50 })).body.items as { id: string }[]).map((i) => i.id).sort();
    const expectedCounts = await counts((t) => server.sql(`select count(*)::int as n from ${t}`));
    const expectedSearch = await search(server);

    const target = runDir('restored');
    const refused = await runCommand('restore', server.dataDir, [archive]);
    expect(refused.code).to.equal(1);
    expect(refused.out).to.include('stop it before restoring');
    const restored = await runCommand('restore', target, [archive]);
    expect(restored.code, restored.out).to.equal(0);
    const again = await runCommand('restore', target, [archive]);
    expect(again.code).to.equal(1);
    expect(again.out).to.match(/not empty|Refusing/);

    const copy = await spawnServer(target);
    try {
      expect(await counts((t) => copy.sql(`select count(*)::int as n from ${t}`))).to.deep.equal(expectedCounts);
      expect(await search(copy)).to.deep.equal(expectedSearch).and.have.length.greaterThan(0);
      const dl = await (await login(copy.agent(), o.email)).get(`/api/files/${uploaded.body.id}`).buffer(true);
      expect(dl.status).to.equal(200);
      expect(Buffer.compare(dl.body as Buffer, PDF)).to.equal(0);
    } finally {
      expect(await copy.stop()).to.equal(0);
    }
  });

  it('SIGTERM: an in-flight request still gets its answer, sockets are told to reconnect, the process exits 0 within 10 s and stops its services', async () => {
    const run = server.run();
    const agent = server.agent();
    const u = await createUser('supplier', { orgType: 'university' }, db);
    await login(agent, u.email);
    const cookie = String((await server.agent().post('/api/auth/login').send({ email: u.email, password: u.password })).headers['set-cookie']![0]).split(';')[0]!;
    const socket: Socket = connect(`${server.url}/notifications`, { transports: ['websocket'], extraHeaders: { cookie, origin: server.url }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    // An upload whose body is still arriving when SIGTERM lands.
    const boundary = 'gjtdrain';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="drain.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const cookieHeader = String((await server.agent().post('/api/auth/login').send({ email: u.email, password: u.password })).headers['set-cookie']![0]).split(';')[0]!;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/files`, {
        method: 'POST',
        headers: { origin: server.url, cookie: cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + PDF.length + tail.length },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write(head);
      req.write(PDF.subarray(0, 10));
      setTimeout(() => {
        server.proc.kill('SIGTERM');
        setTimeout(() => req.end(Buffer.concat([PDF.subarray(10), tail])), 500);
      }, 200);
    });
    const signalledAt = Date.now() + 200;
    const res = await answer;
    expect(res.status, res.body).to.equal(201);
    expect(await reason).to.equal('transport close');
    const code = await server.exited;
    const tookMs = Date.now() - signalledAt;
    console.log(`      SIGTERM → exit ${code} after ${(tookMs / 1000).toFixed(1)} s`);
    expect(code).to.equal(0);
    expect(tookMs).to.be.below(10_000);
    expect(fs.existsSync(path.join(server.dataDir, 'run.json'))).to.equal(false);
    await until(() => !alive(run.postgres!.pid!) && !alive(run.meilisearch!.pid!), 5_000, 'the embedded services to stop');
    await db.$client.end().catch(() => undefined);
  });
});

describe("operations: a terminal's Ctrl-C (SIGINT to the server's whole process group)", function () {
  this.timeout(120_000);
  // A shell puts `npm start` in its own process group and Ctrl-C signals all of it; the embedded services run in
  // groups of their own, so only the server gets it and stops them after the work that uses them.
  const stopsCleanly = async (out: string, exited: Promise<number | null>, pids: number[]) => {
    const code = await exited;
    expect(code, out.slice(-3000)).to.equal(0);
    expect(out, 'no error or stack trace in the output').not.to.match(/"level":(50|60)|\bstack\b|Error:/);
    await until(() => pids.every((pid) => !alive(pid)), 15_000, 'the embedded services to stop');
  };

  it('once it serves: exits 0, no error or stack trace, its PostgreSQL and Meilisearch stopped', async () => {
    const server = await spawnServer(runDir('ops-ctrl-c'), {}, { ownGroup: true });
    const run = server.run();
    process.kill(-server.proc.pid!, 'SIGINT');
    await stopsCleanly(server.output(), server.exited, [run.postgres!.pid!, run.meilisearch!.pid!]);
  });

  it('while it is still starting: the step in flight ends, nothing is logged as failed, nothing is left running', async () => {
    const dataDir = runDir('ops-ctrl-c-start');
    const { proc, exited, output } = startServerProcess(dataDir, await freePort(), {}, { ownGroup: true });
    // Both services running (their pids in the run file), the server not yet serving.
    const run = await until(() => {
      const r = readRunFile(dataDir);
      return r?.postgres?.pid && r.meilisearch?.pid && !r.http ? r : null;
    }, 60_000, 'the services to start');
    process.kill(-proc.pid!, 'SIGINT');
    await stopsCleanly(output(), exited, [run.postgres!.pid!, run.meilisearch!.pid!]);
    expect(output()).not.to.include('is running at');
  });
});
