/**
 * One HTTP process (the only one, or a node:cluster worker): database pool, job queue, search outbox,
 * the Express app and Socket.IO on the shared port. `drain()` is the graceful stop (SIGTERM): stop accepting,
 * let in-flight requests finish, send WebSocket clients off to reconnect (to another worker or machine),
 * then close the job queue and the pools.
 */
import http from 'node:http';
import type { Config } from './config.js';
import { createApp } from './app.js';
import { connectDb } from './lib/db.js';
import { createRoomAdapter } from './lib/realtime-adapter.js';
import { startJobs } from './lib/jobs.js';
import type { Logger } from './lib/logger.js';
import { connectSearch } from './lib/search.js';
import { sessionSecret } from './lib/services.js';
import { createSearchSync } from './components/listings/index.js';
import { registerJobs } from './jobs.js';

export interface ServiceUrls {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
}

export interface Served {
  /** Graceful stop; resolves when everything this process opened is closed. */
  drain(): Promise<void>;
}

export async function serve(config: Config, services: ServiceUrls, opts: { worker: number | null; log: Logger }): Promise<Served> {
  const { log, worker } = opts;
  const closers: (() => Promise<unknown> | unknown)[] = [];
  const closeAll = async () => {
    for (const [i, c] of [...closers.splice(0).entries()].reverse()) {
      const t = Date.now();
      await Promise.resolve().then(c).catch((err: unknown) => log.error({ err }, 'cleanup failed'));
      log.debug({ step: i, ms: Date.now() - t }, 'drain step done');
    }
  };
  try {
    const db = connectDb(services.databaseUrl, config.workers > 1 ? 10 : 20);
    closers.push(() => db.$client.end());
    const search = connectSearch(services.meiliUrl, services.meiliKey, config.meiliIndexPrefix);
    const jobs = await startJobs(services.databaseUrl, log);
    closers.push(() => jobs.stop({ graceful: true, wait: true, timeout: 5_000 }));
    const sync = createSearchSync(db, search, log, jobs);
    closers.push(() => sync.stop());
    // Socket.IO across processes: its own 3 connections (LISTEN, the publisher, attachments and cleanup), so a busy
    // app pool never delays an event and the adapter never takes the app's connections (server/lib/realtime-adapter.ts).
    const adapterPool = connectDb(services.databaseUrl, 3).$client;
    closers.push(() => adapterPool.end());
    const rooms = createRoomAdapter(adapterPool, { errorHandler: (err: Error) => log.warn({ err: { message: err.message } }, 'socket.io adapter error') });
    // At shutdown the last messages (a presence report, the adapter's goodbye) go out first; at most 2 s if PostgreSQL is away.
    closers.push(() => Promise.race([rooms.idle(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]));

    const built = createApp({
      config,
      db,
      search,
      sessionSecret: sessionSecret(config),
      sync,
      jobs,
      worker,
      socketOptions: {
        // Every namespace, present and future, delivers to this process's sockets at once and broadcasts through
        // PostgreSQL NOTIFY to the other processes (workers here, app machines elsewhere); nothing to wire per namespace.
        adapter: rooms.adapter,
        transports: config.socketPolling ? ['polling', 'websocket'] : ['websocket'],
      },
    });
    closers.push(built.close);
    const server = http.createServer(built.app);
    const io = built.attachSockets(server);
    // Jobs after the sockets (a job may notify) and before listening: a process that listens (what the primary
    // and the run file call "up") has its job workers, schedules and start-up jobs in place.
    await registerJobs(jobs, built, log, { startupJobs: worker === null || worker === 1 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });

    let draining = false;
    // While draining, every answer closes its connection, so keep-alive clients come back through the balancer.
    server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      if (draining) res.setHeader('Connection', 'close');
    });
    closers.push(async () => {
      // Stop accepting (under node:cluster the primary stops handing this worker connections), close idle keep-alive connections.
      const closed = new Promise((resolve) => server.close(resolve));
      // WebSocket connections are upgraded out of the HTTP server's reach: closing the engine drops them with
      // "transport close", on which clients reconnect by themselves, to a process that still runs.
      io.engine.close();
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      grace.unref();
      await closed;
      clearTimeout(grace);
    });

    // Whatever was written while the search engine was away (or before a restart) goes in now.
    sync.kick();
    return {
      drain: async () => {
        draining = true;
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

