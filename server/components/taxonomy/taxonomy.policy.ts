/** The taxonomy (industries, modes, cities, zones…) is public reference data; it changes only through seeding and the zone admin pages (indicators component). */
import type { Actor } from '../auth/index.js';

/** Anyone, logged in or not, reads the dictionaries. */
export const canReadTaxonomy = (_actor: Actor | null) => true;
