/** Roadshow (在线路演) request schemas, shared by the server (validation, OpenAPI) and the client forms. */
import { z } from 'zod';

export const ROADSHOW_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'cancelled'] as const;
export type RoadshowStatus = (typeof ROADSHOW_STATUSES)[number];
export const ROADSHOW_STATUS_NAMES: Record<RoadshowStatus, string> = {
  draft: '草稿',
  scheduled: '即将开始',
  live: '直播中',
  ended: '已结束',
  cancelled: '已取消',
};

/** The cover image and event photos: pictures only (checked by content on upload, by type when attached), at most 5 MB each. */
export const ROADSHOW_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ROADSHOW_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const ROADSHOW_EVENT_PHOTOS_MAX = 20;

const uuid = (what: string) => z.uuid({ error: `${what}应为有效的编号` });

/** An HLS playlist: an http(s) URL or a path on this site, ending in .m3u8 (query string allowed). */
export const streamUrlSchema = z
  .string({ error: '直播流地址应为文字' })
  .trim()
  .max(1000, '直播流地址最多 1000 个字符')
  .refine((u) => /^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(u) && /\.m3u8(\?[^\s]*)?$/.test(u), '直播流地址应为以 .m3u8 结尾的 HLS 地址（http/https 或本站路径）');

export const recordingUrlSchema = z
  .string({ error: '回放地址应为文字' })
  .trim()
  .max(1000, '回放地址最多 1000 个字符')
  .refine((u) => /^(https?:\/\/[^\s]+|\/[^\s]*)$/.test(u), '回放地址应为 http/https 地址或本站路径');

export const agendaItemSchema = z.strictObject({
  achievementId: uuid('科技成果'),
  presenterId: uuid('主讲人').nullable().optional(),
  minutes: z.number({ error: '计划时长应为分钟数' }).int('计划时长应为整数分钟').min(1, '计划时长至少 1 分钟').max(240, '计划时长最多 240 分钟').nullable().optional(),
});

const fields = {
  title: z.string({ error: '请填写路演标题' }).trim().min(2, '路演标题至少 2 个字').max(120, '路演标题最多 120 个字'),
  zoneId: uuid('示范区'),
  startsAt: z.iso.datetime({ offset: true, error: '开始时间应为 ISO 8601 时间' }),
  endsAt: z.iso.datetime({ offset: true, error: '结束时间应为 ISO 8601 时间' }),
  description: z.string().trim().max(5000, '路演介绍最多 5000 字').nullable().optional(),
  coverFileId: uuid('封面图片').nullable().optional(),
  capacity: z.number({ error: '人数上限应为整数' }).int('人数上限应为整数').min(1, '人数上限至少为 1').max(100000, '人数上限最多 100000').nullable().optional(),
  registrationRequired: z.boolean({ error: 'registrationRequired 应为 true 或 false' }).optional(),
  streamUrl: streamUrlSchema.nullable().optional(),
  items: z.array(agendaItemSchema, { error: '请安排路演议程' }).min(1, '议程至少包含 1 项成果').max(30, '议程最多 30 项'),
};

const timesInOrder = (v: { startsAt?: string; endsAt?: string }) => !v.startsAt || !v.endsAt || new Date(v.endsAt) > new Date(v.startsAt);
const timesIssue = { message: '结束时间应晚于开始时间', path: ['endsAt'] };

export const createRoadshowSchema = z.strictObject(fields).refine(timesInOrder, timesIssue);
export type CreateRoadshowInput = z.infer<typeof createRoadshowSchema>;

export const updateRoadshowSchema = z
  .strictObject({ ...fields, items: fields.items.optional(), recordingUrl: recordingUrlSchema.nullable().optional() })
  .partial()
  .refine(timesInOrder, timesIssue);
export type UpdateRoadshowInput = z.infer<typeof updateRoadshowSchema>;

export const cancelRoadshowSchema = z.strictObject({
  reason: z.string({ error: '请填写取消原因' }).trim().min(2, '请填写取消原因（至少 2 个字）').max(500, '取消原因最多 500 字'),
});

export const applicationSchema = z.strictObject({
  achievementId: uuid('科技成果'),
  note: z.string().trim().max(1000, '申请说明最多 1000 字').nullable().optional(),
});

export const applicationDecisionSchema = z.strictObject({
  decision: z.enum(['accept', 'decline'], { error: 'decision 应为 accept 或 decline' }),
  reason: z.string().trim().max(500, '说明最多 500 字').nullable().optional(),
});

export const offlineEventSchema = z.strictObject({
  heldOn: z.iso.date({ error: '活动日期应为 YYYY-MM-DD' }),
  title: z.string({ error: '请填写活动名称' }).trim().min(2, '活动名称至少 2 个字').max(200, '活动名称最多 200 字'),
  participants: z.number({ error: '参加人数应为整数' }).int('参加人数应为整数').min(1, '参加人数至少为 1').max(1000000),
  photos: z.array(uuid('照片')).max(ROADSHOW_EVENT_PHOTOS_MAX, `照片最多 ${ROADSHOW_EVENT_PHOTOS_MAX} 张`).optional(),
});

// Socket payloads (namespace /roadshow), validated with the same parse() as HTTP bodies.
export const joinPayload = z.strictObject({ roadshowId: uuid('路演') });
export const presentPayload = z.strictObject({ roadshowId: uuid('路演'), itemIndex: z.number({ error: 'itemIndex 应为议程序号' }).int().min(0).max(29) });
export const askPayload = z.strictObject({
  roadshowId: uuid('路演'),
  text: z.string({ error: '请输入问题' }).trim().min(2, '问题至少 2 个字').max(500, '问题最多 500 字'),
});
export const questionPayload = z.strictObject({ questionId: uuid('问题') });
export const chatPayload = z.strictObject({ roadshowId: uuid('路演'), text: z.string({ error: '请输入消息' }).trim().min(1, '请输入消息') });
export const mutePayload = z.strictObject({ roadshowId: uuid('路演'), userId: uuid('用户') });
export const intentPayload = z.strictObject({
  roadshowId: uuid('路演'),
  achievementId: uuid('科技成果'),
  note: z.string().trim().max(500, '意向说明最多 500 字').nullable().optional(),
});

// Answers: the shapes the roadshow endpoints return (checked against every answer in the tests; the client infers its types).

const achievementCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  industry: z.string(),
  technicalField: z.string().nullable(),
  trl: z.number().nullable(),
  transferModes: z.array(z.string()),
  ipItems: z.array(z.object({ type: z.string(), number: z.string(), status: z.string(), share: z.number().nullable().optional() })),
  price: z.number().nullable().meta({ description: 'null = 面议' }),
  ownerOrgId: z.string(),
  ownerOrgName: z.string().nullable(),
});
export const roadshowSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    zoneId: z.string(),
    zoneName: z.string().nullable(),
    organizerOrgId: z.string().nullable(),
    organizerName: z.string().nullable(),
    hostId: z.string(),
    status: z.enum(ROADSHOW_STATUSES),
    startsAt: z.string(),
    endsAt: z.string(),
    description: z.string().nullable(),
    coverFileId: z.string().nullable(),
    capacity: z.number().nullable(),
    registrationRequired: z.boolean(),
    streamUrl: z.string().nullable(),
    recordingUrl: z.string().nullable(),
    industries: z.array(z.string()),
    currentItem: z.number(),
    peakViewers: z.number(),
    cancelReason: z.string().nullable(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    registrations: z.number(),
    items: z.array(z.object({ position: z.number(), achievementId: z.string(), title: z.string(), minutes: z.number().nullable(), organizationName: z.string().nullable() })),
  })
  .meta({ id: 'RoadshowSummary' });
export const roadshowSchema = roadshowSummarySchema
  .extend({
    agenda: z.array(
      z.object({ position: z.number(), achievementId: z.string(), presenterId: z.string().nullable(), presenterName: z.string().nullable(), minutes: z.number().nullable(), achievement: achievementCardSchema.nullable() }),
    ),
    me: z.object({ registered: z.boolean(), host: z.boolean(), moderator: z.boolean(), supplier: z.boolean() }).nullable(),
  })
  .meta({ id: 'Roadshow' });
export const roadshowListSchema = z.object({ items: z.array(roadshowSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const roadshowStatsSchema = z
  .object({ registrations: z.number(), uniqueViewers: z.number(), peakViewers: z.number(), questions: z.number(), intents: z.number(), deals: z.number(), contracts: z.number(), contractAmount: z.number() })
  .meta({ id: 'RoadshowStats' });
export const roadshowIntentSchema = z.object({
  id: z.string(),
  roadshowId: z.string(),
  roadshowTitle: z.string().nullable(),
  achievementId: z.string(),
  achievementTitle: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  userId: z.string(),
  userName: z.string(),
  note: z.string().nullable(),
  status: z.string(),
  dealId: z.string().nullable(),
  createdAt: z.string(),
});
export const roadshowIntentsSchema = z.object({ items: z.array(roadshowIntentSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const roadshowQuestionSchema = z.object({ id: z.string(), roadshowId: z.string(), authorName: z.string(), itemIndex: z.number().nullable(), text: z.string(), votes: z.number(), status: z.string(), createdAt: z.string() });
export const roadshowApplicationSchema = z.object({
  id: z.string(),
  roadshowId: z.string(),
  achievementId: z.string(),
  achievementTitle: z.string(),
  applicantId: z.string(),
  organizationId: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'declined']),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const offlineEventRecordSchema = z.object({ id: z.string(), zoneId: z.string(), heldOn: z.string(), title: z.string(), participants: z.number(), photoFileIds: z.array(z.string()), createdAt: z.string() });
export type AchievementCard = z.infer<typeof achievementCardSchema>;
export type RoadshowSummary = z.infer<typeof roadshowSummarySchema>;
export type Roadshow = z.infer<typeof roadshowSchema>;
export type RoadshowStats = z.infer<typeof roadshowStatsSchema>;
export type RoadshowIntent = z.infer<typeof roadshowIntentSchema>;
export type RoadshowQuestion = z.infer<typeof roadshowQuestionSchema>;
export type RoadshowApplication = z.infer<typeof roadshowApplicationSchema>;
export type OfflineEventRecord = z.infer<typeof offlineEventRecordSchema>;
