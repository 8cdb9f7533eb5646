/** The one place tests get their users, organizations, listings, contracts, deals and roadshows from. */
export * from './users.js';
export * from './listings.js';
export * from './contracts.js';
export * from './deals.js';
export * from './roadshows.js';
