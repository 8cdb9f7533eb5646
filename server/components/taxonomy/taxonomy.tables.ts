import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Industries, maturity levels, transfer modes, IP types, contract types...: data, not enums in code. */
export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    parent: text('parent'),
    sort: integer('sort').notNull().default(0),
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] })],
);

export const cities = pgTable('cities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  shortName: text('short_name').notNull(),
  sort: integer('sort').notNull().default(0),
});

/** 示范区: hosted by a park in one city, with a lifecycle status (DOMAIN.md). */
export const zones = pgTable('zones', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  cityCode: text('city_code').notNull().references(() => cities.code),
  level: text('level').notNull(),
  hostType: text('host_type').notNull(),
  status: text('status').notNull(),
  approvedAt: date('approved_at'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
