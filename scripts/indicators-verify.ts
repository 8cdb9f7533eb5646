/**
 * npm run indicators:verify [-- --rebuild]: recomputes every contract roll-up from the contracts
 * table and prints each difference; exits 1 when there is any. --rebuild first replaces the
 * roll-ups with the recomputation (after a bulk load or to repair), then verifies.
 */
import { rebuildRollups, rollupDifferences } from '../server/components/contracts/index.js';
import { args, withPlatform } from './cli.js';

const opts = args();
const differences = await withPlatform(async ({ db }) => {
  if (opts.rebuild) {
    await db.transaction((tx) => rebuildRollups(tx));
    console.log('Roll-ups rebuilt from the contracts table.');
  }
  const started = Date.now();
  const tables = await rollupDifferences(db);
  console.log('table                          rows   differences');
  for (const t of tables) console.log(`${t.table.padEnd(30)} ${String(t.rows).padStart(6)}   ${t.differences.length}`);
  for (const t of tables) {
    for (const d of t.differences) console.log(`  ${t.table} ${JSON.stringify(d.key)}: stored ${JSON.stringify(d.stored)} ≠ recomputed ${JSON.stringify(d.recomputed)}`);
  }
  const total = tables.reduce((n, t) => n + t.differences.length, 0);
  console.log(`indicators:verify: ${total} differences (${Date.now() - started} ms)`);
  return total;
});
process.exit(differences === 0 ? 0 : 1);
