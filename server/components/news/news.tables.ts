import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** News and policy articles (政策宣传, 通知公告, 科技大讲堂); Markdown bodies, rendered safely when read. */
export const newsArticles = pgTable(
  'news_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    category: text('category').$type<'policy' | 'notice' | 'lecture'>().notNull(),
    summary: text('summary'),
    body: text('body').notNull(),
    source: text('source'),
    /** null: platform-wide (a platform admin's); otherwise the zone whose admins manage it. */
    zoneId: uuid('zone_id'),
    status: text('status').$type<'draft' | 'published'>().notNull().default('draft'),
    pinned: boolean('pinned').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('news_public_idx').on(t.status, t.category, t.pinned, t.publishedAt), index('news_zone_idx').on(t.zoneId)],
);
