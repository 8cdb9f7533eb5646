import { bigserial, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Current manual value of an indicator for a zone and year (numbers exact, text for narrative ones). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    code: text('code').notNull(),
    valueNum: numeric('value_num', { precision: 20, scale: 4 }),
    valueText: text('value_text'),
    note: text('note').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.year, t.code] })],
);

/** Every manual entry ever made, per zone, year and indicator (append-only). */
export const indicatorValueHistory = pgTable(
  'indicator_value_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    code: text('code').notNull(),
    valueNum: numeric('value_num', { precision: 20, scale: 4 }),
    valueText: text('value_text'),
    note: text('note').notNull(),
    actorId: uuid('actor_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('indicator_value_history_idx').on(t.zoneId, t.year, t.code)],
);

/** 特色指标: indicators a zone defines for itself (indicator 27), coded I27-1, I27-2, ... */
export const zoneCustomIndicators = pgTable(
  'zone_custom_indicators',
  {
    zoneId: uuid('zone_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    description: text('description'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.code] })],
);

/** Lifecycle of a zone: every status it went through, with the date it took effect. */
export const zoneStatusHistory = pgTable(
  'zone_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    zoneId: uuid('zone_id').notNull(),
    status: text('status').notNull(),
    effectiveOn: date('effective_on').notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('zone_status_history_zone_idx').on(t.zoneId)],
);

/** 年度建设报告 filed by a zone: the indicator values as published, frozen at filing. */
export const zoneReports = pgTable(
  'zone_reports',
  {
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    snapshot: jsonb('snapshot').$type<unknown[]>().notNull(),
    publishedBy: uuid('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.year] })],
);

/** Yearly number of achievements each city should transfer (科技成果转化年度目标). */
export const cityTargets = pgTable(
  'city_targets',
  {
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    target: integer('target').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.year] })],
);

/** Subsidy rules as data: who gets what share of which amount, where and when. */
export const subsidyRules = pgTable('subsidy_rules', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** registrar | intermediary | enterprise */
  beneficiaryType: text('beneficiary_type').notNull(),
  /** amount (合同成交额) | techAmount (技术交易额) */
  base: text('base').notNull(),
  rate: numeric('rate', { precision: 9, scale: 6 }).notNull(),
  cap: numeric('cap', { precision: 18, scale: 2 }),
  /** GB/T 2260 code: 450000 = all of Guangxi, a city code = that city, a county code = that county. */
  regionCode: text('region_code').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  source: text('source'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
