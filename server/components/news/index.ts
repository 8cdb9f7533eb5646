import { registerFileVisibility } from '../files/index.js';
import { canSeeAttachments } from './news.service.js';

// Attachments of a published article are public; a draft's only for its editors.
registerFileVisibility('news', (db, actor, id) => canSeeAttachments(db, actor, id));

export { newsRoutes } from './news.routes.js';
export { createArticle, updateArticle, setPublished, getArticle, listPublished, articleMeta, type NewsSummary, type NewsArticle } from './news.service.js';
export { renderMarkdown, plainText } from './news.markdown.js';
