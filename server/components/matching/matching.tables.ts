import { index, integer, jsonb, numeric, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface MatchReason {
  factor: string;
  weight: number;
  value: number;
  detail: string;
}

/** Stored matches between a published demand and a published achievement, kept current by the match job. */
export const matches = pgTable(
  'matches',
  {
    demandId: uuid('demand_id').notNull(),
    achievementId: uuid('achievement_id').notNull(),
    score: numeric('score', { precision: 6, scale: 4 }).notNull(),
    reasons: jsonb('reasons').$type<MatchReason[]>().notNull(),
    matchedTerms: text('matched_terms').array().notNull().default([]),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the pair was first found; kept across recomputations (responsiveness gives owners a week to answer). */
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.achievementId] }), index('matches_achievement_idx').on(t.achievementId)],
);

/** A structured verdict on a pair, by one of the two owners or a broker. */
export const matchFeedback = pgTable(
  'match_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id').notNull(),
    achievementId: uuid('achievement_id').notNull(),
    userId: uuid('user_id').notNull(),
    orgId: uuid('org_id').notNull(),
    side: text('side').$type<'demand' | 'achievement' | 'broker'>().notNull(),
    verdict: text('verdict').$type<'relevant' | 'not_relevant'>().notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('match_feedback_pair_idx').on(t.demandId, t.achievementId), index('match_feedback_org_idx').on(t.orgId)],
);

/** What a broker works on: industries and cities; empty means everything. */
export const brokerProfiles = pgTable('broker_profiles', {
  userId: uuid('user_id').primaryKey(),
  industries: text('industries').array().notNull().default([]),
  cityCodes: text('city_codes').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Per organization: its stored matches that count (answered, or older than a week) and how many it
 * answered. Recomputed by a job over all matches, because counting per request visited every stored
 * match of the candidates' organizations (seconds for a university with thousands of listings).
 */
export const orgResponsiveness = pgTable('org_responsiveness', {
  orgId: uuid('org_id').primaryKey(),
  matched: integer('matched').notNull(),
  answered: integer('answered').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Terms that co-occur in the key terms of the same published listings more than chance predicts
 * (normalised PMI), learned from the platform's own corpus: a demand's term is expanded with its
 * associates (weight < 1). Rebuilt as a whole by the `match-associations` job; one row per direction.
 */
export const termAssociations = pgTable(
  'term_associations',
  {
    term: text('term').notNull(),
    associate: text('associate').notNull(),
    /** Normalised PMI in (0, 1]: 1 = the two terms only ever appear together. */
    strength: real('strength').notNull(),
    /** Published listings whose key terms hold both. */
    together: integer('together').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.term, t.associate] })],
);
