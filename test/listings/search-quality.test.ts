import { expect } from 'chai';
import { connectSearch } from '../../server/lib/search.js';
import { runSearchEval } from '../../scripts/lib/search-eval.js';
import { isolatedDatabase, testEnv } from '../setup/global.js';

/** Measured with `npm run eval:search` when this test was written (docs/listings-and-search.md). */
const MEASURED = { precision: 0.995, recall20: 0.997 };

describe('catalogue search quality on the demo data', () => {
  it('keeps first-page precision and recall@20 at the targets (≥ 0.95) and ahead of plain engine matching', async () => {
    const database = await isolatedDatabase();
    try {
      const env = testEnv();
      const search = connectSearch(env.config.meiliUrl!, env.services.meiliKey, `${env.search.prefix}seval_`);
      const r = await runSearchEval(database.db, search);
      expect(r.queries).to.be.at.least(40);
      expect(r.precision, 'precision of the first page').to.be.at.least(Math.min(0.95, MEASURED.precision - 0.02));
      expect(r.recall20, 'recall@20').to.be.at.least(Math.min(0.95, MEASURED.recall20 - 0.02));
      expect(r.precision).to.be.greaterThan(r.baseline.precision);
      const robot = r.runs.find((x) => x.q === '机器人')!;
      expect(robot.items, '「机器人」 shows only the robot listings as matches').to.have.members([
        '船舶分段结构智能焊接机器人系统',
        '汽车零部件柔性装配机器人三维视觉引导系统',
        '机加工产线机器人自动上下料与快速换型系统',
        '高反光金属工件三维视觉测量与无序抓取位姿估计技术',
      ]);
      expect(robot.related, 'the rest is labelled related').to.include('面向东盟小语种的神经机器翻译引擎');
    } finally {
      await database.drop();
    }
  });
});
