/**
 * npm run backup [-- --out FILE]: one archive (manifest, a consistent snapshot of every table, the uploaded files)
 * under BACKUP_DIR (default DATA_DIR/backups). Safe while the server runs: it attaches to the running services.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { logger } from '../server/lib/logger.js';
import { startServices } from '../server/lib/services.js';
import { backup } from './lib/backup.js';
import { args } from './cli.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfig();
logger.level = process.env.LOG_LEVEL ?? 'warn';
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const out = path.resolve(args().out ?? path.join(config.backupDir, `guijitong-${stamp}.tar.gz`));
if (fs.existsSync(out)) {
  console.error(`${out} exists already; choose another --out.`);
  process.exit(1);
}

const services = await startServices(config, logger, { name: 'backup' });
try {
  const started = Date.now();
  console.log(`Backing up${services.attached ? ' (the server keeps running)' : ''}…`);
  const manifest = await backup({ databaseUrl: services.databaseUrl, filesDir: config.filesDir, out, log: (l) => console.log(l) });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  const mb = (fs.statSync(out).size / 1024 / 1024).toFixed(1);
  console.log(`Backup written: ${out} (${mb} MB; ${manifest.tables.length} tables, ${rows} rows, ${manifest.files.count} files; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await services.stop();
}
