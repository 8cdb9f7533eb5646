import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { SavedSearchFilters } from '../../../common/schemas/savedSearches.js';

/** A user's saved catalogue query (信息推送): newly published listings it finds are notified to them. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    /** The saver's organization when saved: its own listings are not news to them. */
    orgId: uuid('org_id'),
    kind: text('kind').$type<'achievement' | 'demand'>().notNull(),
    name: text('name').notNull(),
    q: text('q'),
    filters: jsonb('filters').$type<SavedSearchFilters>().notNull().default({}),
    notify: text('notify').$type<'immediate' | 'daily'>().notNull(),
    /** kind + normalised query + filters: the same search is saved once per user. */
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId, t.createdAt), uniqueIndex('saved_searches_fingerprint_idx').on(t.userId, t.fingerprint), index('saved_searches_kind_idx').on(t.kind)],
);

/**
 * A listing a saved search found: one row per (saved search, listing), ever, so a listing re-indexed
 * (edited, re-confirmed) is never notified twice. `notifiedAt` null: waiting for the daily digest.
 */
export const savedSearchHits = pgTable(
  'saved_search_hits',
  {
    savedSearchId: uuid('saved_search_id')
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    listingId: uuid('listing_id').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.savedSearchId, t.listingId] }), index('saved_search_hits_pending_idx').on(t.foundAt).where(sql`${t.notifiedAt} is null`)],
);

/** One daily digest per user per day (Asia/Shanghai date): the row is the guard and the record. */
export const savedSearchDigests = pgTable(
  'saved_search_digests',
  {
    userId: uuid('user_id').notNull(),
    day: date('day').notNull(),
    listings: integer('listings').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
