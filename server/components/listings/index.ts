export { listingRoutes } from './listings.routes.js';
export { registerHiddenOwners, hiddenOwners, registerOwnerRatings, canSeeAttachments, type OwnerRating } from './listings.service.js';
export { registerConfidentialAccess } from './listings.presenter.js';
export { createListing, getListing, updateListing, submitListing, withdrawListing, reviewListing, reconfirmListing, markListingTransferred, runExpiry, type ListingsDeps } from './listings.service.js';
export { createSearchSync, applyToIndex, industryParents, SEARCH_SYNC_JOB, type SearchSync, type IndexedChange } from './listings.sync.js';
export { INDEX_NAMES, ensureIndex, indexSettings, toDocument, searchCatalogue, catalogueFilter, catalogueParams, catalogueSort, isSearchDown, searchableFor } from './listings.search.js';
export { KINDS, type Kind } from './listings.kinds.js';
export { findListing, findListingsByIds, countPublished, enqueueSearch, insertListing, newestPublished, orgNames, publishedPage, type NewListing } from './listings.repository.js';
export { reindex, checkDrift, repairDrift, type Drift } from './listings.maintenance.js';
export { canSee, isOwner, isStaff } from './listings.policy.js';
export { reassignListingsOrganization } from './merge.repository.js';
export { savedSearchRoutes } from './savedSearches.routes.js';
export {
  createSavedSearch,
  listSavedSearches,
  deleteSavedSearch,
  notifySavedSearches,
  sendDailyDigests,
  startSavedSearchNotifier,
  chinaDay,
  SAVED_SEARCH_MATCH_JOB,
  SAVED_SEARCH_DIGEST_JOB,
  type SavedSearchDeps,
} from './savedSearches.service.js';
