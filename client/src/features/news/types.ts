import type { NewsCategory } from '@common/schemas/news.js';

export type { NewsArticle, NewsCategory, NewsPage, NewsSummary } from '@common/schemas/news.js';

export const NEWS_CATEGORY_COLORS: Record<NewsCategory, string> = { policy: 'blue', notice: 'orange', lecture: 'green' };
