import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { cities, taxonomyTerms, zones } from './taxonomy.tables.js';

export type TermRow = typeof taxonomyTerms.$inferInsert;
export type ZoneRow = typeof zones.$inferSelect;

export async function upsertTerms(db: Tx, rows: TermRow[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(taxonomyTerms)
    .values(rows)
    .onConflictDoUpdate({
      target: [taxonomyTerms.kind, taxonomyTerms.code],
      set: { name: sql`excluded.name`, nameEn: sql`excluded.name_en`, parent: sql`excluded.parent`, sort: sql`excluded.sort`, extra: sql`excluded.extra` },
    });
}

export async function upsertCities(db: Tx, rows: (typeof cities.$inferInsert)[]): Promise<void> {
  await db
    .insert(cities)
    .values(rows)
    .onConflictDoUpdate({ target: cities.code, set: { name: sql`excluded.name`, nameEn: sql`excluded.name_en`, shortName: sql`excluded.short_name`, sort: sql`excluded.sort` } });
}

/** Inserts zones that do not exist yet (by slug); zones edited by admins are left alone. */
export async function insertMissingZones(db: Tx, rows: (typeof zones.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(zones).values(rows).onConflictDoNothing({ target: zones.slug });
}

export const allTerms = (db: Tx) => db.select().from(taxonomyTerms).orderBy(asc(taxonomyTerms.kind), asc(taxonomyTerms.sort));
export const allCities = (db: Tx) => db.select().from(cities).orderBy(asc(cities.sort));
export const allZones = (db: Tx) => db.select().from(zones).orderBy(asc(zones.cityCode), asc(zones.name));
export async function findZone(db: Tx, id: string): Promise<ZoneRow | undefined> {
  const [row] = await db.select().from(zones).where(eq(zones.id, id));
  return row;
}
export async function findZoneBySlug(db: Tx, slug: string): Promise<ZoneRow | undefined> {
  const [row] = await db.select().from(zones).where(eq(zones.slug, slug));
  return row;
}
