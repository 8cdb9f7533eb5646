import { bigint, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row per upload; identical content (same sha256) shares one stored blob. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uploaderId: uuid('uploader_id').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    sha256: text('sha256').notNull(),
    /** Random name of the blob under FILES_DIR; never derived from the user's file name. */
    storageName: text('storage_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256)],
);

/** Which object a file is attached to; downloads follow that object's visibility. */
export const fileLinks = pgTable(
  'file_links',
  {
    fileId: uuid('file_id').notNull().references(() => files.id),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.entityType, t.entityId] }), index('file_links_entity_idx').on(t.entityType, t.entityId)],
);
