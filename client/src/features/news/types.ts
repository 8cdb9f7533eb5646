import type { NewsCategory } from '@common/schemas/news.js';

export type { NewsCategory };

export interface NewsSummary {
  id: string;
  title: string;
  category: NewsCategory;
  categoryName: string;
  summary: string;
  source: string | null;
  zoneId: string | null;
  zoneName: string | null;
  status: 'draft' | 'published';
  pinned: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewsArticle extends NewsSummary {
  body: string;
  editorSummary: string | null;
  bodyHtml: string;
  attachments: { id: string; name: string; size: number; mime: string }[];
  canEdit: boolean;
}

export interface NewsPage {
  items: NewsSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const NEWS_CATEGORY_COLORS: Record<NewsCategory, string> = { policy: 'blue', notice: 'orange', lecture: 'green' };
