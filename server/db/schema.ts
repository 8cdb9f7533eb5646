/** Every table, for drizzle-kit and the typed database handle. Components own their table files. */
export * from '../components/taxonomy/taxonomy.tables.js';
export * from '../components/organizations/organizations.tables.js';
export * from '../components/auth/auth.tables.js';
export * from '../components/audit/audit.tables.js';
export * from './meta.tables.js';
export * from '../components/files/files.tables.js';
export * from '../components/listings/listings.tables.js';
export * from '../components/listings/savedSearches.tables.js';
export * from '../components/notifications/notifications.tables.js';
export * from '../components/contracts/contracts.tables.js';
export * from '../components/indicators/indicators.tables.js';
export * from '../components/matching/matching.tables.js';
export * from '../components/news/news.tables.js';
export * from './realtime.tables.js';
export * from '../components/deals/deals.tables.js';
export * from '../components/verification/verification.tables.js';
export * from '../components/roadshows/roadshows.tables.js';
