/** What other features use of news; everything else stays inside the feature. */
export { NewsList } from './NewsList';
export { type NewsSummary } from './types';
