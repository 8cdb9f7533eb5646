/**
 * News and policy articles (政策宣传, 通知公告, 科技大讲堂): the editor's body, shared by the server
 * (validation, OpenAPI) and the client (form rules).
 */
import { z } from 'zod';

export const NEWS_CATEGORIES = ['policy', 'notice', 'lecture'] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];
export const NEWS_CATEGORY_NAMES: Record<NewsCategory, string> = { policy: '政策宣传', notice: '通知公告', lecture: '科技大讲堂' };
export const NEWS_CATEGORY_NAMES_EN: Record<NewsCategory, string> = { policy: 'Policy', notice: 'Notices', lecture: 'Tech lectures' };

export const NEWS_STATUSES = ['draft', 'published'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

const text = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

/** What an editor writes. `body` is Markdown; raw HTML in it is shown as text, never run. */
export const newsBodySchema = z.strictObject({
  title: text('标题', 4, 120),
  category: z.enum(NEWS_CATEGORIES, { error: '请选择栏目：政策宣传、通知公告或科技大讲堂' }),
  summary: z.string().trim().max(200, '摘要最多 200 个字').optional().nullable(),
  body: text('正文', 10, 50_000),
  /** 发文机关、文号 or the speaker of a lecture. */
  source: z.string().trim().max(120, '来源最多 120 个字').optional().nullable(),
  /** A zone admin's articles belong to their zone; a platform admin's are platform-wide unless a zone is given. */
  zoneId: z.uuid('示范区编号格式不正确').optional().nullable(),
  pinned: z.boolean({ error: '置顶应为是或否' }).optional(),
  attachments: z.array(z.uuid('附件编号格式不正确')).max(10, '附件最多 10 个').optional(),
});
export type NewsBody = z.infer<typeof newsBodySchema>;
/** PATCH: any subset of the fields. */
export const newsPatchSchema = newsBodySchema.partial();

// Answers.

export const newsSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.enum(NEWS_CATEGORIES),
    categoryName: z.string(),
    summary: z.string(),
    source: z.string().nullable(),
    zoneId: z.string().nullable(),
    zoneName: z.string().nullable(),
    status: z.enum(NEWS_STATUSES),
    pinned: z.boolean(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'NewsSummary' });
export const newsArticleSchema = newsSummarySchema
  .extend({
    body: z.string().meta({ description: 'Markdown source' }),
    editorSummary: z.string().nullable().meta({ description: 'the summary as written; null when lists show the beginning of the body' }),
    bodyHtml: z.string().meta({ description: 'the body rendered to HTML; raw HTML in the source is escaped' }),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
    canEdit: z.boolean(),
  })
  .meta({ id: 'NewsArticle' });
export const newsPageSchema = z.object({ items: z.array(newsSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
export type NewsSummary = z.infer<typeof newsSummarySchema>;
export type NewsArticle = z.infer<typeof newsArticleSchema>;
export type NewsPage = z.infer<typeof newsPageSchema>;
