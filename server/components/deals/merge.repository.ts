import { and, eq, or, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { commissions, complaints, creditEvents, dealParticipants, dealRatings, deals } from './deals.tables.js';

/**
 * Why two organizations' deals cannot be folded together: they are counterparties of one deal, or both
 * hold an open deal for the same achievement (as buyer) or the same demand (as supplier) — one open deal
 * per pair is a rule of the deals component.
 */
export async function dealsMergeConflict(db: Tx, from: string, to: string): Promise<string | null> {
  const [shared] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(
      or(
        and(eq(deals.supplyOrgId, from), eq(deals.demandOrgId, to)),
        and(eq(deals.supplyOrgId, to), eq(deals.demandOrgId, from)),
        and(eq(deals.brokerOrgId, from), sql`${to}::uuid in (${deals.supplyOrgId}, ${deals.demandOrgId})`),
        and(eq(deals.brokerOrgId, to), sql`${from}::uuid in (${deals.supplyOrgId}, ${deals.demandOrgId})`),
      ),
    )
    .limit(1);
  if (shared) return '两个单位在同一洽谈中分属不同方';
  const rows = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from deals a join deals b on a.id <> b.id
     where a.stage not in ('closed', 'lost') and b.stage not in ('closed', 'lost')
       and ((a.achievement_id is not null and a.achievement_id = b.achievement_id and a.demand_org_id = ${from}::uuid and b.demand_org_id = ${to}::uuid)
         or (a.achievement_id is null and b.achievement_id is null and a.demand_id = b.demand_id and a.supply_org_id = ${from}::uuid and b.supply_org_id = ${to}::uuid))`);
  if ((rows.rows[0]?.n ?? 0) > 0) return '两个单位就同一成果或需求各有一个进行中的洽谈，请先结束其中一个';
  return null;
}

/** Organization merge: deals, participants, commissions, ratings, complaints and credit events follow the survivor. */
export async function reassignDealsOrganization(db: Tx, from: string, to: string): Promise<number> {
  const ids = new Set<string>();
  for (const col of ['supplyOrgId', 'demandOrgId', 'brokerOrgId', 'startedByOrgId'] as const) {
    const rows = await db
      .update(deals)
      .set({ [col]: to })
      .where(eq(deals[col], from))
      .returning({ id: deals.id });
    for (const r of rows) ids.add(r.id);
  }
  await db.update(dealParticipants).set({ orgId: to }).where(eq(dealParticipants.orgId, from));
  await db.update(commissions).set({ brokerOrgId: to }).where(eq(commissions.brokerOrgId, from));
  await db.update(commissions).set({ payerOrgId: to }).where(eq(commissions.payerOrgId, from));
  await db.update(dealRatings).set({ raterOrgId: to }).where(eq(dealRatings.raterOrgId, from));
  await db.update(dealRatings).set({ ratedOrgId: to }).where(eq(dealRatings.ratedOrgId, from));
  await db.update(complaints).set({ complainantOrgId: to }).where(eq(complaints.complainantOrgId, from));
  await db.update(complaints).set({ orgId: to }).where(eq(complaints.orgId, from));
  await db.update(creditEvents).set({ orgId: to }).where(eq(creditEvents.orgId, from));
  return ids.size;
}
