import type { Jobs } from '../../lib/jobs.js';
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
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const later = (c: IndexedChange) => jobs?.send(MATCH_REFRESH_JOB, c, { retryLimit: 10, retryDelay: 5, retryBackoff: true }).then(() => undefined, () => undefined);
  const refresh = async (c: IndexedChange) => {
    // Stopping: what is still queued becomes a durable job, run by whichever process is up next.
    if (stopped) return later(c);
    await refreshStoredMatches(deps, c.kind, c.id, c.published).catch((err: unknown) => {
      deps.log.warn({ err, listing: c.id }, 'match refresh failed; queued for retry');
      return later(c);
    });
  };
  sync.onIndexed((changes) => {
    for (const c of changes) queue = queue.then(() => refresh(c));
    // The corpus changed: one association rebuild per window, however many listings were published in it.
    if (changes.length) jobs?.sendDebounced(ASSOCIATIONS_JOB, {}, {}, ASSOCIATIONS_DEBOUNCE_S, ASSOCIATIONS_JOB).catch((err: unknown) => deps.log.warn({ err }, 'association rebuild not queued'));
  });
  const idle = async () => {
    let seen: Promise<void> | null = null;
    while (seen !== queue) {
      seen = queue;
      await queue;
    }
  };
  return {
    /** Resolves when every refresh queued so far has run (tests, benchmarks). */
    idle,
    /** At shutdown, before the job queue and the pool close: the refresh in flight ends, the rest is handed to jobs. */
    stop: async () => {
      stopped = true;
      await idle();
    },
  };
}

export { matchingRoutes, feedbackSchema } from './matching.routes.js';
export { matchesFor, computeMatches, refreshStoredMatches, candidateQueries, termsOf, giveFeedback, rebuildTermAssociations, STORE_THRESHOLD, type MatchingDeps } from './matching.service.js';
export { associations, expandTerms, hasAssociations, associationsOf } from './matching.associations.js';
export { extractTerms, warmUpTerms } from './matching.terms.js';
export { scorePair, weights } from './matching.score.js';
export { recomputeResponsiveness } from './matching.repository.js';
export { reassignMatchingOrganization } from './merge.repository.js';
