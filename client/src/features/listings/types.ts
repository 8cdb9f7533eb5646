import type { z } from 'zod';
import type { Achievement, Demand, FileRef, IpItem, ListingStatus, listingHistorySchema } from '@common/schemas/listings.js';

export type Kind = 'achievement' | 'demand';
export type { FileRef, IpItem, ListingStatus };

/**
 * A listing as `GET /api/{achievements|demands}/:id` presents it (common/schemas/listings.ts), with the
 * fields of the other kind optional so one type serves both. What is present depends on the viewer:
 * visitors get the summary; logged-in users also detail, contact and attachments; the owner
 * organization and reviewers also the review notes and the pending revision.
 */
type AchievementOnly = Exclude<keyof Achievement, keyof Demand>;
type DemandOnly = Exclude<keyof Demand, keyof Achievement>;
export type Listing = Omit<Achievement, 'kind' | AchievementOnly> & { kind: Kind } & Partial<Pick<Achievement, AchievementOnly>> & Partial<Pick<Demand, DemandOnly>>;

/** A hit of the catalogue search: the search document plus safe highlights. */
export interface CatalogueItem {
  id: string;
  kind: Kind;
  title: string;
  titleEn?: string | null;
  keywords: string[];
  industry: string;
  cityCode: string;
  zoneId?: string | null;
  ownerOrgId: string;
  ownerName?: string;
  ownerRating?: { average: number | null; count: number };
  publishedAt: string | null;
  expiresAt?: string | null;
  summary?: string | null;
  trl?: number | null;
  transferModes?: string[];
  price?: number | null;
  source?: string | null;
  problem?: string | null;
  expectedOutcome?: string | null;
  trlMin?: number | null;
  cooperationModes?: string[];
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: string | null;
  /** Server-escaped HTML whose only tags are <mark>. */
  _formatted?: Partial<Record<'title' | 'titleEn' | 'summary' | 'summaryEn' | 'problem', string | null>>;
}

export interface CatalogueResponse {
  items: CatalogueItem[];
  total: number;
  page: number;
  pageSize: number;
  facets?: Record<string, Record<string, number>>;
  /** Listings that share only part of the query, shown after the strict results and labelled. */
  related?: CatalogueItem[];
  /** How the query was read: an organization named in it (a filter) and its words. */
  reading?: { org: string | null; words: string[]; strictness: 'words' | 'pieces' | 'none' };
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type HistoryEntry = z.infer<typeof listingHistorySchema>['items'][number];

export interface MatchReason {
  factor: string;
  weight: number;
  value: number;
  detail: string;
}

export interface MatchFeedbackCounts {
  relevant: number;
  notRelevant: number;
  reasons: Record<string, number>;
}

export interface MatchItem {
  achievement?: CatalogueItem;
  demand?: CatalogueItem;
  score: number;
  reasons: MatchReason[];
  matchedTerms: string[];
  feedback?: MatchFeedbackCounts;
}

export interface MatchesResponse {
  source: 'live' | 'stored';
  items: MatchItem[];
}
