/** npm run eval:matching: nDCG@10, P@5, MRR, recall@10 of the matching pipeline beside a title-search baseline, in one run. */
import { KEYWORD_MODES, runMatchingEval, type KeywordMode } from './lib/matching-eval.js';
import { withScratchPlatform } from './lib/scratch.js';

const arg = process.argv.indexOf('--keywords');
const only = arg >= 0 ? (process.argv[arg + 1] as KeywordMode) : null;
if (only && !KEYWORD_MODES.includes(only)) throw new Error(`--keywords must be one of ${KEYWORD_MODES.join(', ')}`);
const modes = only ? [only] : KEYWORD_MODES;
await withScratchPlatform('eval', async ({ db, searchAt }) => {
  const started = Date.now();
  const results = [];
  for (const mode of modes) {
    // Each mode on its own index prefix, so the keyword variants do not mix.
    const r = await runMatchingEval(db, searchAt(`${mode}_`), mode);
    results.push({ mode, r });
    if (process.argv.includes('--verbose')) for (const d of r.perDemand) console.log(mode, d.key, 'pipeline', d.pipeline.join(','), '| baseline', d.baseline.join(','));
  }
  console.log(`\nMatching quality on ${results[0]!.r.demands} labelled demands (test/fixtures/matching-eval.json), ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| keywords | nDCG@10 | P@5 | MRR | recall@10 | nDCG@10 baseline (title search) | nDCG@10 vs keyword mode |');
  console.log('|---|---|---|---|---|---|---|');
  const keywordNdcg = results.find((x) => x.mode === 'keyword')?.r.pipeline.ndcg10;
  for (const { mode, r } of results) {
    const p = r.pipeline;
    const vs = keywordNdcg ? `${(p.ndcg10 / keywordNdcg).toFixed(2)}×` : '–';
    console.log(`| ${mode} | ${p.ndcg10.toFixed(4)} | ${p.p5.toFixed(3)} | ${p.mrr.toFixed(3)} | ${p.recall10.toFixed(3)} | ${r.baseline.ndcg10.toFixed(3)} | ${vs} |`);
  }
});
