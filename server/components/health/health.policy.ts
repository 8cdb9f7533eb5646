/** Health reports only up/down per dependency (no versions, hosts or counts): public, for load balancers and monitors. */
import type { Actor } from '../auth/index.js';

export const canSeeHealth = (_actor: Actor | null) => true;
