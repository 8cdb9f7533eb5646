import { expect } from 'chai';
import { connectSearch } from '../../server/lib/search.js';
import { runMatchingEval, type KeywordMode } from '../../scripts/lib/matching-eval.js';
import { isolatedDatabase, testEnv } from '../setup/global.js';

/** nDCG@10 measured with `npm run eval:matching` when this test was written (docs/matching.md). */
const MEASURED: Record<KeywordMode, number> = { keyword: 0.916, generic: 0.903, none: 0.903 };

describe('matching quality on the labelled set', () => {
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  before(async () => {
    database = await isolatedDatabase();
  });
  after(async () => {
    await database.drop();
  });

  for (const mode of ['keyword', 'generic'] as const) {
    it(`keeps nDCG@10 within 0.03 of the measured ${MEASURED[mode]} with ${mode === 'keyword' ? 'the listed keywords' : 'one generic keyword (「技术」)'}, ahead of title search`, async () => {
      const env = testEnv();
      const search = connectSearch(env.config.meiliUrl!, env.services.meiliKey, `${env.search.prefix}eval_${mode}_`);
      const { pipeline, baseline } = await runMatchingEval(database.db, search, mode);
      expect(pipeline.ndcg10).to.be.at.least(MEASURED[mode] - 0.03);
      expect(pipeline.ndcg10).to.be.at.least(1.3 * baseline.ndcg10);
      if (mode !== 'keyword') expect(pipeline.ndcg10, 'robust to the keywords a user happened to type').to.be.at.least(0.9 * MEASURED.keyword);
    });
  }
});
