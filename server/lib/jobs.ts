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
