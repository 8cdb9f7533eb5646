import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { zones } from '../taxonomy/taxonomy.tables.js';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    regionCode: text('region_code').notNull(),
    zoneId: uuid('zone_id').references(() => zones.id),
    /** An agency set up by a university or institute (indicator 4). */
    parentOrgId: uuid('parent_org_id'),
    /** 自治区级及以上技术转移示范机构 rating of an agency (indicator 3), null when none. */
    agencyRating: text('agency_rating'),
    /** Year of the rating and the body that granted it (e.g. 科技部, 自治区科技厅). */
    agencyRatingYear: integer('agency_rating_year'),
    agencyRatingBody: text('agency_rating_body'),
    verified: boolean('verified').notNull().default(false),
    /**
     * `active`; `disabled` by a platform admin (its members cannot act for it); `merged` into
     * `mergedInto` (a duplicate record whose members, listings, contracts and deals moved there).
     */
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    mergedInto: uuid('merged_into'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_zone_idx').on(t.zoneId), index('organizations_name_idx').on(t.name)],
);
