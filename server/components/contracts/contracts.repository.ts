import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../lib/db.js';
import {
  contractAmendments,
  contractBrokerTotals,
  contractBuyerTotals,
  contractCityTransfers,
  contractIdempotencyKeys,
  contractOutsideTotals,
  contractRegistrarTotals,
  contractRegistrationCounters,
  contracts,
  contractZoneTotals,
  holidays,
} from './contracts.tables.js';

export type ContractRow = typeof contracts.$inferSelect;
export type NewContract = typeof contracts.$inferInsert;

export async function insertContract(db: Tx, values: NewContract): Promise<ContractRow> {
  const [row] = await db.insert(contracts).values(values).returning();
  return row!;
}

export async function findContract(db: Tx, id: string, lock = false): Promise<ContractRow | undefined> {
  const q = db.select().from(contracts).where(eq(contracts.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateContract(db: Tx, id: string, set: Partial<NewContract>): Promise<ContractRow> {
  const [row] = await db
    .update(contracts)
    .set({ ...set, updatedAt: new Date(), version: sql`${contracts.version} + 1` })
    .where(eq(contracts.id, id))
    .returning();
  return row!;
}

/** Contracts that look like `v` (same parties, amount and signing date, or the same name), still live. */
export async function likelyDuplicates(db: Tx, v: NewContract): Promise<ContractRow[]> {
  const party = (side: 'seller' | 'buyer') => {
    const r = v as Record<string, unknown>;
    const key = r[`${side}CreditCode`] ?? r[`${side}IdNumber`];
    const col = side === 'seller' ? contracts.sellerCreditCode : contracts.buyerCreditCode;
    const idCol = side === 'seller' ? contracts.sellerIdNumber : contracts.buyerIdNumber;
    const nameCol = side === 'seller' ? contracts.sellerName : contracts.buyerName;
    if (key) return or(eq(col, key as string), eq(idCol, key as string))!;
    return eq(nameCol, r[`${side}Name`] as string);
  };
  return db
    .select()
    .from(contracts)
    .where(
      and(
        notInArray(contracts.status, ['withdrawn', 'refused', 'cancelled']),
        or(and(party('seller'), party('buyer'), eq(contracts.amount, v.amount), eq(contracts.signedAt, v.signedAt)), eq(contracts.name, v.name.trim())),
      ),
    )
    .orderBy(desc(contracts.createdAt))
    .limit(20);
}

/** Who may see which contracts in a list: everything, or the union of these scopes. */
export interface ListScope {
  all: boolean;
  orgId?: string;
  userId?: string;
  zoneId?: string | null;
  /** A registrar: its stations' contracts and unrouted ones. */
  registrar?: { stationIds: string[] };
}

export async function listContracts(
  db: Db,
  scope: ListScope,
  f: { zoneId?: string; outsideZones?: boolean; stationId?: string; year?: number; type?: string; status?: string; overdueAt?: Date; text?: string; page: number; pageSize: number },
) {
  const conds: SQL[] = [];
  if (!scope.all) {
    const mine: SQL[] = [];
    if (scope.orgId) mine.push(eq(contracts.createdByOrgId, scope.orgId), eq(contracts.sellerOrgId, scope.orgId), eq(contracts.buyerOrgId, scope.orgId));
    if (scope.userId) mine.push(eq(contracts.brokerId, scope.userId), eq(contracts.createdBy, scope.userId));
    if (scope.zoneId) mine.push(eq(contracts.zoneId, scope.zoneId));
    if (scope.registrar) {
      mine.push(isNull(contracts.stationId));
      if (scope.registrar.stationIds.length) mine.push(inArray(contracts.stationId, scope.registrar.stationIds));
    }
    conds.push(or(...mine)!);
  }
  if (f.zoneId) conds.push(eq(contracts.zoneId, f.zoneId));
  if (f.outsideZones) conds.push(isNull(contracts.zoneId));
  if (f.stationId) conds.push(eq(contracts.stationId, f.stationId));
  if (f.year) conds.push(gte(contracts.signedAt, `${f.year}-01-01`), lt(contracts.signedAt, `${f.year + 1}-01-01`));
  if (f.type) conds.push(eq(contracts.type, f.type));
  if (f.status) conds.push(eq(contracts.status, f.status));
  if (f.overdueAt) conds.push(inArray(contracts.status, ['submitted']), lt(contracts.dueAt, f.overdueAt));
  if (f.text) {
    const like = `%${f.text.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(ilike(contracts.name, like), ilike(contracts.sellerName, like), ilike(contracts.buyerName, like), ilike(contracts.registrationNumber, like))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  // The registrar's queue reads oldest deadline first; everything else newest first.
  const order = f.status === 'submitted' ? [asc(contracts.dueAt), asc(contracts.id)] : [desc(contracts.createdAt), desc(contracts.id)];
  const [items, [total]] = await Promise.all([
    db.select().from(contracts).where(where).orderBy(...order).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(contracts).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * Claims an Idempotency-Key for a user. A concurrent claim of the same key waits on the unique
 * index until the first transaction ends, then sees its row: never two contracts for one key.
 */
export async function claimIdempotencyKey(db: Tx, userId: string, key: string, requestHash: string) {
  const inserted = await db.insert(contractIdempotencyKeys).values({ userId, key, requestHash }).onConflictDoNothing().returning();
  if (inserted.length) return { claimed: true as const };
  const [row] = await db
    .select()
    .from(contractIdempotencyKeys)
    .where(and(eq(contractIdempotencyKeys.userId, userId), eq(contractIdempotencyKeys.key, key)));
  return { claimed: false as const, row: row! };
}

export async function setIdempotencyContract(db: Tx, userId: string, key: string, contractId: string): Promise<void> {
  await db
    .update(contractIdempotencyKeys)
    .set({ contractId })
    .where(and(eq(contractIdempotencyKeys.userId, userId), eq(contractIdempotencyKeys.key, key)));
}

/**
 * The next serial of a registering body's year. The upsert holds the counter row's lock until the
 * transaction ends (as SELECT … FOR UPDATE would), so serials are handed out one at a time and a
 * rolled-back registration gives its serial back: no duplicates, no gaps.
 */
export async function nextSerial(db: Tx, regionCode: string, year: number): Promise<number> {
  const [row] = await db
    .insert(contractRegistrationCounters)
    .values({ regionCode, year, lastSerial: 1 })
    .onConflictDoUpdate({
      target: [contractRegistrationCounters.regionCode, contractRegistrationCounters.year],
      set: { lastSerial: sql`${contractRegistrationCounters.lastSerial} + 1` },
    })
    .returning({ serial: contractRegistrationCounters.lastSerial });
  return row!.serial;
}

export async function insertAmendment(db: Tx, values: typeof contractAmendments.$inferInsert): Promise<void> {
  await db.insert(contractAmendments).values(values);
}

export const amendmentsOf = (db: Tx, contractId: string) =>
  db.select().from(contractAmendments).where(eq(contractAmendments.contractId, contractId)).orderBy(asc(contractAmendments.createdAt));

// Calendar

export type HolidayRow = typeof holidays.$inferSelect;
export async function insertMissingHolidays(db: Tx, rows: HolidayRow[]): Promise<void> {
  if (rows.length) await db.insert(holidays).values(rows).onConflictDoNothing();
}
export const allHolidays = (db: Tx) => db.select().from(holidays).orderBy(asc(holidays.date));
export async function upsertHoliday(db: Tx, row: HolidayRow): Promise<void> {
  await db
    .insert(holidays)
    .values(row)
    .onConflictDoUpdate({ target: holidays.date, set: { kind: row.kind, name: row.name, provisional: row.provisional } });
}
export async function deleteHoliday(db: Tx, date: string): Promise<boolean> {
  return (await db.delete(holidays).where(eq(holidays.date, date)).returning()).length > 0;
}

// Reads of the roll-ups (what the indicators, targets, subsidies and dashboards are made of)

const sumCols = (t: { count: AnyPgColumn; amount: AnyPgColumn; techAmount: AnyPgColumn }) => ({
  count: sql<number>`coalesce(sum(${t.count}), 0)::int`,
  amount: sql<string>`coalesce(sum(${t.amount}), 0)::text`,
  techAmount: sql<string>`coalesce(sum(${t.techAmount}), 0)::text`,
});

/** Zone totals per zone, year, month and type, for zones (all when omitted) and a range of signing years. */
export async function zoneTotals(db: Tx, f: { zoneIds?: string[]; fromYear: number; toYear: number }) {
  const t = contractZoneTotals;
  const conds: SQL[] = [gte(t.year, f.fromYear), lt(t.year, f.toYear + 1)];
  if (f.zoneIds) conds.push(f.zoneIds.length ? inArray(t.zoneId, f.zoneIds) : sql`false`);
  return db
    .select({ zoneId: t.zoneId, year: t.year, month: t.month, type: t.type, ...sumCols(t) })
    .from(t)
    .where(and(...conds))
    .groupBy(t.zoneId, t.year, t.month, t.type);
}

/**
 * Zone totals summed in SQL by year, and by month, type and zone within each year (grouping sets):
 * what a dashboard shows, in one small result whatever the number of contracts.
 */
export async function zoneTotalsGrouped(db: Tx, f: { zoneIds?: string[]; fromYear: number; toYear: number }) {
  const t = contractZoneTotals;
  const zoneCond = f.zoneIds ? (f.zoneIds.length ? sql`and ${inArray(t.zoneId, f.zoneIds)}` : sql`and false`) : sql``;
  const { rows } = await db.execute(sql`
    select ${t.year} as year, ${t.month} as month, ${t.type} as type, ${t.zoneId} as zone_id,
      case grouping(${t.month}, ${t.type}, ${t.zoneId}) when 7 then 'year' when 3 then 'month' when 5 then 'type' else 'zone' end as dim,
      sum(${t.count})::int as count, sum(${t.amount})::text as amount, sum(${t.techAmount})::text as tech_amount
    from ${t}
    where ${t.year} between ${f.fromYear} and ${f.toYear} ${zoneCond}
    group by grouping sets ((${t.year}), (${t.year}, ${t.month}), (${t.year}, ${t.type}), (${t.year}, ${t.zoneId}))`);
  return (rows as { year: number; month: number | null; type: string | null; zone_id: string | null; dim: 'year' | 'month' | 'type' | 'zone'; count: number; amount: string; tech_amount: string }[]).map((r) => ({
    dim: r.dim,
    year: r.year,
    month: r.month,
    type: r.type,
    zoneId: r.zone_id,
    count: r.count,
    amount: r.amount,
    techAmount: r.tech_amount,
  }));
}

/** Contracts outside any zone per signing year, month, type and city (contract_outside_totals). */
export async function outsideTotals(db: Tx, f: { fromYear: number; toYear: number }) {
  const t = contractOutsideTotals;
  return db
    .select({ cityCode: t.cityCode, year: t.year, month: t.month, type: t.type, ...sumCols(t) })
    .from(t)
    .where(and(gte(t.year, f.fromYear), lt(t.year, f.toYear + 1)))
    .groupBy(t.cityCode, t.year, t.month, t.type);
}

export async function cityTransfers(db: Tx, year: number) {
  const t = contractCityTransfers;
  return db
    .select({ cityCode: t.cityCode, ...sumCols(t) })
    .from(t)
    .where(eq(t.year, year))
    .groupBy(t.cityCode);
}

/** Subsidy bases per beneficiary, zone and month of a year. */
export async function beneficiaryBases(db: Tx, year: number, zoneIds?: string[]) {
  const zoneFilter = (t: { zoneId: AnyPgColumn }) => (zoneIds ? (zoneIds.length ? inArray(t.zoneId, zoneIds) : sql`false`) : undefined);
  const r = contractRegistrarTotals;
  const b = contractBrokerTotals;
  const e = contractBuyerTotals;
  const [registrars, brokers, buyers] = await Promise.all([
    db
      .select({ orgId: r.registrarOrgId, zoneId: r.zoneId, month: r.month, ...sumCols(r) })
      .from(r)
      .where(and(eq(r.year, year), zoneFilter(r)))
      .groupBy(r.registrarOrgId, r.zoneId, r.month),
    db
      .select({ brokerId: b.brokerId, orgId: b.brokerOrgId, zoneId: b.zoneId, month: b.month, ...sumCols(b) })
      .from(b)
      .where(and(eq(b.year, year), zoneFilter(b)))
      .groupBy(b.brokerId, b.brokerOrgId, b.zoneId, b.month),
    db
      .select({ creditCode: e.buyerCreditCode, regionCode: e.buyerRegionCode, name: sql<string>`max(${e.buyerName})`, zoneId: e.zoneId, month: e.month, ...sumCols(e) })
      .from(e)
      .where(and(eq(e.year, year), zoneFilter(e)))
      .groupBy(e.buyerCreditCode, e.buyerRegionCode, e.zoneId, e.month),
  ]);
  return { registrars, brokers, buyers };
}

/** Registered contracts of a zone and signing year (report breakdown), newest first. */
export async function registeredOfZoneYear(db: Tx, zoneId: string, year: number, limit: number) {
  return db
    .select()
    .from(contracts)
    .where(
      and(
        eq(contracts.zoneId, zoneId),
        gte(contracts.signedAt, `${year}-01-01`),
        lt(contracts.signedAt, `${year + 1}-01-01`),
        inArray(contracts.status, ['registered', 'amended']),
      ),
    )
    .orderBy(asc(contracts.signedAt), asc(contracts.registrationNumber))
    .limit(limit);
}
