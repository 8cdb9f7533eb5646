/**
 * Achievement (科技成果) and demand (技术需求) bodies, shared by the server (validation, OpenAPI)
 * and the client (form rules). Codes (industry, modes, city) are checked against the taxonomy on the server.
 */
import { z } from 'zod';

export const LISTING_STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn', 'expired', 'transferred'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_STATUS_NAMES: Record<ListingStatus, string> = {
  draft: '草稿',
  pending: '待审核',
  published: '已发布',
  rejected: '未通过',
  withdrawn: '已撤回',
  expired: '已过期',
  transferred: '已转化',
};
export const ACHIEVEMENT_SOURCES = ['fiscal_program', 'award', 'other'] as const;
export const ACHIEVEMENT_SOURCE_NAMES = { fiscal_program: '财政科技计划成果', award: '科技奖励成果', other: '其他' } as const;

const text = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).optional().nullable();

/** Yuan with at most 2 decimals; null means 面议 (negotiable). */
export const money = (label: string) =>
  z
    .number({ error: `${label}应为数字（元），面议请留空` })
    .min(0, `${label}不能为负数`)
    .max(1e12, `${label}过大`)
    .refine((v) => Math.round(v * 100) === Number((v * 100).toFixed(6)), `${label}最多保留两位小数`)
    .nullable();

/** Optional: matching reads the title and description first; keywords help (推荐关键词 suggests them). */
const keywords = z
  .array(z.string().trim().min(1, '关键词不能为空').max(20, '每个关键词最多 20 个字'), { error: '关键词应为文字列表' })
  .max(8, '关键词最多 8 个')
  .refine((k) => new Set(k).size === k.length, '关键词不能重复')
  .default([]);
const phone = z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确').optional().nullable();
const email = z.string().trim().pipe(z.email('联系邮箱格式不正确')).optional().nullable();
const attachments = z.array(z.string().uuid('附件编号无效')).max(10, '附件最多 10 个').default([]);
const code = (label: string) => z.string({ error: `请选择${label}` }).min(1, `请选择${label}`).max(40);

export const ipItemSchema = z.strictObject({
  type: code('知识产权类型'),
  number: text('知识产权编号', 1, 50),
  status: code('知识产权状态'),
  share: z.number().min(0, '权属比例应在 0–100 之间').max(100, '权属比例应在 0–100 之间').optional().nullable(),
});

const achievementFields = {
  title: text('成果名称', 2, 100),
  titleEn: optionalText('英文名称', 200),
  summary: text('成果简介', 10, 500),
  summaryEn: optionalText('英文简介', 1500),
  detail: text('详细介绍', 10, 20000),
  confidentialDetail: optionalText('保密信息', 20000),
  keywords,
  industry: code('所属产业'),
  technicalField: optionalText('技术领域', 50),
  trl: z.number({ error: '请选择技术成熟度' }).int().min(1, '技术成熟度为 1–9 级').max(9, '技术成熟度为 1–9 级'),
  transferModes: z.array(code('转化方式'), { error: '请选择转化方式' }).min(1, '至少选择一种转化方式').max(6),
  ipItems: z.array(ipItemSchema).max(20, '知识产权最多 20 项').default([]),
  price: money('意向价格'),
  cityCode: code('所在城市'),
  zoneId: z.string().uuid('示范区无效').optional().nullable(),
  source: z.enum(ACHIEVEMENT_SOURCES, { error: '请选择成果来源' }),
  registrationNo: z.string().trim().regex(/^\d{12}$/, '成果登记号应为 12 位数字').optional().nullable(),
  contactName: text('联系人', 1, 50),
  contactPhone: phone,
  contactEmail: email,
  attachments,
};
export const achievementCreateSchema = z.strictObject(achievementFields).meta({ id: 'AchievementInput' });
/** For edits: absent fields stay as they are (no defaults, which `.partial()` would still apply). */
const withoutDefaults = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap() : v])) as { [K in keyof T]: T[K] extends z.ZodDefault<infer I> ? I : T[K] };
export const achievementPatchSchema = z.strictObject(withoutDefaults(achievementFields)).partial().meta({ id: 'AchievementPatch' });
export type AchievementInput = z.output<typeof achievementCreateSchema>;

const demandFields = {
  title: text('需求名称', 2, 100),
  titleEn: optionalText('英文名称', 200),
  problem: text('需求描述（要解决的技术问题）', 10, 5000),
  expectedOutcome: text('预期目标与指标', 5, 3000),
  keywords,
  industry: code('所属产业'),
  trlMin: z.number().int().min(1).max(9).optional().nullable(),
  budgetMin: money('预算下限').optional(),
  budgetMax: money('预算上限').optional(),
  deadline: z.iso.date('截止日期格式应为 YYYY-MM-DD').optional().nullable(),
  cooperationModes: z.array(code('合作方式'), { error: '请选择合作方式' }).min(1, '至少选择一种合作方式').max(6),
  cityCode: code('所在城市'),
  zoneId: z.string().uuid('示范区无效').optional().nullable(),
  contactName: text('联系人', 1, 50),
  contactPhone: phone,
  contactEmail: email,
  attachments,
};
const budgetOrder = (v: { budgetMin?: number | null; budgetMax?: number | null }, ctx: z.RefinementCtx) => {
  if (v.budgetMin != null && v.budgetMax != null && v.budgetMin > v.budgetMax) {
    ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: '预算上限不能低于预算下限' });
  }
};
export const demandCreateSchema = z.strictObject(demandFields).superRefine(budgetOrder).meta({ id: 'DemandInput' });
export const demandPatchSchema = z.strictObject(withoutDefaults(demandFields)).partial().superRefine(budgetOrder).meta({ id: 'DemandPatch' });
export type DemandInput = z.output<typeof demandCreateSchema>;

export const reviewDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { error: '请选择审核结论：通过或驳回' }),
    reason: z.string().trim().max(1000, '审核意见最多 1000 个字').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.reason.length < 2) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时请写明理由' });
  });

export const withdrawSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const CATALOGUE_SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;
/** Query of GET /api/achievements and /api/demands (API.md names). */
export const catalogueQuerySchema = z.strictObject({
  q: z.string().trim().max(200, '搜索词最多 200 个字').optional(),
  industry: z.string().max(40).optional(),
  maturityMin: z.coerce.number().int().min(1).max(9).optional(),
  maturityMax: z.coerce.number().int().min(1).max(9).optional(),
  mode: z.string().max(40).optional(),
  city: z.string().max(10).optional(),
  zone: z.string().uuid('示范区无效').optional(),
  priceMax: z.coerce.number({ error: 'priceMax 应为金额（元）' }).min(0, 'priceMax 不能为负数').max(1e12, 'priceMax 过大（最多 1 万亿元）').optional(),
  source: z.enum(ACHIEVEMENT_SOURCES).optional(),
  /** The owner organization's name (the `ownerName` facet). */
  org: z.string().trim().max(100, '单位名称最多 100 个字').optional(),
  sort: z.enum(CATALOGUE_SORTS).default('relevance'),
  page: z.coerce.number({ error: 'page 应为正整数' }).int('page 应为正整数').min(1, 'page 应为正整数').max(10000, 'page 最大为 10000').default(1),
  pageSize: z.coerce.number({ error: 'pageSize 应为 1–100 的整数' }).int('pageSize 应为 1–100 的整数').min(1, 'pageSize 应为 1–100 的整数').max(100, 'pageSize 最大为 100').default(20),
  /** `mine=true`: the caller's own organization's listings of any status (from PostgreSQL). */
  mine: z.enum(['true', 'false']).optional(),
  status: z.enum(LISTING_STATUSES).optional(),
});
export type CatalogueQuery = z.output<typeof catalogueQuerySchema>;

/** Body of POST /api/keywords/suggest: the title and description typed so far. */
export const keywordSuggestSchema = z.strictObject({
  kind: z.enum(['achievement', 'demand'], { error: '请说明是成果还是需求' }),
  title: z.string().trim().max(200, '名称最多 200 个字').default(''),
  text: z.string().trim().max(25000, '描述最多 25000 个字').default(''),
  keywords: z.array(z.string().trim().max(20)).max(8).default([]),
});

// Answers (API.md field names). What a listing shows depends on the viewer: visitors get the summary;
// logged-in users also the achievement's detail; the owner organization, staff and deal participants
// under a 保密承诺 also contacts, attachments and the confidential detail; owner and staff the review notes.

export const fileRefSchema = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() }).meta({ id: 'FileRef' });
export type FileRef = z.infer<typeof fileRefSchema>;
export type IpItem = z.infer<typeof ipItemSchema>;
/** The owner organization's rating average and count (deals). */
export const ownerRatingSchema = z.object({ average: z.number().nullable(), count: z.number() });
export const listingOwnerSchema = z.object({ id: z.string(), name: z.string(), type: z.string() });

const listingCommon = {
  id: z.string(),
  status: z.enum(LISTING_STATUSES),
  title: z.string(),
  titleEn: z.string().nullable(),
  keywords: z.array(z.string()),
  industry: z.string(),
  cityCode: z.string(),
  zoneId: z.string().nullable(),
  ownerOrgId: z.string(),
  owner: listingOwnerSchema,
  /** On a detail read. */
  ownerRating: ownerRatingSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** Whether contacts, attachments (and the confidential detail) are shown to this viewer. */
  confidentialVisible: z.boolean(),
  contactName: z.string().optional(),
  contactPhone: z.string().nullable().optional(),
  contactEmail: z.string().nullable().optional(),
  attachments: z.array(fileRefSchema).optional(),
  // The owner organization and staff.
  rejectionReason: z.string().nullable().optional(),
  /** An edit of a published listing waiting for review (the body fields as sent). */
  pendingRevision: z.record(z.string(), z.unknown()).nullable().optional(),
  revisionStatus: z.enum(['pending', 'rejected']).nullable().optional(),
  revisionReason: z.string().nullable().optional(),
  revisionSubmittedAt: z.string().nullable().optional(),
  submittedAt: z.string().nullable().optional(),
  expiresSoon: z.boolean().optional(),
};
/** What the answers (a listing, a catalogue hit) show of each kind. */
const achievementOut = {
  kind: z.literal('achievement'),
  summary: z.string().nullable(),
  summaryEn: z.string().nullable(),
  technicalField: z.string().nullable(),
  trl: z.number().nullable(),
  transferModes: z.array(z.string()),
  price: z.number().nullable().meta({ description: 'yuan; null = 面议' }),
};
const demandOut = {
  kind: z.literal('demand'),
  problem: z.string().nullable(),
  expectedOutcome: z.string().nullable(),
  trlMin: z.number().nullable(),
  cooperationModes: z.array(z.string()),
  budgetMin: z.number().nullable().meta({ description: 'yuan; null = 面议' }),
  budgetMax: z.number().nullable(),
  deadline: z.string().nullable(),
};
export const achievementSchema = z
  .object({
    ...listingCommon,
    ...achievementOut,
    ipItems: z.array(ipItemSchema),
    source: z.enum(ACHIEVEMENT_SOURCES).nullable(),
    registrationNo: z.string().nullable(),
    /** Logged-in viewers. */
    detail: z.string().nullable().optional(),
    confidentialDetail: z.string().nullable().optional(),
  })
  .meta({ id: 'Achievement' });
export const demandSchema = z
  .object({
    ...listingCommon,
    ...demandOut,
  })
  .meta({ id: 'Demand' });
export const listingSchema = z.discriminatedUnion('kind', [achievementSchema, demandSchema]).meta({ id: 'Listing' });
export type Achievement = z.infer<typeof achievementSchema>;
export type Demand = z.infer<typeof demandSchema>;
export type ListingOut = z.infer<typeof listingSchema>;

export const listingPageSchema = z.object({ items: z.array(listingSchema), total: z.number(), page: z.number(), pageSize: z.number() });

/** Server-escaped HTML whose only tags are <mark>. */
const formatted = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.string().nullable()]))).partial();
const hitCommon = {
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  keywords: z.array(z.string()),
  industry: z.string(),
  industryPath: z.array(z.string()),
  cityCode: z.string(),
  zoneId: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerName: z.string(),
  ownerRating: ownerRatingSchema,
  publishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  version: z.number(),
};
/** A hit of the catalogue search: the public search document plus safe highlights (`_formatted`). */
export const catalogueHitSchema = z
  .discriminatedUnion('kind', [
    z.object({
      ...hitCommon,
      ...achievementOut,
      priceNegotiable: z.boolean(),
      source: z.string().nullable(),
      _formatted: formatted(['title', 'titleEn', 'summary', 'summaryEn']),
    }),
    z.object({
      ...hitCommon,
      ...demandOut,
      budgetNegotiable: z.boolean(),
      deadline: z.string().nullable(),
      _formatted: formatted(['title', 'titleEn', 'problem']),
    }),
  ])
  .meta({ id: 'CatalogueHit' });
export const cataloguePageSchema = z.object({
  items: z.array(catalogueHitSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  processingTimeMs: z.number(),
  /** Listings that share only part of the query, after the strict results (labelled by the client). */
  related: z.array(catalogueHitSchema),
  /** How the query was read: an organization named in it (a filter) and its words. */
  reading: z.object({ org: z.string().nullable(), words: z.array(z.string()), strictness: z.enum(['words', 'pieces', 'none']) }),
});
export type CatalogueHit = z.infer<typeof catalogueHitSchema>;
export type CataloguePage = z.infer<typeof cataloguePageSchema>;

export const listingHistorySchema = z.object({
  items: z.array(z.object({ action: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()), createdAt: z.string() })),
});
export const reviewQueueSchema = z.object({
  items: z.array(z.object({ kind: z.enum(['achievement', 'demand']), id: z.string(), title: z.string(), revision: z.boolean(), submittedAt: z.string().nullable(), owner: listingOwnerSchema, listing: listingSchema })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
