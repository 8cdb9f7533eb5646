/**
 * The real server and the real maintenance commands as child processes (`node --import tsx …`, what `npm start`
 * and `npm run X` run), each on the DATA_DIR it is given, with embedded services: for the process-level tests
 * (test/operations) and `bench:workers`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import supertest from 'supertest';
import { freePort } from '../../server/lib/embedded.js';
import { readRunFile, type RunFile } from '../../server/lib/runfile.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment of a spawned process: ours without service URLs (so embedded services under DATA_DIR), plus `env`. */
function childEnv(dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|MEILI_|TEST_|PORT$|WORKERS$|FILES_DIR$|SESSION_SECRET$)/.test(k)));
  return { ...base, NODE_ENV: 'development', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env };
}

export interface SpawnedServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** The last lines of its output (for failure messages). */
  output(): string;
  run(): RunFile;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  agent(): supertest.Agent;
  /** A client on its embedded PostgreSQL (database guijitong), for checks behind the API. */
  sql<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<number | null>;
}

/** The server process, not waited for: `ownGroup` makes it a process-group leader, as a shell does for a terminal job. */
export function startServerProcess(dataDir: string, port: number, env: Record<string, string> = {}, opts: { ownGroup?: boolean } = {}) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: ROOT, env: childEnv(dataDir, { PORT: String(port), ...env }), stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownGroup ?? false });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stdout!.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-2_000_000)));
  proc.stderr!.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-2_000_000)));
  return { proc, exited, output: () => out };
}

export async function spawnServer(dataDir: string, env: Record<string, string> = {}, opts: { ownGroup?: boolean } = {}): Promise<SpawnedServer> {
  const port = await freePort();
  const { proc, exited, output } = startServerProcess(dataDir, port, env, opts);
  let gone = false;
  void exited.then(() => (gone = true));
  // Ready when the run file names its HTTP side (written once every worker listens) and health answers 200.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (gone) throw new Error(`server exited (${proc.exitCode}) before it was ready:\n${output().slice(-3000)}`);
    const run = readRunFile(dataDir);
    if (run && run.pid === proc.pid && run.http) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
    }
    if (Date.now() > deadline) {
      proc.kill('SIGTERM');
      throw new Error(`server not ready within 180 s:\n${output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${port}`;
  let pool: pg.Pool | null = null;
  const server: SpawnedServer = {
    url,
    dataDir,
    proc,
    exited,
    output,
    run: () => {
      const run = readRunFile(dataDir);
      if (!run) throw new Error(`no run file in ${dataDir}`);
      return run;
    },
    agent: () => supertest.agent(url).set('Origin', url),
    sql: async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
      if (!pool) {
        const u = new URL(server.run().postgres!.url);
        u.pathname = '/guijitong';
        pool = new pg.Pool({ connectionString: u.toString(), max: 2 });
        pool.on('error', () => {});
        pool.on('connect', (c) => c.on('error', () => {}));
      }
      return (await pool.query<T>(text, params)).rows;
    },
    stop: async () => {
      await pool?.end().catch(() => undefined);
      pool = null;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
  return server;
}

/** Runs `scripts/<name>.ts` (what `npm run <name>` runs) on `dataDir`; resolves with its exit code and output. */
export function runCommand(name: string, dataDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: ROOT, env: childEnv(dataDir, { LOG_LEVEL: 'warn', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => resolve({ code, out }));
  });
}

/** Polls `cond` (across processes there is nothing to subscribe to) every 50 ms until it holds or `ms` pass. */
export async function until<T>(cond: () => Promise<T | false | null | undefined> | T | false | null | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve()
      .then(cond)
      .catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
