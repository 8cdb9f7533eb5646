/** Shared start-up for command-line scripts: config, services (embedded or external), migrated database. */
import fs from 'node:fs';
import { loadConfig } from '../server/config.js';
import { connectDb, migrateDb, type Db } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch, type Search } from '../server/lib/search.js';
import { startServices } from '../server/lib/services.js';
import { seedBase } from '../seed/base.js';
import { wireComponents } from '../server/components/wiring.js';

/** Runs `fn` with a migrated database and a search client, then stops everything it started. */
export async function withPlatform<T>(fn: (p: { db: Db; search: Search }) => Promise<T>): Promise<T> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  // Scripts run use cases without createApp: the components' hooks (file visibility, indicator 23, …) first.
  wireComponents();
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const services = await startServices(config, logger);
  const db = connectDb(services.databaseUrl);
  try {
    await migrateDb(db);
    await seedBase(db);
    return await fn({ db, search: connectSearch(services.meiliUrl, services.meiliKey, config.meiliIndexPrefix) });
  } finally {
    await db.$client.end();
    await services.stop();
  }
}

/** `--name value` pairs from argv. */
export function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) out[a.slice(2)] = argv[i + 1] && !argv[i + 1]!.startsWith('--') ? argv[++i]! : 'true';
  }
  return out;
}
