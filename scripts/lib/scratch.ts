/**
 * A throw-away platform for an evaluation: the services (DATA_DIR/eval, or the external ones), a fresh database
 * migrated and seeded with the taxonomy, and an index prefix of its own. `run` gets them; everything it made is
 * removed afterwards, whatever happens.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../server/config.js';
import { connectDb, migrateDb, type Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import { connectSearch, type Search } from '../../server/lib/search.js';
import { startServices } from '../../server/lib/services.js';
import { seedBase } from '../../seed/base.js';

export interface Scratch {
  db: Db;
  search: Search;
  /** Another search client on a sub-prefix (removed with the rest). */
  searchAt(suffix: string): Search;
}

export async function withScratchPlatform<T>(prefix: string, run: (scratch: Scratch) => Promise<T>): Promise<T> {
  logger.level = 'warn';
  const services = await startServices(loadConfig(), logger, { subdir: 'eval', database: 'postgres' });
  const name = `${prefix}_${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  const admin = new pg.Client({ connectionString: services.databaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(services.databaseUrl);
  url.pathname = `/${name}`;
  const db = connectDb(url.toString());
  const searchAt = (suffix: string) => connectSearch(services.meiliUrl, services.meiliKey, `${name}_${suffix}`);
  const search = searchAt('');
  try {
    await migrateDb(db);
    await seedBase(db);
    return await run({ db, search, searchAt });
  } finally {
    await db.$client.end();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    const { results } = await search.client.getIndexes({ limit: 1000 });
    for (const i of results) if (i.uid.startsWith(`${name}_`)) await search.client.deleteIndex(i.uid);
    await services.stop();
  }
}
