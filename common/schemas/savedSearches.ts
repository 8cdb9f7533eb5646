/**
 * Saved searches (信息推送): a catalogue query and its filters, saved by a logged-in user, who is told
 * of newly published listings it finds (API.md: `{ kind, q?, filters, notify: "immediate"|"daily" }`).
 */
import { z } from 'zod';
import { ACHIEVEMENT_SOURCES } from './listings.js';

export const SAVED_SEARCH_NOTIFY = ['immediate', 'daily'] as const;
export type SavedSearchNotify = (typeof SAVED_SEARCH_NOTIFY)[number];
/** How many saved searches one user may keep. */
export const SAVED_SEARCH_LIMIT = 30;

const code = (label: string) => z.string({ error: `${label}应为代码文字` }).trim().min(1, `${label}不能为空`).max(40, `${label}代码最多 40 个字符`).optional();
const trl = (label: string) => z.number({ error: `${label}应为 1–9 的整数` }).int(`${label}应为 1–9 的整数`).min(1, `${label}应为 1–9 的整数`).max(9, `${label}应为 1–9 的整数`).optional();

/** The catalogue filters a saved search keeps (the catalogue's parameter names, values as JSON types). */
export const savedSearchFiltersSchema = z
  .strictObject({
    industry: code('产业'),
    city: code('城市'),
    mode: code('合作方式'),
    zone: z.uuid('示范区无效').optional(),
    maturityMin: trl('成熟度下限'),
    maturityMax: trl('成熟度上限'),
    priceMax: z.number({ error: '价格上限应为金额（元）' }).min(0, '价格上限不能为负数').max(1e12, '价格上限过大（最多 1 万亿元）').optional(),
    source: z.enum(ACHIEVEMENT_SOURCES, { error: '成果来源无效' }).optional(),
    org: z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称最多 100 个字').optional(),
  }, { error: '筛选条件应为对象' })
  .superRefine((f, ctx) => {
    if (f.maturityMin !== undefined && f.maturityMax !== undefined && f.maturityMin > f.maturityMax) {
      ctx.addIssue({ code: 'custom', path: ['maturityMax'], message: '成熟度上限不能低于下限' });
    }
  });
export type SavedSearchFilters = z.output<typeof savedSearchFiltersSchema>;

const name = z.string({ error: '名称应为文字' }).trim().min(1, '请填写订阅名称').max(50, '订阅名称最多 50 个字');

export const savedSearchCreateSchema = z
  .strictObject({
    kind: z.enum(['achievement', 'demand'], { error: '请选择订阅成果（achievement）还是需求（demand）' }),
    /** Shown in the list and the notifications; by default made from the query and filters. */
    name: name.optional(),
    q: z.string({ error: '搜索词应为文字' }).trim().max(200, '搜索词最多 200 个字').optional().nullable(),
    filters: savedSearchFiltersSchema.default({}),
    notify: z.enum(SAVED_SEARCH_NOTIFY, { error: '请选择提醒方式：立即提醒（immediate）或每日汇总（daily）' }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'demand' && v.filters.source !== undefined) ctx.addIssue({ code: 'custom', path: ['filters', 'source'], message: '需求没有成果来源这一筛选条件' });
  })
  .meta({ id: 'SavedSearchInput' });
export type SavedSearchInput = z.output<typeof savedSearchCreateSchema>;

export const savedSearchPatchSchema = z.strictObject({ name: name.optional(), notify: z.enum(SAVED_SEARCH_NOTIFY, { error: '提醒方式应为 immediate 或 daily' }).optional() }).meta({ id: 'SavedSearchPatch' });

export const savedSearchSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['achievement', 'demand']),
    name: z.string(),
    q: z.string().nullable(),
    filters: savedSearchFiltersSchema,
    notify: z.enum(SAVED_SEARCH_NOTIFY),
    createdAt: z.string(),
    /** When its owner was last told of new listings (immediately or in a daily digest); null = never yet. */
    lastNotifiedAt: z.string().nullable(),
    /** New listings found and already notified. */
    notifiedCount: z.number(),
    /** New listings found that wait for the next daily digest. */
    pendingCount: z.number(),
  })
  .meta({ id: 'SavedSearch' });
export type SavedSearch = z.output<typeof savedSearchSchema>;
export const savedSearchListSchema = z.object({ items: z.array(savedSearchSchema), total: z.number(), limit: z.number() });
