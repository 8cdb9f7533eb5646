/** npm run eval:matching: nDCG@10, P@5, MRR, recall@10 of the matching pipeline beside a title-search baseline, in one run. */
import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/config.js';
import { connectDb, migrateDb } from '../server/lib/db.js';
import { logger } from '../server/lib/logger.js';
import { connectSearch } from '../server/lib/search.js';
import { startServices } from '../server/lib/services.js';
import { seedBase } from '../seed/base.js';
import { runMatchingEval } from './lib/matching-eval.js';

logger.level = 'warn';
const config = loadConfig();
const services = await startServices(config, logger, { subdir: 'eval', database: 'postgres' });
const name = `eval_${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const admin = new pg.Client({ connectionString: services.databaseUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(services.databaseUrl);
url.pathname = `/${name}`;
const db = connectDb(url.toString());
const search = connectSearch(services.meiliUrl, services.meiliKey, `${name}_`);
try {
  await migrateDb(db);
  await seedBase(db);
  const started = Date.now();
  const r = await runMatchingEval(db, search);
  const row = (label: string, p: number, b: number) => `| ${label.padEnd(10)} | ${p.toFixed(3)} | ${b.toFixed(3)} | ${b ? (p / b).toFixed(2) + '×' : '∞'} |`;
  console.log(`\nMatching quality on ${r.demands} labelled demands (test/fixtures/matching-eval.json), ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| metric     | pipeline | baseline (title search) | ratio |');
  console.log('|---|---|---|---|');
  console.log(row('nDCG@10', r.pipeline.ndcg10, r.baseline.ndcg10));
  console.log(row('P@5', r.pipeline.p5, r.baseline.p5));
  console.log(row('MRR', r.pipeline.mrr, r.baseline.mrr));
  console.log(row('recall@10', r.pipeline.recall10, r.baseline.recall10));
  if (process.argv.includes('--verbose')) for (const d of r.perDemand) console.log(d.key, 'pipeline', d.pipeline.join(','), '| baseline', d.baseline.join(','));
} finally {
  await db.$client.end();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  const { results } = await search.client.getIndexes({ limit: 1000 });
  for (const i of results) if (i.uid.startsWith(`${name}_`)) await search.client.deleteIndex(i.uid);
  await services.stop();
}
