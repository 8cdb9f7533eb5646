/** Who may do what with saved searches: each user keeps their own; nobody else sees them (404). */
import type { Actor } from '../auth/index.js';
import type { SavedSearchRow } from './savedSearches.repository.js';

/** Any logged-in user may save catalogue searches. */
export const canSaveSearches = (actor: Actor | null): actor is Actor => !!actor;

/** Only the user who saved it sees, edits or deletes a saved search (staff included: it is personal). */
export const ownsSavedSearch = (actor: Actor, row: SavedSearchRow) => row.userId === actor.id;
