/**
 * npm run restore -- FILE: loads a backup into an empty database (an empty DATA_DIR, or an empty DATABASE_URL) and an
 * empty files directory, then rebuilds the search indexes. Refuses a non-empty target, and a running server's DATA_DIR.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { connectDb, migrateDb } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch } from '../server/lib/search.js';
import { startServices } from '../server/lib/services.js';
import { liveRunFile } from '../server/lib/runfile.js';
import { reindex } from '../server/components/listings/index.js';
import { databaseNotEmpty, listFiles, loadTables, openArchive, restoreFiles } from './lib/backup.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig();
logger.level = process.env.LOG_LEVEL ?? 'warn';
const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
if (!file) fail('Usage: npm run restore -- FILE (an archive written by npm run backup)');

const owner = liveRunFile(config.dataDir);
if (owner) fail(`${owner.name} (pid ${owner.pid}) is running on DATA_DIR ${config.dataDir}: stop it before restoring (restore writes into an empty installation only).`);
const existingFiles = listFiles(config.filesDir).filter((f) => !path.relative(config.filesDir, f).startsWith(`tmp${path.sep}`));
if (existingFiles.length) fail(`The files directory ${config.filesDir} is not empty (${existingFiles.length} files): restore into an empty DATA_DIR / FILES_DIR.`);

const archive = await openArchive(path.resolve(file!)).catch((err: Error) => fail(`Cannot read the archive: ${err.message}`));
const services = await startServices(config, logger, { name: 'restore' });
let code = 0;
try {
  const started = Date.now();
  const reason = await databaseNotEmpty(services.databaseUrl);
  if (reason) throw new Error(`Refusing to restore: ${reason}. Restore into an empty DATA_DIR or an empty database.`);
  const db = connectDb(services.databaseUrl, 4);
  try {
    await migrateDb(db);
    const { rows } = await db.$client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    if (archive.manifest.migrations > (rows[0]?.n ?? 0)) throw new Error(`Refusing to restore: the archive comes from a newer version (${archive.manifest.migrations} migrations; this one has ${rows[0]?.n}). Update the code first.`);
    console.log(`Restoring the backup of ${archive.manifest.createdAt}…`);
    await loadTables(services.databaseUrl, archive.dir, archive.manifest, (l) => console.log(l));
    const files = restoreFiles(archive.dir, config.filesDir);
    console.log(`  ${files} files`);
    const search = connectSearch(services.meiliUrl, services.meiliKey, config.meiliIndexPrefix);
    const indexed = await reindex(db, search);
    console.log(`Restored in ${((Date.now() - started) / 1000).toFixed(1)} s; search indexes rebuilt (${indexed.achievement} achievements, ${indexed.demand} demands).`);
  } finally {
    await db.$client.end();
  }
} catch (err) {
  const message = (err as Error).message;
  console.error(message.startsWith('Refusing') ? message : `Restore failed: ${message}`);
  code = 1;
} finally {
  archive.cleanup();
  await services.stop();
}
process.exit(code);
