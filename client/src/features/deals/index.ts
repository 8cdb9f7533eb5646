/** What other features use from deals: the start buttons and the rating display. */
export { StartDeal, useStartDeal, MatchStartDeal } from './StartDeal';
export { RatingBadge, type RatingSummary } from './RatingBadge';
