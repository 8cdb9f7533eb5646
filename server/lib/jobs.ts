import PgBoss from 'pg-boss';
import { isDbUnavailable } from './db.js';
import type { Logger } from './logger.js';

export type Jobs = PgBoss;

/** pg-boss on the same database: jobs are rows in PostgreSQL, no other queue server. */
export async function startJobs(databaseUrl: string, log: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4 });
  // pg-boss keeps polling through a PostgreSQL outage and resumes by itself: an unreachable database is a warning.
  boss.on('error', (err: unknown) => (isDbUnavailable(err) ? log.warn({ err: { message: (err as Error).message } }, 'job queue: database unavailable') : log.error({ err }, 'job queue error')));
  await boss.start();
  return boss;
}

/** Retries for work handed from a process to pg-boss (5 s, then backing off, 10 times). */
const HANDED_OFF = { retryLimit: 10, retryDelay: 5, retryBackoff: true };

/**
 * In-process work in arrival order, one item at a time, for what must follow a commit promptly. An item that
 * fails, and whatever is still queued at `stop`, becomes the pg-boss job `job` (any process runs it, with
 * retries), so nothing is lost. `idle` resolves once everything queued so far has run (tests, benchmarks).
 */
export function inOrderWorker<T extends object>(opts: { work: (item: T) => Promise<unknown>; jobs?: Jobs; job: string; onFailure: (err: unknown, item: T) => void }) {
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const handOff = async (item: T) => {
    await opts.jobs?.send(opts.job, item, HANDED_OFF).catch(() => undefined);
  };
  const run = async (item: T) => {
    // Stopping: what is still queued becomes a durable job, run by whichever process is up next.
    if (stopped) return handOff(item);
    try {
      await opts.work(item);
    } catch (err) {
      opts.onFailure(err, item);
      await handOff(item);
    }
  };
  const idle = async () => {
    let seen: Promise<void> | null = null;
    while (seen !== queue) {
      seen = queue;
      await queue;
    }
  };
  return {
    push: (item: T) => {
      queue = queue.then(() => run(item));
    },
    idle,
    /** At shutdown, before the job queue and the pool close: the item in flight ends, the rest is handed to jobs. */
    stop: async () => {
      stopped = true;
      await idle();
    },
  };
}
