import { expect } from 'chai';
import { connectSearch } from '../../server/lib/search.js';
import { runMatchingEval } from '../../scripts/lib/matching-eval.js';
import { isolatedDatabase, testEnv } from '../setup/global.js';

/** nDCG@10 measured with `npm run eval:matching` when this test was written (docs/matching.md). */
const MEASURED_NDCG10 = 0.844;

describe('matching quality on the labelled set', () => {
  it(`keeps nDCG@10 within 0.05 of the measured ${MEASURED_NDCG10} and ahead of title search`, async () => {
    const database = await isolatedDatabase();
    try {
      const env = testEnv();
      const search = connectSearch(env.config.meiliUrl!, env.services.meiliKey, `${env.search.prefix}eval_`);
      const { pipeline, baseline } = await runMatchingEval(database.db, search);
      expect(pipeline.ndcg10).to.be.at.least(MEASURED_NDCG10 - 0.05);
      expect(pipeline.ndcg10).to.be.at.least(1.3 * baseline.ndcg10);
    } finally {
      await database.drop();
    }
  });
});
