/** The portal shows only what is public anyway: published listings and news, registered-contract totals, public roadshows. */
import type { Actor } from '../auth/index.js';

/** Anyone, logged in or not, sees the front page (its content is filtered to public objects by the components that supply it). */
export const canSeePortal = (_actor: Actor | null) => true;
