import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { listings } from './listings.tables.js';
import type { Kind } from './listings.kinds.js';
import { savedSearchDigests, savedSearchHits, savedSearches } from './savedSearches.tables.js';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type NewSavedSearch = typeof savedSearches.$inferInsert;

/** Inserts a saved search; undefined when the user already saved the same one (fingerprint). */
export async function insertSavedSearch(db: Tx, row: NewSavedSearch): Promise<SavedSearchRow | undefined> {
  const [r] = await db.insert(savedSearches).values(row).onConflictDoNothing({ target: [savedSearches.userId, savedSearches.fingerprint] }).returning();
  return r;
}

export async function findByFingerprint(db: Tx, userId: string, fingerprint: string): Promise<SavedSearchRow | undefined> {
  const [r] = await db.select().from(savedSearches).where(and(eq(savedSearches.userId, userId), eq(savedSearches.fingerprint, fingerprint)));
  return r;
}

export async function countOfUser(db: Tx, userId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId));
  return r?.n ?? 0;
}

/** A user's saved searches, newest first, with how many listings each has notified and how many wait for the digest. */
export async function listOfUser(db: Tx, userId: string) {
  const hits = db
    .select({
      savedSearchId: savedSearchHits.savedSearchId,
      notified: sql<number>`count(*) filter (where ${savedSearchHits.notifiedAt} is not null)`.mapWith(Number).as('notified'),
      pending: sql<number>`count(*) filter (where ${savedSearchHits.notifiedAt} is null)`.mapWith(Number).as('pending'),
    })
    .from(savedSearchHits)
    .innerJoin(savedSearches, eq(savedSearches.id, savedSearchHits.savedSearchId))
    .where(eq(savedSearches.userId, userId))
    .groupBy(savedSearchHits.savedSearchId)
    .as('hits');
  return db
    .select({ row: savedSearches, notified: hits.notified, pending: hits.pending })
    .from(savedSearches)
    .leftJoin(hits, eq(hits.savedSearchId, savedSearches.id))
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.createdAt), desc(savedSearches.id));
}

export async function findSavedSearch(db: Tx, id: string): Promise<SavedSearchRow | undefined> {
  const [r] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
  return r;
}

export async function updateSavedSearch(db: Tx, id: string, set: Partial<Pick<NewSavedSearch, 'name' | 'notify'>>): Promise<SavedSearchRow> {
  const [r] = await db.update(savedSearches).set(set).where(eq(savedSearches.id, id)).returning();
  return r!;
}

/** Deletes the saved search and (cascade) its hits. */
export async function deleteSavedSearch(db: Tx, id: string): Promise<void> {
  await db.delete(savedSearches).where(eq(savedSearches.id, id));
}

/** Every saved search of a kind (the matcher runs them all against newly indexed listings). */
export const savedSearchesOfKind = (db: Tx, kind: Kind) => db.select().from(savedSearches).where(eq(savedSearches.kind, kind)).orderBy(asc(savedSearches.createdAt));

/**
 * Records hits; a (saved search, listing) pair already recorded is skipped. Returns only the pairs new
 * here: those, and only those, are notified.
 */
export async function insertHits(db: Tx, rows: { savedSearchId: string; listingId: string; notifiedAt: Date | null }[]) {
  if (!rows.length) return [];
  return db.insert(savedSearchHits).values(rows).onConflictDoNothing().returning({ savedSearchId: savedSearchHits.savedSearchId, listingId: savedSearchHits.listingId });
}

export async function markSearchesNotified(db: Tx, ids: string[], at: Date): Promise<void> {
  if (ids.length) await db.update(savedSearches).set({ lastNotifiedAt: at }).where(inArray(savedSearches.id, [...new Set(ids)]));
}

/** When listings were published (the exact check after the index's second-granular filter). */
export async function publishedTimes(db: Tx, ids: string[]): Promise<Map<string, Date | null>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: listings.id, publishedAt: listings.publishedAt }).from(listings).where(inArray(listings.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.publishedAt]));
}

/** Titles of listings (for notification texts). */
export async function listingTitles(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: listings.id, title: listings.title }).from(listings).where(inArray(listings.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/**
 * Hits waiting for the daily digest whose listing is still published, locked (SKIP LOCKED: two
 * processes never send the same hits), oldest first.
 */
export const pendingDigestHits = (db: Tx) =>
  db
    .select({ savedSearchId: savedSearchHits.savedSearchId, listingId: savedSearchHits.listingId, userId: savedSearches.userId, searchName: savedSearches.name, kind: savedSearches.kind, title: listings.title })
    .from(savedSearchHits)
    .innerJoin(savedSearches, eq(savedSearches.id, savedSearchHits.savedSearchId))
    .innerJoin(listings, eq(listings.id, savedSearchHits.listingId))
    .where(and(isNull(savedSearchHits.notifiedAt), eq(listings.status, 'published')))
    .orderBy(asc(savedSearchHits.foundAt))
    .for('update', { of: savedSearchHits, skipLocked: true });

/** Claims the user's digest of `day`; false when one was already sent that day. */
export async function claimDigest(db: Tx, userId: string, day: string, listingCount: number): Promise<boolean> {
  const rows = await db.insert(savedSearchDigests).values({ userId, day, listings: listingCount }).onConflictDoNothing().returning({ userId: savedSearchDigests.userId });
  return rows.length > 0;
}

export async function markHitsNotified(db: Tx, keys: { savedSearchId: string; listingId: string }[], at: Date): Promise<void> {
  const bySearch = new Map<string, string[]>();
  for (const k of keys) bySearch.set(k.savedSearchId, [...(bySearch.get(k.savedSearchId) ?? []), k.listingId]);
  for (const [savedSearchId, ids] of bySearch) {
    await db
      .update(savedSearchHits)
      .set({ notifiedAt: at })
      .where(and(eq(savedSearchHits.savedSearchId, savedSearchId), inArray(savedSearchHits.listingId, ids), isNull(savedSearchHits.notifiedAt)));
  }
}

/** Digests sent (tests, the operations view). */
export const digestsOf = (db: Tx, userId: string) => db.select().from(savedSearchDigests).where(eq(savedSearchDigests.userId, userId)).orderBy(desc(savedSearchDigests.day));
export const hitsOf = (db: Tx, savedSearchId: string) => db.select().from(savedSearchHits).where(eq(savedSearchHits.savedSearchId, savedSearchId));
