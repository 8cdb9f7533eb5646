import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { cityTargets, indicatorValueHistory, indicatorValues, subsidyRules, zoneCustomIndicators, zoneReports, zoneStatusHistory } from './indicators.tables.js';
import { organizations, userRoles, users, zones } from '../../db/schema.js';

export type ZoneRow = typeof zones.$inferSelect;
export type IndicatorValueRow = typeof indicatorValues.$inferSelect;
export type CustomIndicatorRow = typeof zoneCustomIndicators.$inferSelect;
export type SubsidyRuleRow = typeof subsidyRules.$inferSelect;

// Zones (the table belongs to taxonomy; its administration lives here)

export const listZones = (db: Tx) => db.select().from(zones).orderBy(asc(zones.cityCode), asc(zones.name));
export async function findZone(db: Tx, id: string, lock = false): Promise<ZoneRow | undefined> {
  const q = db.select().from(zones).where(eq(zones.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}
export async function findZoneBySlug(db: Tx, slug: string): Promise<ZoneRow | undefined> {
  const [row] = await db.select().from(zones).where(eq(zones.slug, slug));
  return row;
}
export async function insertZone(db: Tx, values: typeof zones.$inferInsert): Promise<ZoneRow> {
  const [row] = await db.insert(zones).values(values).returning();
  return row!;
}
export async function updateZone(db: Tx, id: string, set: Partial<typeof zones.$inferInsert>): Promise<ZoneRow> {
  const [row] = await db
    .update(zones)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(zones.id, id))
    .returning();
  return row!;
}
/** Deletes a zone and its own indicator data; false when contracts, organizations or roles still refer to it. */
export async function deleteZone(db: Tx, id: string): Promise<boolean> {
  try {
    await db.transaction(async (sp) => {
      for (const t of [zoneStatusHistory, indicatorValues, indicatorValueHistory, zoneCustomIndicators, zoneReports]) await sp.delete(t).where(eq(t.zoneId, id));
      await sp.delete(zones).where(eq(zones.id, id));
    });
    return true;
  } catch (err) {
    if ((err as { code?: string; cause?: { code?: string } }).code === '23503' || (err as { cause?: { code?: string } }).cause?.code === '23503') return false;
    throw err;
  }
}
export async function insertZoneStatus(db: Tx, values: typeof zoneStatusHistory.$inferInsert): Promise<void> {
  await db.insert(zoneStatusHistory).values(values);
}
export const zoneStatusHistoryOf = (db: Tx, zoneId: string) =>
  db.select().from(zoneStatusHistory).where(eq(zoneStatusHistory.zoneId, zoneId)).orderBy(asc(zoneStatusHistory.effectiveOn), asc(zoneStatusHistory.id));

// Indicator values

export const valuesOf = (db: Tx, zoneId: string, year: number) =>
  db.select().from(indicatorValues).where(and(eq(indicatorValues.zoneId, zoneId), eq(indicatorValues.year, year)));

/** Writes the current value and appends it to the history, in the caller's transaction. */
export async function putValue(db: Tx, v: { zoneId: string; year: number; code: string; valueNum: string | null; valueText: string | null; note: string; actorId: string }) {
  const now = new Date();
  const [row] = await db
    .insert(indicatorValues)
    .values({ zoneId: v.zoneId, year: v.year, code: v.code, valueNum: v.valueNum, valueText: v.valueText, note: v.note, updatedBy: v.actorId, updatedAt: now })
    .onConflictDoUpdate({
      target: [indicatorValues.zoneId, indicatorValues.year, indicatorValues.code],
      set: { valueNum: v.valueNum, valueText: v.valueText, note: v.note, updatedBy: v.actorId, updatedAt: now },
    })
    .returning();
  await db.insert(indicatorValueHistory).values({ zoneId: v.zoneId, year: v.year, code: v.code, valueNum: v.valueNum, valueText: v.valueText, note: v.note, actorId: v.actorId, createdAt: now });
  return row!;
}

export const historyOf = (db: Tx, zoneId: string, year: number, code: string) =>
  db
    .select()
    .from(indicatorValueHistory)
    .where(and(eq(indicatorValueHistory.zoneId, zoneId), eq(indicatorValueHistory.year, year), eq(indicatorValueHistory.code, code)))
    .orderBy(desc(indicatorValueHistory.id));

export const customIndicatorsOf = (db: Tx, zoneId: string) => db.select().from(zoneCustomIndicators).where(eq(zoneCustomIndicators.zoneId, zoneId)).orderBy(asc(zoneCustomIndicators.createdAt));

/** Next free I27-n code of a zone (the zone row is locked by the caller). */
export async function insertCustomIndicator(db: Tx, v: { zoneId: string; name: string; unit: string; description: string | null; createdBy: string }): Promise<CustomIndicatorRow> {
  const existing = await customIndicatorsOf(db, v.zoneId);
  const next = Math.max(0, ...existing.map((c) => Number(c.code.split('-')[1]))) + 1;
  const [row] = await db
    .insert(zoneCustomIndicators)
    .values({ ...v, code: `I27-${next}` })
    .returning();
  return row!;
}
export async function updateCustomIndicator(db: Tx, zoneId: string, code: string, set: { name?: string; unit?: string; description?: string | null }) {
  const [row] = await db
    .update(zoneCustomIndicators)
    .set(set)
    .where(and(eq(zoneCustomIndicators.zoneId, zoneId), eq(zoneCustomIndicators.code, code)))
    .returning();
  return row;
}
export async function deleteCustomIndicator(db: Tx, zoneId: string, code: string): Promise<boolean> {
  const rows = await db
    .delete(zoneCustomIndicators)
    .where(and(eq(zoneCustomIndicators.zoneId, zoneId), eq(zoneCustomIndicators.code, code)))
    .returning();
  await db.delete(indicatorValues).where(and(eq(indicatorValues.zoneId, zoneId), eq(indicatorValues.code, code)));
  return rows.length > 0;
}

// Auto indicators from platform records (organizations and broker profiles in the zone, as of the year's end)

/** Counts behind indicators 3, 4, 5, 6 and 22, in one round trip. */
export async function autoCounts(db: Tx, zoneId: string, year: number) {
  const end = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const { rows } = await db.execute(sql`
    select
      count(*) filter (where o.type = 'agency' and o.agency_rating is not null)::int as rated,
      count(*) filter (where o.type = 'agency' and p.type in ('university', 'institute'))::int as univ,
      count(*) filter (where o.verified)::int as settled,
      (select coalesce(json_agg(json_build_object('level', u.broker_level, 'title', u.broker_title)), '[]'::json)
         from ${users} u
         join ${userRoles} r on r.user_id = u.id and r.role = 'broker'
         join ${organizations} bo on bo.id = u.organization_id
        where bo.zone_id = ${zoneId} and bo.created_at < ${end} and u.created_at < ${end}
          and (u.broker_level is not null or u.broker_title is not null)) as brokers
    from ${organizations} o left join ${organizations} p on p.id = o.parent_org_id
    where o.zone_id = ${zoneId} and o.created_at < ${end}`);
  const r = rows[0] as { rated: number; univ: number; settled: number; brokers: { level: string | null; title: string | null }[] };
  return { ratedAgencies: r.rated, universityAgencies: r.univ, brokers: r.brokers, settledOrgs: r.settled };
}

// Reports

export async function findReport(db: Tx, zoneId: string, year: number) {
  const [row] = await db
    .select()
    .from(zoneReports)
    .where(and(eq(zoneReports.zoneId, zoneId), eq(zoneReports.year, year)));
  return row;
}
export async function putReport(db: Tx, v: { zoneId: string; year: number; snapshot: unknown[]; publishedBy: string }) {
  const now = new Date();
  await db
    .insert(zoneReports)
    .values({ ...v, publishedAt: now })
    .onConflictDoUpdate({ target: [zoneReports.zoneId, zoneReports.year], set: { snapshot: v.snapshot, publishedBy: v.publishedBy, publishedAt: now } });
}

// Targets

export async function insertMissingTargets(db: Tx, rows: { cityCode: string; year: number; target: number }[]): Promise<void> {
  if (rows.length) await db.insert(cityTargets).values(rows).onConflictDoNothing();
}
export const targetsOf = (db: Tx, year: number) => db.select().from(cityTargets).where(eq(cityTargets.year, year));
export const targetYears = (db: Tx) =>
  db
    .selectDistinct({ year: cityTargets.year })
    .from(cityTargets)
    .orderBy(asc(cityTargets.year));
export async function upsertTargets(db: Tx, year: number, rows: { cityCode: string; target: number }[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(cityTargets)
    .values(rows.map((r) => ({ ...r, year })))
    .onConflictDoUpdate({ target: [cityTargets.cityCode, cityTargets.year], set: { target: sql`excluded.target`, updatedAt: new Date() } });
}

// Subsidy rules

export async function insertMissingRules(db: Tx, rows: (typeof subsidyRules.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(subsidyRules).values(rows).onConflictDoNothing();
}
export const allRules = (db: Tx) => db.select().from(subsidyRules).orderBy(asc(subsidyRules.beneficiaryType), asc(subsidyRules.code));
export async function findRule(db: Tx, code: string) {
  const [row] = await db.select().from(subsidyRules).where(eq(subsidyRules.code, code));
  return row;
}
export async function insertRule(db: Tx, row: typeof subsidyRules.$inferInsert): Promise<SubsidyRuleRow> {
  const [r] = await db.insert(subsidyRules).values(row).returning();
  return r!;
}
export async function updateRule(db: Tx, code: string, set: Partial<typeof subsidyRules.$inferInsert>) {
  const [r] = await db
    .update(subsidyRules)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(subsidyRules.code, code))
    .returning();
  return r;
}
export async function deleteRule(db: Tx, code: string): Promise<boolean> {
  return (await db.delete(subsidyRules).where(eq(subsidyRules.code, code)).returning()).length > 0;
}

/** Names of organizations and users by id (subsidy beneficiaries). */
export async function namesOf(db: Db, orgIds: string[], userIds: string[]) {
  const [orgs, people] = await Promise.all([
    orgIds.length ? db.select({ id: organizations.id, name: organizations.name, regionCode: organizations.regionCode }).from(organizations).where(inArray(organizations.id, orgIds)) : [],
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
  ]);
  return { orgs: new Map(orgs.map((o) => [o.id, o])), users: new Map(people.map((u) => [u.id, u.name])) };
}
