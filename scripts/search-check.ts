/**
 * npm run search:check: compares published listings in PostgreSQL with the Meilisearch indexes,
 * prints the drift, and repairs it through the outbox (unless --dry-run). Exit code 1 when drift remains.
 */
import { checkDrift, createSearchSync, repairDrift } from '../server/components/listings/index.js';
import { logger } from '../server/lib/logger.js';
import { args, withPlatform } from './cli.js';

const dryRun = args()['dry-run'] === 'true';

const remaining = await withPlatform(async ({ db, search }) => {
  const drift = await checkDrift(db, search);
  for (const d of drift) console.log(`${d.kind.padEnd(12)} missing ${d.missing.length}, extra ${d.extra.length}, stale ${d.stale.length}`);
  const total = drift.reduce((n, d) => n + d.missing.length + d.extra.length + d.stale.length, 0);
  if (!total) {
    console.log('No drift: the index matches PostgreSQL.');
    return 0;
  }
  if (dryRun) return total;
  console.log(`Repairing ${await repairDrift(db, drift)} listings through the outbox…`);
  const sync = createSearchSync(db, search, logger);
  await sync.drain();
  const after = await checkDrift(db, search);
  const left = after.reduce((n, d) => n + d.missing.length + d.extra.length + d.stale.length, 0);
  console.log(left ? `Drift left after repair: ${left}` : 'Repaired: drift is now zero.');
  return left;
});
process.exitCode = remaining ? 1 : 0;
