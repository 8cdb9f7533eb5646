/** The public broker directory and profile (技术经纪人名录): service areas, qualifications, track record, rating. */
import type { Actor } from '../auth/index.js';
import type { DealsDeps } from './deals.service.js';
import { AppError } from '../../lib/errors.js';
import * as repo from './deals.repository.js';

type BrokerRow = Awaited<ReturnType<typeof repo.brokerDirectory>>['items'][number];

function present(r: BrokerRow) {
  return {
    id: r.id,
    name: r.name,
    organization: { id: r.organization_id, name: r.organization_name },
    zoneId: r.zone_id,
    level: r.broker_level,
    title: r.broker_title,
    industries: r.industries ?? [],
    cityCodes: r.city_codes ?? [],
    closedDeals: r.closed_deals,
    openDeals: r.open_deals,
    contracts: r.contract_count,
    contractAmount: r.contract_amount === null ? 0 : Number(r.contract_amount),
    rating: r.rating === null ? null : Math.round(Number(r.rating) * 100) / 100,
    ratingCount: r.rating_count,
  };
}

export async function listBrokers({ db }: DealsDeps, _actor: Actor | null, q: { q?: string; industry?: string; city?: string; page: number; pageSize: number }) {
  const { items, total } = await repo.brokerDirectory(db, { text: q.q, industry: q.industry, city: q.city, page: q.page, pageSize: q.pageSize });
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function getBroker({ db }: DealsDeps, _actor: Actor | null, { id }: { id: string }) {
  const { items } = await repo.brokerDirectory(db, { id, page: 1, pageSize: 1 });
  if (!items[0]) throw AppError.notFound('技术经纪人');
  return present(items[0]);
}
