/** npm run eval:search: first-page precision and recall@20 of the catalogue search on the demo data (test/fixtures/search-eval.json). */
import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/config.js';
import { connectDb, migrateDb } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch } from '../server/lib/search.js';
import { startServices } from '../server/lib/services.js';
import { seedBase } from '../seed/base.js';
import { runSearchEval } from './lib/search-eval.js';

logger.level = 'warn';
const config = loadConfig();
const services = await startServices(config, logger, { subdir: 'eval', database: 'postgres' });
const name = `evals_${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const admin = new pg.Client({ connectionString: services.databaseUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(services.databaseUrl);
url.pathname = `/${name}`;
const db = connectDb(url.toString());
const search = connectSearch(services.meiliUrl, services.meiliKey, `${name}_`);
const verbose = process.argv.includes('--verbose');
try {
  await migrateDb(db);
  await seedBase(db);
  const started = Date.now();
  const r = await runSearchEval(db, search);
  if (verbose) {
    for (const run of r.runs) {
      console.log(`\n[${run.kind}] ${run.q}  P=${run.precision.toFixed(2)} R@20=${run.recall20.toFixed(2)} (${run.strictness})`);
      for (const t of run.items) console.log('   ', t);
      for (const t of run.related.slice(0, 8)) console.log('  ~', t);
    }
  }
  console.log(`\nCatalogue search on ${r.queries} queries over the demo data (test/fixtures/search-eval.json), ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| metric | strict first, related labelled | baseline (engine matching, one list) | target |');
  console.log('|---|---|---|---|');
  console.log(`| precision of the first page | ${r.precision.toFixed(3)} | ${r.baseline.precision.toFixed(3)} | ≥ 0.95 |`);
  console.log(`| recall@20 | ${r.recall20.toFixed(3)} | ${r.baseline.recall20.toFixed(3)} | ≥ 0.95 |`);
  const misses = r.runs.filter((x) => x.precision < 1 || x.recall20 < 1);
  if (misses.length) console.log(`\nBelow 1: ${misses.map((x) => `${x.q} (P ${x.precision.toFixed(2)}, R ${x.recall20.toFixed(2)})`).join('; ')}`);
} finally {
  await db.$client.end();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  const { results } = await search.client.getIndexes({ limit: 1000 });
  for (const i of results) if (i.uid.startsWith(`${name}_`)) await search.client.deleteIndex(i.uid);
  await services.stop();
}
