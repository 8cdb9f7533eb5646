import PgBoss from 'pg-boss';
import type { Logger } from './logger.js';

export type Jobs = PgBoss;

/** pg-boss on the same database: jobs are rows in PostgreSQL, no other queue server. */
export async function startJobs(databaseUrl: string, log: Logger): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4 });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  return boss;
}
