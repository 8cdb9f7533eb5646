import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OfferTerms } from '../../../common/schemas/deals.js';

/**
 * A deal (交易洽谈) between a supply side (the achievement's organization) and a demand side, with an
 * optional broker. `last_seq` is the per-deal message counter: incremented under the row lock in the
 * transaction that stores the message, so seq is gap-free (a rollback undoes the increment).
 */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stage: text('stage').notNull().default('lead'),
    achievementId: uuid('achievement_id'),
    demandId: uuid('demand_id'),
    supplyOrgId: uuid('supply_org_id').notNull(),
    demandOrgId: uuid('demand_org_id').notNull(),
    /** The broker (a user with the broker role) and their organization. */
    brokerId: uuid('broker_id'),
    brokerOrgId: uuid('broker_org_id'),
    originKind: text('origin_kind').notNull(),
    originId: text('origin_id'),
    title: text('title').notNull(),
    startedBy: uuid('started_by').notNull(),
    startedByOrgId: uuid('started_by_org_id').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    lostReason: text('lost_reason'),
    lostNote: text('lost_note'),
    /** The accepted price offer: what both sides agreed. */
    agreedOfferId: uuid('agreed_offer_id'),
    agreedAmount: numeric('agreed_amount', { precision: 16, scale: 2 }),
    /** The accepted commission offer (居间协议). */
    commissionOfferId: uuid('commission_offer_id'),
    contractId: uuid('contract_id'),
    /** When the deal first reached `negotiating` (a lost deal can be rated only after that). */
    negotiatedAt: timestamp('negotiated_at', { withTimezone: true }),
    supplyConfirmedAt: timestamp('supply_confirmed_at', { withTimezone: true }),
    demandConfirmedAt: timestamp('demand_confirmed_at', { withTimezone: true }),
    /** When a broker should next follow up (deal board: overdue follow-ups). */
    followUpAt: timestamp('follow_up_at', { withTimezone: true }),
    zoneId: uuid('zone_id'),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open deal per (achievement, demand-side organization) and per (demand, supply-side organization).
    uniqueIndex('deals_open_achievement_uq').on(t.achievementId, t.demandOrgId).where(sql`${t.achievementId} is not null and ${t.stage} not in ('closed', 'lost')`),
    uniqueIndex('deals_open_demand_uq').on(t.demandId, t.supplyOrgId).where(sql`${t.achievementId} is null and ${t.stage} not in ('closed', 'lost')`),
    index('deals_supply_idx').on(t.supplyOrgId),
    index('deals_demand_idx').on(t.demandOrgId),
    index('deals_broker_idx').on(t.brokerId),
    index('deals_contract_idx').on(t.contractId),
  ],
);

/** The organizations of a deal, one per side; the invited side accepts or declines. */
export const dealParticipants = pgTable(
  'deal_participants',
  {
    dealId: uuid('deal_id').notNull(),
    side: text('side').$type<'supply' | 'demand' | 'broker'>().notNull(),
    orgId: uuid('org_id').notNull(),
    /** For the broker side: the broker user. */
    userId: uuid('user_id'),
    status: text('status').$type<'invited' | 'accepted' | 'declined'>().notNull(),
    invitedBy: uuid('invited_by'),
    respondedBy: uuid('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.side] }), index('deal_participants_org_idx').on(t.orgId)],
);

/** Users who acted in a deal (notifications, unread counts) with their read marker. */
export const dealMembers = pgTable(
  'deal_members',
  {
    dealId: uuid('deal_id').notNull(),
    userId: uuid('user_id').notNull(),
    side: text('side').$type<'supply' | 'demand' | 'broker'>().notNull(),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    /** 保密承诺: when this user accepted the confidentiality undertaking of this deal. */
    undertakingAt: timestamp('undertaking_at', { withTimezone: true }),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.userId] }), index('deal_members_user_idx').on(t.userId)],
);

/** The negotiation history: a row before it is an event. */
export const dealMessages = pgTable(
  'deal_messages',
  {
    id: uuid('id').notNull().unique().defaultRandom(),
    dealId: uuid('deal_id').notNull(),
    seq: integer('seq').notNull(),
    senderId: uuid('sender_id'),
    senderSide: text('sender_side'),
    kind: text('kind').notNull(),
    body: text('body'),
    offerId: uuid('offer_id'),
    offer: jsonb('offer').$type<Record<string, unknown>>(),
    attachments: uuid('attachments').array().notNull().default([]),
    clientMsgId: text('client_msg_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.seq] }), uniqueIndex('deal_messages_client_uq').on(t.dealId, t.senderId, t.clientMsgId)],
);

/** Structured offers; at most one live offer per deal and purpose. */
export const dealOffers = pgTable(
  'deal_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealId: uuid('deal_id').notNull(),
    purpose: text('purpose').$type<'price' | 'commission'>().notNull(),
    seq: integer('seq').notNull(),
    fromSide: text('from_side').$type<'supply' | 'demand' | 'broker'>().notNull(),
    fromUserId: uuid('from_user_id').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2 }),
    commissionRate: numeric('commission_rate', { precision: 8, scale: 6 }),
    payerSide: text('payer_side'),
    terms: jsonb('terms').$type<OfferTerms>().notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    status: text('status').$type<'live' | 'accepted' | 'rejected' | 'withdrawn' | 'superseded' | 'expired'>().notNull().default('live'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deal_offers_live_uq').on(t.dealId, t.purpose).where(sql`${t.status} = 'live'`), index('deal_offers_deal_idx').on(t.dealId)],
);

/** Commission ledger: a row per deal whose linked contract was registered with a commission agreement. */
export const commissions = pgTable(
  'commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealId: uuid('deal_id').notNull(),
    contractId: uuid('contract_id').notNull(),
    brokerId: uuid('broker_id').notNull(),
    brokerOrgId: uuid('broker_org_id').notNull(),
    payerOrgId: uuid('payer_org_id').notNull(),
    basis: text('basis').$type<'rate' | 'fixed'>().notNull(),
    rate: numeric('rate', { precision: 8, scale: 6 }),
    /** The technology transaction amount of the contract the rate applies to. */
    baseAmount: numeric('base_amount', { precision: 16, scale: 2 }).notNull(),
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    /** `cancelled`: the contract's registration was cancelled (撤销) while the commission was still due. */
    status: text('status').$type<'due' | 'invoiced' | 'paid' | 'cancelled'>().notNull().default('due'),
    invoiceNo: text('invoice_no'),
    invoicedAt: timestamp('invoiced_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    payerConfirmedAt: timestamp('payer_confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('commissions_deal_contract_uq').on(t.dealId, t.contractId), index('commissions_broker_idx').on(t.brokerId), index('commissions_payer_idx').on(t.payerOrgId)],
);

/** One rating per deal, rater organization and rated organization (the broker is rated through brokerId). */
export const dealRatings = pgTable(
  'deal_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealId: uuid('deal_id').notNull(),
    raterOrgId: uuid('rater_org_id').notNull(),
    raterId: uuid('rater_id').notNull(),
    ratedOrgId: uuid('rated_org_id').notNull(),
    ratedBrokerId: uuid('rated_broker_id'),
    score: smallint('score').notNull(),
    tags: text('tags').array().notNull().default([]),
    comment: text('comment'),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deal_ratings_once_uq').on(t.dealId, t.raterOrgId, t.ratedOrgId), index('deal_ratings_rated_idx').on(t.ratedOrgId), index('deal_ratings_broker_idx').on(t.ratedBrokerId)],
);

/** 投诉: a complaint about an organization (optionally in a deal) with evidence files, handled by platform staff. */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complainantId: uuid('complainant_id').notNull(),
    complainantOrgId: uuid('complainant_org_id').notNull(),
    orgId: uuid('org_id').notNull(),
    dealId: uuid('deal_id'),
    reason: text('reason').notNull(),
    status: text('status').$type<'open' | 'upheld' | 'dismissed'>().notNull().default('open'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaints_status_idx').on(t.status, t.createdAt), index('complaints_org_idx').on(t.orgId)],
);

/** 诚信记录: 警示 (warning) or 失信 (dishonest: listings out of the catalogue and matching) until lifted. */
export const creditEvents = pgTable(
  'credit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    kind: text('kind').$type<'warning' | 'dishonest'>().notNull(),
    reason: text('reason').notNull(),
    complaintId: uuid('complaint_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by'),
    liftReason: text('lift_reason'),
  },
  (t) => [index('credit_events_org_idx').on(t.orgId), index('credit_events_active_idx').on(t.kind).where(sql`${t.liftedAt} is null`)],
);
