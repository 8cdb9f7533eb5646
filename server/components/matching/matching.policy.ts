/** Who may read and act on matches. Use cases call these. */
import { hasRole, type Actor } from '../auth/index.js';

/** Brokers, reviewers and admins read the matches of any listing and the score of any pair; owners read their own. */
export const readsAnyMatches = (a: Actor | null) => hasRole(a, 'broker', 'reviewer', 'admin');

/** Brokers have an opportunity list and service fields, and may give feedback on a pair they are not party to. */
export const isBroker = (a: Actor | null) => hasRole(a, 'broker');
