import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Live roadshows (在线路演). The row is the shared room state (status, current agenda item): every
 * server process reads it, so a socket on any worker sees the same state.
 */
export const roadshows = pgTable(
  'roadshows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    zoneId: uuid('zone_id').notNull(),
    /** The organizer's organization (a zone admin's government body, a broker's agency). */
    organizerOrgId: uuid('organizer_org_id'),
    /** The host: the user who created it and runs it. */
    hostId: uuid('host_id').notNull(),
    status: text('status').$type<'draft' | 'scheduled' | 'live' | 'ended' | 'cancelled'>().notNull().default('draft'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    description: text('description'),
    coverFileId: uuid('cover_file_id'),
    capacity: integer('capacity'),
    registrationRequired: boolean('registration_required').notNull().default(false),
    streamUrl: text('stream_url'),
    recordingUrl: text('recording_url'),
    /** Industries of the agenda's achievements (calendar filter). */
    industries: text('industries').array().notNull().default([]),
    currentItem: smallint('current_item').notNull().default(0),
    peakViewers: integer('peak_viewers').notNull().default(0),
    cancelReason: text('cancel_reason'),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('roadshows_status_starts_idx').on(t.status, t.startsAt), index('roadshows_zone_idx').on(t.zoneId, t.startsAt)],
);

/** The agenda: one achievement per item, in order. */
export const roadshowItems = pgTable(
  'roadshow_items',
  {
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    achievementId: uuid('achievement_id').notNull(),
    presenterId: uuid('presenter_id'),
    minutes: smallint('minutes'),
  },
  (t) => [primaryKey({ columns: [t.roadshowId, t.position] }), index('roadshow_items_achievement_idx').on(t.achievementId)],
);

/** 报名: one row per user (with the organization they act for). */
export const roadshowRegistrations = pgTable(
  'roadshow_registrations',
  {
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    organizationId: uuid('organization_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roadshowId, t.userId] })],
);

/** Everyone who joined the room while it was live (unique viewers). */
export const roadshowViewers = pgTable(
  'roadshow_viewers',
  {
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roadshowId, t.userId] })],
);

export const roadshowQuestions = pgTable(
  'roadshow_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    authorName: text('author_name').notNull(),
    itemIndex: smallint('item_index'),
    text: text('text').notNull(),
    votes: integer('votes').notNull().default(0),
    status: text('status').$type<'open' | 'answered' | 'hidden'>().notNull().default('open'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('roadshow_questions_rs_idx').on(t.roadshowId, t.createdAt)],
);

export const roadshowQuestionVotes = pgTable(
  'roadshow_question_votes',
  {
    questionId: uuid('question_id').notNull().references(() => roadshowQuestions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

export const roadshowChat = pgTable(
  'roadshow_chat',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    authorName: text('author_name').notNull(),
    /** As shown (sensitive words masked). */
    text: text('text').notNull(),
    masked: boolean('masked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('roadshow_chat_rs_idx').on(t.roadshowId, t.createdAt)],
);

/** A reviewer's or host's mute of one user for one roadshow (audited). */
export const roadshowMutes = pgTable(
  'roadshow_mutes',
  {
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    mutedBy: uuid('muted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roadshowId, t.userId] })],
);

/**
 * 「我有意向」: a viewer's cooperation intent on an agenda achievement — a lead for the supplier
 * and the organizer, ready to become a deal (`dealId` once it has).
 */
export const roadshowIntents = pgTable(
  'roadshow_intents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    achievementId: uuid('achievement_id').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    userId: uuid('user_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    note: text('note'),
    status: text('status').$type<'new' | 'contacted' | 'closed'>().notNull().default('new'),
    dealId: uuid('deal_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roadshow_intents_once_idx').on(t.roadshowId, t.achievementId, t.userId),
    index('roadshow_intents_supplier_idx').on(t.supplierOrgId, t.createdAt),
  ],
);

/** 申请路演: a supplier asks to present an achievement; the organizer accepts or declines. */
export const roadshowApplications = pgTable(
  'roadshow_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadshowId: uuid('roadshow_id').notNull().references(() => roadshows.id, { onDelete: 'cascade' }),
    achievementId: uuid('achievement_id').notNull(),
    applicantId: uuid('applicant_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    note: text('note'),
    status: text('status').$type<'pending' | 'accepted' | 'declined'>().notNull().default('pending'),
    reason: text('reason'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roadshow_applications_once_idx').on(t.roadshowId, t.achievementId)],
);

/** Offline matchmaking events (对接、展览展示) a zone admin records; they count in indicator 23. */
export const offlineEvents = pgTable(
  'offline_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    zoneId: uuid('zone_id').notNull(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    participants: integer('participants').notNull(),
    photoFileIds: jsonb('photo_file_ids').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('offline_events_zone_idx').on(t.zoneId, t.heldOn)],
);
