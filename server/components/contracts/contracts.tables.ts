import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { zones } from '../taxonomy/taxonomy.tables.js';

/** Money columns: exact decimals, read back as strings (server/lib/db.ts). */
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/**
 * 技术合同 (technology contracts) through 认定登记: submitted → needs_correction ↔ submitted →
 * registered | refused; registered → amended | cancelled. Party columns are a snapshot taken at
 * submission, so a later change to an organization does not rewrite a registered contract.
 */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    subtype: text('subtype').notNull(),
    /**
     * Parties: an organization (credit code + region code), a foreign party (country code, optional
     * registration number) or a natural person (ID document number, never shown unmasked but to registrars).
     */
    sellerOrgId: uuid('seller_org_id'),
    sellerName: text('seller_name').notNull(),
    sellerCreditCode: text('seller_credit_code'),
    sellerRegionCode: text('seller_region_code'),
    sellerEntityType: text('seller_entity_type').notNull(),
    sellerCountryCode: text('seller_country_code'),
    sellerForeignRegNo: text('seller_foreign_reg_no'),
    sellerIdNumber: text('seller_id_number'),
    buyerOrgId: uuid('buyer_org_id'),
    buyerName: text('buyer_name').notNull(),
    buyerCreditCode: text('buyer_credit_code'),
    buyerRegionCode: text('buyer_region_code'),
    buyerEntityType: text('buyer_entity_type').notNull(),
    buyerCountryCode: text('buyer_country_code'),
    buyerForeignRegNo: text('buyer_foreign_reg_no'),
    buyerIdNumber: text('buyer_id_number'),
    /** 合同成交额 (whole contract) and 技术交易额 (technology part, ≤ amount), yuan. */
    amount: money('amount').notNull(),
    techAmount: money('tech_amount').notNull(),
    signedAt: date('signed_at').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    /** Null: outside any demonstration zone (counts for its city and the province only). */
    zoneId: uuid('zone_id').references(() => zones.id),
    /** City (or 450000 自治区本级) where the buyer applies the technology; null for buyers outside Guangxi. */
    cityCode: text('city_code'),
    technicalField: text('technical_field'),
    paymentTerms: text('payment_terms'),
    /** Deals do not exist yet: kept as given, not checked against a table. */
    dealId: uuid('deal_id'),
    achievementId: uuid('achievement_id'),
    demandId: uuid('demand_id'),
    brokerId: uuid('broker_id'),
    brokerOrgId: uuid('broker_org_id'),
    status: text('status').notNull().default('submitted'),
    registrationNumber: text('registration_number'),
    registrarId: uuid('registrar_id'),
    registrarOrgId: uuid('registrar_org_id'),
    /** The registration station (登记机构) whose jurisdiction holds the seller's region; null = any registrar. */
    stationId: uuid('station_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    expertReviewRequired: boolean('expert_review_required').notNull().default(false),
    expertReviewedAt: timestamp('expert_reviewed_at', { withTimezone: true }),
    expertReviewedBy: uuid('expert_reviewed_by'),
    expertReviewNote: text('expert_review_note'),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    amendedAt: timestamp('amended_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdByOrgId: uuid('created_by_org_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('contracts_registration_number_uq').on(t.registrationNumber),
    index('contracts_status_due_idx').on(t.status, t.dueAt),
    index('contracts_zone_signed_idx').on(t.zoneId, t.signedAt),
    index('contracts_seller_org_idx').on(t.sellerOrgId),
    index('contracts_buyer_org_idx').on(t.buyerOrgId),
    index('contracts_creator_org_idx').on(t.createdByOrgId),
    index('contracts_broker_idx').on(t.brokerId),
    index('contracts_station_status_idx').on(t.stationId, t.status),
  ],
);

/** Each amendment of a registered contract: the fields before and after, and why. */
export const contractAmendments = pgTable(
  'contract_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    actorId: uuid('actor_id').notNull(),
    note: text('note').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_amendments_contract_idx').on(t.contractId)],
);

/** Serial of registration numbers per registering body (its region code) and year; locked by each registration. */
export const contractRegistrationCounters = pgTable(
  'contract_registration_counters',
  {
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    lastSerial: integer('last_serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/** Idempotency-Key of POST /api/contracts: one contract per user and key. */
export const contractIdempotencyKeys = pgTable(
  'contract_idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    contractId: uuid('contract_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Public holidays and 调休 make-up workdays: the working-day calendar of review deadlines. */
export const holidays = pgTable('holidays', {
  date: date('date').primaryKey(),
  /** `holiday` (a weekday off) or `workday` (a weekend day worked). */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** Not yet confirmed by the State Council's yearly notice. */
  provisional: boolean('provisional').notNull().default(false),
});

// Roll-ups: kept exact in the same transaction as every register / amend / cancel, and
// recomputable from `contracts` at any time (npm run indicators:verify).
const totals = {
  count: integer('count').notNull().default(0),
  amount: money('amount').notNull().default('0'),
  techAmount: money('tech_amount').notNull().default('0'),
};

/** Per zone, signing year/month and contract type. */
export const contractZoneTotals = pgTable(
  'contract_zone_totals',
  {
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    type: text('type').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.year, t.month, t.type] })],
);

/**
 * Contracts outside any zone per city (the seller's city in Guangxi, else the buyer's; '' = none),
 * signing year/month and type: with the zone totals they make the city and province figures.
 */
export const contractOutsideTotals = pgTable(
  'contract_outside_totals',
  {
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    type: text('type').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.year, t.month, t.type] })],
);

/** Achievements transferred (转让/许可, 技术交易额 ≥ 10万元) per buyer city and signing year/month: the city targets. */
export const contractCityTransfers = pgTable(
  'contract_city_transfers',
  {
    cityCode: text('city_code').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.year, t.month] })],
);

/** Brokered contracts per broker (and agency), zone and signing year/month. */
export const contractBrokerTotals = pgTable(
  'contract_broker_totals',
  {
    brokerId: uuid('broker_id').notNull(),
    brokerOrgId: uuid('broker_org_id').notNull(),
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.brokerId, t.brokerOrgId, t.zoneId, t.year, t.month] })],
);

/** Registered amounts per registering body, zone and registration year/month (Beijing time). */
export const contractRegistrarTotals = pgTable(
  'contract_registrar_totals',
  {
    registrarOrgId: uuid('registrar_org_id').notNull(),
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.registrarOrgId, t.zoneId, t.year, t.month] })],
);

/** Achievements bought (转让/许可) by enterprises, per buyer, zone and signing year/month: the enterprise subsidy base. */
export const contractBuyerTotals = pgTable(
  'contract_buyer_totals',
  {
    buyerCreditCode: text('buyer_credit_code').notNull(),
    buyerRegionCode: text('buyer_region_code').notNull(),
    zoneId: uuid('zone_id').notNull(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    buyerName: text('buyer_name').notNull(),
    ...totals,
  },
  (t) => [primaryKey({ columns: [t.buyerCreditCode, t.buyerRegionCode, t.zoneId, t.year, t.month] })],
);

/** 技术合同登记机构 (registration stations) and the regions (cities or counties, GB/T 2260) they serve. */
export const registrationStations = pgTable('registration_stations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** The registering body (organization) whose region code goes into registration numbers; optional. */
  organizationId: uuid('organization_id'),
  regionCodes: text('region_codes').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Registrars assigned to a station: they alone see and review its contracts. */
export const stationRegistrars = pgTable(
  'station_registrars',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => registrationStations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.userId] }), index('station_registrars_user_idx').on(t.userId)],
);
