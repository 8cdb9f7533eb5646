import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { contracts, registrationStations, stationRegistrars } from './contracts.tables.js';

export type StationRow = typeof registrationStations.$inferSelect;

export const allStations = (db: Tx) => db.select().from(registrationStations).orderBy(asc(registrationStations.name));

export async function findStation(db: Tx, id: string): Promise<StationRow | undefined> {
  const [row] = await db.select().from(registrationStations).where(eq(registrationStations.id, id));
  return row;
}

export async function findStationByName(db: Tx, name: string): Promise<StationRow | undefined> {
  const [row] = await db.select().from(registrationStations).where(eq(registrationStations.name, name));
  return row;
}

export async function insertStation(db: Tx, values: typeof registrationStations.$inferInsert): Promise<StationRow> {
  const [row] = await db.insert(registrationStations).values(values).returning();
  return row!;
}

export async function updateStation(db: Tx, id: string, set: Partial<typeof registrationStations.$inferInsert>): Promise<StationRow> {
  const [row] = await db
    .update(registrationStations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(registrationStations.id, id))
    .returning();
  return row!;
}

export async function deleteStation(db: Tx, id: string): Promise<void> {
  await db.delete(registrationStations).where(eq(registrationStations.id, id));
}

/** The station serving any of these region codes (most specific first is the caller's job). */
export async function stationsServing(db: Tx, codes: string[]): Promise<StationRow[]> {
  if (!codes.length) return [];
  return db
    .select()
    .from(registrationStations)
    .where(sql`${registrationStations.regionCodes} && ${sql`array[${sql.join(codes.map((c) => sql`${c}`), sql`, `)}]::text[]`}`);
}

export const registrarsOf = (db: Tx, stationIds: string[]) =>
  stationIds.length ? db.select().from(stationRegistrars).where(inArray(stationRegistrars.stationId, stationIds)) : Promise.resolve([]);

export async function stationIdsOfUser(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.select({ id: stationRegistrars.stationId }).from(stationRegistrars).where(eq(stationRegistrars.userId, userId));
  return rows.map((r) => r.id);
}

export async function setRegistrars(db: Tx, stationId: string, userIds: string[]): Promise<void> {
  await db.delete(stationRegistrars).where(eq(stationRegistrars.stationId, stationId));
  if (userIds.length) await db.insert(stationRegistrars).values(userIds.map((userId) => ({ stationId, userId })));
}

export async function openContractsOfStation(db: Tx, stationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(contracts)
    .where(and(eq(contracts.stationId, stationId), inArray(contracts.status, ['submitted', 'needs_correction'])));
  return row?.n ?? 0;
}

export async function unlinkContracts(db: Tx, stationId: string): Promise<void> {
  await db.update(contracts).set({ stationId: null }).where(eq(contracts.stationId, stationId));
}
