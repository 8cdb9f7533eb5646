/** Notifications are personal: each user reads and marks only their own (another user's id is a 404). */
import type { Actor } from '../auth/index.js';

/** The recipient whose notifications the actor reaches. */
export const recipientOf = (actor: Actor) => actor.id;
