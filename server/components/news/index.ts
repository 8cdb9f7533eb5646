export { newsRoutes } from './news.routes.js';
export { createArticle, updateArticle, setPublished, getArticle, listPublished, articleMeta, canSeeAttachments, type NewsSummary, type NewsArticle } from './news.service.js';
export { renderMarkdown, plainText } from './news.markdown.js';
