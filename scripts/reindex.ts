/** npm run reindex: rebuilds the catalogue indexes from PostgreSQL into new indexes and swaps them in (search stays up). */
import cliProgress from 'cli-progress';
import { reindex } from '../server/components/listings/index.js';
import { withPlatform } from './cli.js';

await withPlatform(async ({ db, search }) => {
  // noTTYOutput: in a log or CI (no terminal) the bars are printed every few seconds, with their labels.
  const bars = new cliProgress.MultiBar({ format: ' {kind} |{bar}| {value}/{total} 条 ({percentage}%)', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
  const byKind = new Map<string, cliProgress.SingleBar>();
  const started = Date.now();
  const result = await reindex(db, search, (kind, done, total) => {
    let bar = byKind.get(kind);
    if (!bar) {
      bar = bars.create(Math.max(total, 1), 0, { kind: kind === 'achievement' ? '科技成果' : '技术需求' });
      byKind.set(kind, bar);
    }
    bar.update(done);
  });
  bars.stop();
  console.log(`Reindexed ${result.achievement} achievements and ${result.demand} demands in ${((Date.now() - started) / 1000).toFixed(1)} s; new indexes swapped in.`);
});
