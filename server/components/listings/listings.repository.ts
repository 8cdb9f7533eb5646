import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { users } from '../../db/schema.js';
import { listings, searchOutbox } from './listings.tables.js';
import type { Kind } from './listings.kinds.js';
import { organizations } from '../../db/schema.js';

export type ListingRow = typeof listings.$inferSelect;
export type NewListing = typeof listings.$inferInsert;

export async function insertListing(db: Tx, row: NewListing): Promise<ListingRow> {
  const [r] = await db.insert(listings).values(row).returning();
  return r!;
}

/** Reads one listing, locking it for the rest of the transaction when `lock` is set. */
export async function findListing(db: Tx, kind: Kind, id: string, lock = false): Promise<ListingRow | undefined> {
  const q = db.select().from(listings).where(and(eq(listings.id, id), eq(listings.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateListing(db: Tx, id: string, set: Partial<NewListing>): Promise<ListingRow> {
  const [r] = await db
    .update(listings)
    .set({ ...set, updatedAt: new Date(), version: sql`${listings.version} + 1` })
    .where(eq(listings.id, id))
    .returning();
  return r!;
}

export async function enqueueSearch(db: Tx, listingIds: string[]): Promise<void> {
  if (listingIds.length) await db.insert(searchOutbox).values(listingIds.map((listingId) => ({ listingId })));
}

export async function orgNames(db: Tx, ids: string[]): Promise<Map<string, { name: string; type: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name, type: organizations.type }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type }]));
}

/** Display names of users (for audit trails). */
export async function userNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listOwn(db: Tx, kind: Kind, orgId: string, q: { status?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [eq(listings.kind, kind), eq(listings.ownerOrgId, orgId)];
  if (q.status) conds.push(eq(listings.status, q.status));
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db.select().from(listings).where(where).orderBy(desc(listings.updatedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The reviewer queue: new submissions and revisions of published listings, oldest first. */
export async function reviewQueue(db: Tx, kind: Kind | undefined, page: number, pageSize: number) {
  const conds: SQL[] = [or(eq(listings.status, 'pending'), and(eq(listings.status, 'published'), eq(listings.revisionStatus, 'pending')))!];
  if (kind) conds.push(eq(listings.kind, kind));
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(listings)
      .where(where)
      .orderBy(asc(sql`coalesce(${listings.revisionSubmittedAt}, ${listings.submittedAt})`))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export const dueForExpiry = (db: Tx, now: Date) =>
  db.select().from(listings).where(and(eq(listings.status, 'published'), isNotNull(listings.expiresAt), lt(listings.expiresAt, now))).for('update', { skipLocked: true });

export const dueForReminder = (db: Tx, until: Date) =>
  db
    .select()
    .from(listings)
    .where(and(eq(listings.status, 'published'), isNull(listings.expiryNotifiedAt), isNotNull(listings.expiresAt), lt(listings.expiresAt, until)))
    .for('update', { skipLocked: true });

/** Published listings in id order, a page at a time (reindex, drift check). */
export async function publishedPage(db: Tx, kind: Kind, afterId: string | null, limit: number): Promise<ListingRow[]> {
  const conds: SQL[] = [eq(listings.kind, kind), eq(listings.status, 'published')];
  if (afterId) conds.push(sql`${listings.id} > ${afterId}`);
  return db.select().from(listings).where(and(...conds)).orderBy(asc(listings.id)).limit(limit);
}
export async function countPublished(db: Tx, kind: Kind): Promise<number> {
  const [r] = await db.select({ n: count() }).from(listings).where(and(eq(listings.kind, kind), eq(listings.status, 'published')));
  return r?.n ?? 0;
}

/** The newest published listings of a kind (the portal's front page). */
export const newestPublished = (db: Tx, kind: Kind, limit: number) =>
  db
    .select()
    .from(listings)
    .where(and(eq(listings.kind, kind), eq(listings.status, 'published')))
    .orderBy(sql`${listings.publishedAt} desc nulls last`, desc(listings.id))
    .limit(limit);

export const findListingsByIds = (db: Tx, ids: string[]) => (ids.length ? db.select().from(listings).where(inArray(listings.id, ids)) : Promise.resolve([] as ListingRow[]));

/** Takes up to `limit` outbox rows, locked so concurrent drains split the work. */
export const takeOutbox = (db: Tx, limit: number) => db.select().from(searchOutbox).orderBy(asc(searchOutbox.id)).limit(limit).for('update', { skipLocked: true });
export async function deleteOutbox(db: Tx, ids: number[]): Promise<void> {
  if (ids.length) await db.delete(searchOutbox).where(inArray(searchOutbox.id, ids));
}
export async function outboxSize(db: Tx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(searchOutbox);
  return r?.n ?? 0;
}
