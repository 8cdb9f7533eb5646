/** What other features use of listings; everything else stays inside the feature. */
export { ListingDescriptions } from './ListingDescriptions';
export { StatusTag, isStatus } from './components';
export { FIELD_ORDER, fieldLabel, formatFieldValue } from './fields';
export { KIND, detailPath } from './kinds';
export { type CatalogueItem, type Kind, type Listing, type MatchFeedbackCounts, type MatchItem, type MatchReason, type MatchesResponse, type PageOf } from './types';
