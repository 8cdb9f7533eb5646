/** npm run eval:search: first-page precision and recall@20 of the catalogue search on the demo data (test/fixtures/search-eval.json). */
import { runSearchEval } from './lib/search-eval.js';
import { withScratchPlatform } from './lib/scratch.js';

const verbose = process.argv.includes('--verbose');
await withScratchPlatform('evals', async ({ db, search }) => {
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
});
