import { api } from '../../shared/api';
import type { MessageKey } from '../../shared/i18n';

/** The structured reasons of a "not relevant" verdict (API codes). */
export const NOT_RELEVANT_REASONS = ['field_mismatch', 'maturity_low', 'price_mismatch', 'already_solved', 'other'] as const;
export type NotRelevantReason = (typeof NOT_RELEVANT_REASONS)[number];
export type FeedbackReason = NotRelevantReason | 'interested';

export const REASON_LABELS: Record<FeedbackReason, MessageKey> = {
  interested: 'match.reason.interested',
  field_mismatch: 'match.reason.field_mismatch',
  maturity_low: 'match.reason.maturity_low',
  price_mismatch: 'match.reason.price_mismatch',
  already_solved: 'match.reason.already_solved',
  other: 'match.reason.other',
};

export const FACTOR_LABELS: Record<string, MessageKey> = {
  text: 'match.factor.text',
  relevance: 'match.factor.relevance',
  industry: 'match.factor.industry',
  maturity: 'match.factor.maturity',
  price: 'match.factor.price',
  mode: 'match.factor.mode',
  region: 'match.factor.region',
  freshness: 'match.factor.freshness',
  responsiveness: 'match.factor.responsiveness',
};

export interface FeedbackInput {
  demandId: string;
  achievementId: string;
  verdict: 'relevant' | 'not_relevant';
  reason: FeedbackReason;
  note?: string;
}

/** `POST /api/matches/feedback`. */
export function sendFeedback(input: FeedbackInput): Promise<unknown> {
  const body: FeedbackInput = { ...input };
  if (!body.note) delete body.note;
  return api<unknown>('/api/matches/feedback', { method: 'POST', body });
}
