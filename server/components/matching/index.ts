import { inOrderWorker, type Jobs } from '../../lib/jobs.js';
import type { IndexedChange, SearchSync } from '../listings/index.js';
import { refreshStoredMatches, type MatchingDeps } from './matching.service.js';

export const MATCH_REFRESH_JOB = 'match-refresh';
/** Recounts each organization's answer rate (the responsiveness factor) from all stored matches. */
export const RESPONSIVENESS_JOB = 'match-responsiveness';
/** Rebuilds the term associations (co-occurrence in published listings) from the whole corpus. */
export const ASSOCIATIONS_JOB = 'match-associations';
/** Publication changes ask for a rebuild at most once per this many seconds (pg-boss `sendDebounced`). */
export const ASSOCIATIONS_DEBOUNCE_S = 300;

/**
 * Keeps stored matches current: every listing change that reached the index is re-matched
 * in-process right away; a failure is handed to a pg-boss job that retries with backoff.
 */
export function startMatchRefresher(deps: MatchingDeps, sync: SearchSync, jobs?: Jobs) {
  const worker = inOrderWorker<IndexedChange>({
    work: (c) => refreshStoredMatches(deps, c.kind, c.id, c.published),
    jobs,
    job: MATCH_REFRESH_JOB,
    onFailure: (err, c) => deps.log.warn({ err, listing: c.id }, 'match refresh failed; queued for retry'),
  });
  sync.onIndexed((changes) => {
    for (const c of changes) worker.push(c);
    // The corpus changed: one association rebuild per window, however many listings were published in it.
    if (changes.length) jobs?.sendDebounced(ASSOCIATIONS_JOB, {}, {}, ASSOCIATIONS_DEBOUNCE_S, ASSOCIATIONS_JOB).catch((err: unknown) => deps.log.warn({ err }, 'association rebuild not queued'));
  });
  return { idle: worker.idle, stop: worker.stop };
}

export { matchingRoutes, feedbackSchema } from './matching.routes.js';
export { matchesFor, computeMatches, refreshStoredMatches, candidateQueries, searchCandidates, termsOf, giveFeedback, rebuildTermAssociations, STORE_THRESHOLD, type MatchingDeps } from './matching.service.js';
export { associations, expandTerms, hasAssociations, associationsOf } from './matching.associations.js';
export { extractTerms, warmUpTerms } from './matching.terms.js';
export { scorePair, weights } from './matching.score.js';
export { recomputeResponsiveness } from './matching.repository.js';
export { reassignMatchingOrganization } from './merge.repository.js';
