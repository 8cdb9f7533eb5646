import { bigserial, date, index, integer, jsonb, numeric, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface IpItem {
  type: string;
  number: string;
  status: string;
  share?: number | null;
}

/**
 * Achievements (科技成果) and demands (技术需求) share one table and one lifecycle; the
 * kind-specific columns are null for the other kind.
 */
export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<'achievement' | 'demand'>().notNull(),
    status: text('status').notNull().default('draft'),
    ownerOrgId: uuid('owner_org_id').notNull(),
    createdBy: uuid('created_by').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    keywords: text('keywords').array().notNull().default([]),
    industry: text('industry').notNull(),
    cityCode: text('city_code').notNull(),
    zoneId: uuid('zone_id'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    // achievement
    summary: text('summary'),
    summaryEn: text('summary_en'),
    detail: text('detail'),
    confidentialDetail: text('confidential_detail'),
    technicalField: text('technical_field'),
    trl: smallint('trl'),
    transferModes: text('transfer_modes').array(),
    ipItems: jsonb('ip_items').$type<IpItem[]>(),
    price: numeric('price', { precision: 16, scale: 2 }),
    source: text('source'),
    registrationNo: text('registration_no'),
    // demand
    problem: text('problem'),
    expectedOutcome: text('expected_outcome'),
    trlMin: smallint('trl_min'),
    budgetMin: numeric('budget_min', { precision: 16, scale: 2 }),
    budgetMax: numeric('budget_max', { precision: 16, scale: 2 }),
    deadline: date('deadline'),
    cooperationModes: text('cooperation_modes').array(),
    // review
    rejectionReason: text('rejection_reason'),
    /** Edits to a published listing wait here for review; the published version stays visible. */
    pendingRevision: jsonb('pending_revision').$type<Record<string, unknown>>(),
    revisionStatus: text('revision_status').$type<'pending' | 'rejected'>(),
    revisionReason: text('revision_reason'),
    revisionSubmittedAt: timestamp('revision_submitted_at', { withTimezone: true }),
    // lifecycle
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    expiryNotifiedAt: timestamp('expiry_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change; the search document carries it so drift is detectable. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('listings_owner_idx').on(t.ownerOrgId, t.kind, t.status),
    index('listings_status_idx').on(t.kind, t.status),
    index('listings_review_idx').on(t.kind, t.revisionStatus),
    index('listings_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** Written in the same transaction as each catalogue-affecting change; drained into Meilisearch by a job. */
export const searchOutbox = pgTable('search_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  listingId: uuid('listing_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
