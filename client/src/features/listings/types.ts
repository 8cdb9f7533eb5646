import type { ListingStatus } from '@common/schemas/listings.js';

export type Kind = 'achievement' | 'demand';
export type { ListingStatus };

export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export interface IpItem {
  type: string;
  number: string;
  status: string;
  share?: number | null;
}

/**
 * A listing as `GET /api/{achievements|demands}/:id` presents it. What is present depends on the
 * viewer: visitors get the summary; logged-in users also detail, contact and attachments; the
 * owner organization and reviewers also the review notes and the pending revision.
 */
export interface Listing {
  id: string;
  kind: Kind;
  status: ListingStatus;
  title: string;
  titleEn?: string | null;
  keywords: string[];
  industry: string;
  cityCode: string;
  zoneId?: string | null;
  ownerOrgId: string;
  owner: { id: string; name: string; type: string };
  /** The owner organization's rating average and count (deals). */
  ownerRating?: { average: number | null; count: number };
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  expiresAt: string | null;

  // achievement
  summary?: string | null;
  summaryEn?: string | null;
  technicalField?: string | null;
  trl?: number | null;
  transferModes?: string[];
  ipItems?: IpItem[];
  price?: number | null;
  source?: 'fiscal_program' | 'award' | 'other' | null;
  registrationNo?: string | null;
  detail?: string | null;
  confidentialDetail?: string | null;

  // demand
  problem?: string | null;
  expectedOutcome?: string | null;
  trlMin?: number | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: string | null;
  cooperationModes?: string[];

  // logged-in users
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  attachments?: FileRef[];

  // owner organization and reviewers
  rejectionReason?: string | null;
  pendingRevision?: Record<string, unknown> | null;
  revisionStatus?: 'pending' | 'rejected' | null;
  revisionReason?: string | null;
  revisionSubmittedAt?: string | null;
  submittedAt?: string | null;
  expiresSoon?: boolean;
}

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

export interface HistoryEntry {
  action: string;
  actorId: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
}

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
