/**
 * Resolves PostgreSQL and Meilisearch: external when URLs are given, else embedded real servers under DATA_DIR.
 * The embedded ones belong to whoever holds DATA_DIR's run file (runfile.ts): a command finding a live owner
 * attaches to its services (and leaves them running); the server refuses to start a second time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { startEmbeddedMeilisearch, startEmbeddedPostgres } from './embedded.js';
import type { Logger } from './logger.js';
import { claimRunFile, releaseRunFile, updateRunFile, waitReady, type RunFile } from './runfile.js';

export interface Services {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
  /** Where the run file is (the base data directory of these services). */
  dir: string;
  /** True when these are another process' services (this one attached to them). */
  attached: boolean;
  /** Stops whatever was started here (external servers and attached ones are left alone) and releases the run file. */
  stop(): Promise<void>;
  /** Ends the restarting of embedded children that die (call first when shutting down). */
  unsupervise(): void;
}

export interface ServiceOptions {
  databaseUrl?: string;
  meiliUrl?: string;
  meiliKey?: string;
  database?: string;
  subdir?: string;
  /** `server`: the owner (supervises its children, refuses a second start); `command` (default): attaches when an owner runs. */
  role?: RunFile['role'];
  /** Name shown to others (`npm start`, `reindex`…). */
  name?: string;
}

/** Thrown when the server is started on a DATA_DIR another live server (or a command) already owns. */
export class DataDirInUse extends Error {
  constructor(
    readonly owner: RunFile,
    dir: string,
  ) {
    super(
      owner.role === 'server'
        ? `桂技通 is already running on DATA_DIR ${dir} (pid ${owner.pid}${owner.http ? `, ${owner.http.url}` : ''}, since ${owner.startedAt}). ` +
            'Stop it first (Ctrl-C or kill ' + owner.pid + '), or give this one another DATA_DIR.'
        : `A maintenance command (${owner.name}, pid ${owner.pid}) is using the services under DATA_DIR ${dir}. Start the server when it has finished.`,
    );
    this.name = 'DataDirInUse';
  }
}

export async function startServices(config: Config, log: Logger, opts: ServiceOptions = {}): Promise<Services> {
  const role = opts.role ?? 'command';
  const base = path.join(config.dataDir, opts.subdir ?? '');
  const database = opts.database ?? 'guijitong';
  const externalDb = opts.databaseUrl ?? config.databaseUrl;
  const externalMeili = opts.meiliUrl ?? config.meiliUrl;
  const externalKey = opts.meiliUrl ? opts.meiliKey : config.meiliMasterKey;
  // A command on external services only needs no claim; the server always claims (files and secrets live here too).
  if (role === 'command' && externalDb && externalMeili) {
    return { databaseUrl: externalDb, meiliUrl: externalMeili, meiliKey: externalKey, dir: base, attached: false, stop: async () => {}, unsupervise: () => {} };
  }

  const owner = claimRunFile(base, role, opts.name ?? (role === 'server' ? 'npm start' : path.basename(process.argv[1] ?? 'command')));
  if (owner) {
    if (role === 'server') throw new DataDirInUse(owner, base);
    const run = await waitReady(base, 120_000);
    const databaseUrl = externalDb ?? (run.postgres ? withDatabase(run.postgres.url, database) : undefined);
    const meiliUrl = externalMeili ?? run.meilisearch?.url;
    if (!databaseUrl || !meiliUrl) {
      throw new Error(`${run.name} (pid ${run.pid}) owns DATA_DIR ${base} but runs no embedded ${!databaseUrl ? 'PostgreSQL' : 'Meilisearch'}: set the same DATABASE_URL / MEILI_URL as it has.`);
    }
    log.info({ owner: run.pid }, `using the services of ${run.name} (pid ${run.pid})`);
    return { databaseUrl, meiliUrl, meiliKey: externalMeili ? externalKey : run.meilisearch?.key, dir: base, attached: true, stop: async () => {}, unsupervise: () => {} };
  }

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log.error({ err }, 'stopping embedded service failed'));
    stops.length = 0;
    releaseRunFile(base);
  };
  const supervise = (svc: string) =>
    role === 'server'
      ? {
          log: (msg: string, fields?: Record<string, unknown>) => log.warn({ svc, ...fields }, msg),
          restarted: () => recordPids(),
        }
      : undefined;
  let pgSvc: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let meiliSvc: Awaited<ReturnType<typeof startEmbeddedMeilisearch>> | null = null;
  const recordPids = () =>
    updateRunFile(base, {
      ...(pgSvc ? { postgres: { url: withDatabase(pgSvc.url, 'postgres'), port: pgSvc.port, pid: pgSvc.pid() } } : {}),
      ...(meiliSvc ? { meilisearch: { url: meiliSvc.url, key: meiliSvc.masterKey, port: meiliSvc.port, pid: meiliSvc.pid() } } : {}),
    });
  try {
    let databaseUrl = externalDb;
    if (!databaseUrl) {
      pgSvc = await startEmbeddedPostgres({ dir: path.join(base, 'pg'), log: (l) => log.debug({ svc: 'postgres' }, l), supervise: supervise('postgres') }, database);
      stops.push(pgSvc.stop);
      databaseUrl = pgSvc.url;
      log.info({ svc: 'postgres' }, `embedded PostgreSQL running (data in ${path.join(base, 'pg')})`);
    }
    let meiliUrl = externalMeili;
    let meiliKey = externalKey;
    if (!meiliUrl) {
      meiliSvc = await startEmbeddedMeilisearch({ dir: path.join(base, 'meili'), log: (l) => log.debug({ svc: 'meilisearch' }, l), supervise: supervise('meilisearch') });
      stops.push(meiliSvc.stop);
      meiliUrl = meiliSvc.url;
      meiliKey = meiliSvc.masterKey;
      log.info({ svc: 'meilisearch' }, `embedded Meilisearch running at ${meiliSvc.url} (data in ${path.join(base, 'meili')})`);
    }
    recordPids();
    updateRunFile(base, { ready: true });
    const unsupervise = () => {
      pgSvc?.unsupervise();
      meiliSvc?.unsupervise();
    };
    return { databaseUrl, meiliUrl, meiliKey, dir: base, attached: false, stop, unsupervise };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The same server URL for another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** SESSION_SECRET, or one generated once and kept under DATA_DIR. */
export function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
