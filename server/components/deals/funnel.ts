/** The zone funnel (issue 8 item 7): published listings → matches → deals → negotiating → agreed → registered contracts. */
import type { Actor } from '../auth/index.js';
import type { DealsDeps } from './deals.service.js';
import { AppError } from '../../lib/errors.js';
import { findZone } from '../taxonomy/index.js';
import * as repo from './deals.repository.js';

export async function zoneFunnel({ db }: DealsDeps, _actor: Actor | null, { zoneId, year }: { zoneId: string; year: number }) {
  const zone = await findZone(db, zoneId);
  if (!zone) throw AppError.notFound('示范区');
  const r = await repo.funnelCounts(db, zoneId, year);
  return {
    zoneId,
    year,
    steps: [
      { key: 'published', count: r.achievements + r.demands, achievements: r.achievements, demands: r.demands },
      { key: 'matches', count: r.matches },
      { key: 'deals', count: r.started },
      { key: 'negotiating', count: r.negotiating },
      { key: 'agreed', count: r.agreed },
      { key: 'contracts', count: r.contracts, amount: r.contract_amount ?? '0.00' },
    ],
  };
}
