import type { Jobs } from '../../lib/jobs.js';
import type { IndexedChange, SearchSync } from '../listings/index.js';
import { refreshStoredMatches, type MatchingDeps } from './matching.service.js';

export const MATCH_REFRESH_JOB = 'match-refresh';
/** Recounts each organization's answer rate (the responsiveness factor) from all stored matches. */
export const RESPONSIVENESS_JOB = 'match-responsiveness';

/**
 * Keeps stored matches current: every listing change that reached the index is re-matched
 * in-process right away; a failure is handed to a pg-boss job that retries with backoff.
 */
export function startMatchRefresher(deps: MatchingDeps, sync: SearchSync, jobs?: Jobs) {
  let queue: Promise<void> = Promise.resolve();
  const refresh = (c: IndexedChange) =>
    refreshStoredMatches(deps, c.kind, c.id, c.published).then(
      () => undefined,
      (err: unknown) => {
        deps.log.warn({ err, listing: c.id }, 'match refresh failed; queued for retry');
        void jobs?.send(MATCH_REFRESH_JOB, c, { retryLimit: 10, retryDelay: 5, retryBackoff: true }).catch(() => undefined);
      },
    );
  sync.onIndexed((changes) => {
    for (const c of changes) queue = queue.then(() => refresh(c));
  });
  return {
    /** Resolves when every refresh queued so far has run (tests, benchmarks). */
    idle: async () => {
      let seen: Promise<void> | null = null;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
  };
}

export { matchingRoutes, feedbackSchema } from './matching.routes.js';
export { matchesFor, computeMatches, refreshStoredMatches, candidateQueries, termsOf, giveFeedback, STORE_THRESHOLD, type MatchingDeps } from './matching.service.js';
export { extractTerms, warmUpTerms } from './matching.terms.js';
export { scorePair, weights } from './matching.score.js';
export { matches, matchFeedback, brokerProfiles, orgResponsiveness } from './matching.tables.js';
export { recomputeResponsiveness } from './matching.repository.js';
