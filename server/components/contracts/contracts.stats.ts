/** Figures read from the roll-ups (never from a scan of `contracts`): dashboards, indicators, targets, subsidies. */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { canSeeStats } from './contracts.policy.js';
import { getTaxonomy } from '../taxonomy/index.js';
import * as repo from './contracts.repository.js';
import { centsToYuan, toCents } from './money.js';

interface Sum {
  count: number;
  amount: bigint;
  techAmount: bigint;
}
const zero = (): Sum => ({ count: 0, amount: 0n, techAmount: 0n });
const add = (s: Sum, r: { count: number; amount: string; techAmount: string }) => {
  s.count += r.count;
  s.amount += toCents(r.amount);
  s.techAmount += toCents(r.techAmount);
};
/** A sum as the API returns it: yuan numbers. */
export const presentSum = (s: Sum) => ({ count: s.count, amount: centsToYuan(s.amount), techAmount: centsToYuan(s.techAmount) });

/** Registered contracts of one zone and signing year, exact, in cents: total and per type and month. */
export async function zoneYearTurnover(db: Db, zoneId: string, year: number) {
  const rows = await repo.zoneTotals(db, { zoneIds: [zoneId], fromYear: year, toYear: year });
  const total = zero();
  const byType = new Map<string, Sum>();
  const byMonth = Array.from({ length: 12 }, zero);
  for (const r of rows) {
    add(total, r);
    if (!byType.has(r.type)) byType.set(r.type, zero());
    add(byType.get(r.type)!, r);
    add(byMonth[r.month - 1]!, r);
  }
  return { total, byType, byMonth };
}

/**
 * The zone dashboard: turnover by month of `year`, by year (five years to `year`), by contract
 * type, by zone and by city (of the zone; contracts outside any zone by their own city), for one zone or all.
 */
/** The statistics dashboard of the API: zone admins, admins and registrars (the portal reads `contractStats` for its public figures). */
export async function getContractStats(deps: { db: Db }, actor: Actor, input: { year: number; zoneId?: string }) {
  if (!canSeeStats(actor)) throw AppError.forbidden();
  return contractStats(deps.db, input);
}

export async function contractStats(db: Db, q: { year: number; zoneId?: string }) {
  const tax = await getTaxonomy(db);
  const rows = await repo.zoneTotalsGrouped(db, { zoneIds: q.zoneId ? [q.zoneId] : undefined, fromYear: q.year - 4, toYear: q.year });
  const zoneCity = new Map(tax.zones.map((z) => [z.id, z.cityCode]));
  const totals = zero();
  const byMonth = Array.from({ length: 12 }, zero);
  const byYear = new Map<number, Sum>(Array.from({ length: 5 }, (_, i) => [q.year - 4 + i, zero()]));
  const byType = new Map<string, Sum>(tax.contractTypes.map((t) => [t.code, zero()]));
  const byZone = new Map<string, Sum>();
  const byCity = new Map<string, Sum>(tax.cities.map((c) => [c.code, zero()]));
  for (const r of rows) {
    if (r.dim === 'year') {
      add(byYear.get(r.year)!, r);
      if (r.year === q.year) add(totals, r);
      continue;
    }
    if (r.year !== q.year) continue;
    if (r.dim === 'month') add(byMonth[r.month! - 1]!, r);
    else if (r.dim === 'type') {
      if (!byType.has(r.type!)) byType.set(r.type!, zero());
      add(byType.get(r.type!)!, r);
    } else {
      byZone.set(r.zoneId!, zero());
      add(byZone.get(r.zoneId!)!, r);
      const city = zoneCity.get(r.zoneId!);
      if (city && byCity.has(city)) add(byCity.get(city)!, r);
    }
  }
  // Contracts outside any zone count for their city and the province, never for a zone.
  const outside = zero();
  if (!q.zoneId) {
    for (const r of await repo.outsideTotals(db, { fromYear: q.year - 4, toYear: q.year })) {
      add(byYear.get(r.year)!, r);
      if (r.year !== q.year) continue;
      add(totals, r);
      add(outside, r);
      add(byMonth[r.month - 1]!, r);
      if (!byType.has(r.type)) byType.set(r.type, zero());
      add(byType.get(r.type)!, r);
      if (byCity.has(r.cityCode)) add(byCity.get(r.cityCode)!, r);
    }
  }
  const typeName = new Map(tax.contractTypes.map((t) => [t.code, t.name]));
  return {
    year: q.year,
    zoneId: q.zoneId ?? null,
    totals: presentSum(totals),
    byMonth: byMonth.map((s, i) => ({ month: i + 1, ...presentSum(s) })),
    byYear: [...byYear].map(([year, s]) => ({ year, ...presentSum(s) })),
    byType: [...byType].map(([type, s]) => ({ type, name: typeName.get(type) ?? type, ...presentSum(s) })),
    byZone: tax.zones
      .filter((z) => !q.zoneId || z.id === q.zoneId)
      .map((z) => ({ zoneId: z.id, name: z.name, cityCode: z.cityCode, ...presentSum(byZone.get(z.id) ?? zero()) })),
    byCity: tax.cities.map((c) => ({ cityCode: c.code, name: c.name, ...presentSum(byCity.get(c.code)!) })),
    /** Contracts outside any zone (in `totals` and `byCity`, in no `byZone` entry); null for a one-zone dashboard. */
    outsideZones: q.zoneId ? null : presentSum(outside),
  };
}

/** Achievements transferred per city in a year (toward the city targets). */
export async function cityTransferCounts(db: Db, year: number): Promise<Map<string, number>> {
  return new Map((await repo.cityTransfers(db, year)).map((r) => [r.cityCode, r.count]));
}
