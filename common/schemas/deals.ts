/**
 * Deals (交易洽谈): request bodies of the REST endpoints and of the `/negotiation` socket events,
 * shared by the server (validation, OpenAPI) and the client (forms, offer cards).
 */
import { z } from 'zod';

export const DEAL_STAGES = ['lead', 'contacted', 'negotiating', 'agreed', 'contracted', 'closed', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const OPEN_STAGES: readonly DealStage[] = ['lead', 'contacted', 'negotiating', 'agreed', 'contracted'];
export const DEAL_STAGE_NAMES: Record<DealStage, string> = {
  lead: '意向',
  contacted: '已接洽',
  negotiating: '洽谈中',
  agreed: '已达成一致',
  contracted: '已签约登记',
  closed: '已完成',
  lost: '已终止',
};

export const DEAL_SIDES = ['supply', 'demand', 'broker'] as const;
export type DealSide = (typeof DEAL_SIDES)[number];
export const DEAL_ORIGINS = ['catalogue', 'match', 'roadshow', 'broker'] as const;
export type DealOriginKind = (typeof DEAL_ORIGINS)[number];

/** Why a deal was lost: a code from this list plus free text. */
export const LOST_REASONS = ['price', 'terms', 'technology_fit', 'no_response', 'declined', 'chose_other', 'budget', 'other'] as const;
export const LOST_REASON_NAMES: Record<(typeof LOST_REASONS)[number], string> = {
  price: '价格未谈拢',
  terms: '合作条款未谈拢',
  technology_fit: '技术不匹配',
  no_response: '对方长期未回应',
  declined: '对方谢绝洽谈',
  chose_other: '已选择其他方案',
  budget: '预算或资金不足',
  other: '其他原因',
};

export const MESSAGE_KINDS = ['text', 'offer', 'counter', 'accept', 'reject', 'withdraw'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const OFFER_STATUSES = ['live', 'accepted', 'rejected', 'withdrawn', 'superseded', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const plainText = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字`)
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), `${label}含有不可见的控制字符`);
const id = (label: string) => z.uuid({ error: `${label}无效` });

/** Yuan, > 0, at most 2 decimals (checked on the decimal text, not in binary floating point). */
export const offerAmount = (label: string) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .positive(`${label}须大于 0`)
    .max(999_999_999_999.99, `${label}过大`)
    .refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v)), `${label}最多保留两位小数`);

export const instalmentSchema = z.strictObject({
  dueDate: z.iso.date({ error: '付款日期应为日期（YYYY-MM-DD）' }),
  amount: offerAmount('分期金额'),
  note: plainText('分期说明', 0, 200).optional(),
});

/**
 * The terms of an offer or counter-offer. `purpose: "commission"` is the brokerage agreement (居间):
 * `commissionRate` (e.g. 0.05 = 5 % of the technology transaction amount) or a fixed `amount`.
 */
export const offerTermsSchema = z
  .strictObject({
    purpose: z.enum(['price', 'commission']).default('price'),
    amount: offerAmount('报价金额').optional(),
    modes: z.array(z.string().min(1).max(40), { error: '请选择转化方式' }).max(6).default([]),
    terms: z.array(instalmentSchema, { error: '付款安排应为分期列表' }).max(24, '最多 24 期').default([]),
    validUntil: z.iso.datetime({ offset: true, error: '有效期应为带时区的时间（ISO 8601）' }),
    commissionRate: z
      .string()
      .regex(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, '佣金比例应为 0–1 之间、最多 6 位小数的数字字符串，如 "0.05"')
      .optional(),
    payerSide: z.enum(['supply', 'demand']).optional(),
    note: plainText('说明', 0, 1000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.purpose === 'price') {
      if (o.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], message: '请填写报价金额' });
      if (!o.modes.length) ctx.addIssue({ code: 'custom', path: ['modes'], message: '请选择转化方式' });
      if (o.commissionRate !== undefined) ctx.addIssue({ code: 'custom', path: ['commissionRate'], message: '价格报价不含佣金比例' });
      if (o.amount !== undefined && o.terms.length) {
        const cents = o.terms.reduce((s, t) => s + Math.round(t.amount * 100), 0);
        if (cents !== Math.round(o.amount * 100)) ctx.addIssue({ code: 'custom', path: ['terms'], message: '各期付款金额之和须等于报价总额' });
      }
    } else {
      if ((o.amount === undefined) === (o.commissionRate === undefined)) ctx.addIssue({ code: 'custom', path: ['commissionRate'], message: '佣金请填写比例或固定金额（二选一）' });
      if (!o.payerSide) ctx.addIssue({ code: 'custom', path: ['payerSide'], message: '请选择佣金支付方' });
    }
  });
export type OfferTerms = z.output<typeof offerTermsSchema>;
export type OfferTermsInput = z.input<typeof offerTermsSchema>;

/** `message:send` of `/negotiation` and its REST twin `POST /api/deals/:id/messages`. */
export const sendMessageSchema = z
  .strictObject({
    clientMsgId: z.string({ error: '缺少 clientMsgId' }).min(1).max(100, 'clientMsgId 最多 100 个字符'),
    kind: z.enum(MESSAGE_KINDS, { error: '消息类型应为 text/offer/counter/accept/reject/withdraw' }),
    body: plainText('消息内容', 0, 5000).optional(),
    offer: offerTermsSchema.optional(),
    /** The offer an accept / reject / withdraw answers (its id). */
    offerId: id('报价').optional(),
    attachments: z.array(id('附件'), { error: '附件应为文件编号列表' }).max(10, '附件最多 10 个').default([]),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'text' && !m.body && !m.attachments.length) ctx.addIssue({ code: 'custom', path: ['body'], message: '请输入消息内容' });
    if ((m.kind === 'offer' || m.kind === 'counter') && !m.offer) ctx.addIssue({ code: 'custom', path: ['offer'], message: '请填写报价条款' });
    if (m.kind !== 'offer' && m.kind !== 'counter' && m.offer) ctx.addIssue({ code: 'custom', path: ['offer'], message: '只有报价或还价带报价条款' });
    if ((m.kind === 'accept' || m.kind === 'reject' || m.kind === 'withdraw') && !m.offerId) ctx.addIssue({ code: 'custom', path: ['offerId'], message: '请指明所回应的报价' });
  });
export type SendMessageInput = z.output<typeof sendMessageSchema>;
export const socketSendSchema = z.intersection(z.object({ dealId: id('洽谈') }), sendMessageSchema);

export const createDealSchema = z
  .strictObject({
    achievementId: id('科技成果').optional(),
    demandId: id('技术需求').optional(),
    brokerId: id('技术经纪人').optional(),
    message: plainText('留言', 0, 2000).optional(),
    origin: z.enum(['catalogue', 'match', 'broker']).optional(),
  })
  .refine((b) => b.achievementId || b.demandId, { path: ['achievementId'], message: '请指明感兴趣的科技成果或技术需求' });
export type CreateDealInput = z.output<typeof createDealSchema>;

export const patchDealSchema = z
  .strictObject({
    stage: z.enum(['negotiating', 'lost', 'closed'], { error: '只能手动改为 negotiating、lost 或 closed（其余阶段由系统设置）' }),
    lostReason: z.enum(LOST_REASONS, { error: '请选择终止原因' }).optional(),
    lostNote: plainText('终止说明', 0, 1000).optional(),
  })
  .refine((b) => b.stage !== 'lost' || b.lostReason, { path: ['lostReason'], message: '终止洽谈须选择原因' });

export const declineSchema = z.strictObject({ reason: plainText('谢绝理由', 0, 1000).optional() });
export const inviteBrokerSchema = z.strictObject({ brokerId: id('技术经纪人') });
export const readSchema = z.strictObject({ seq: z.number().int().min(0) });

export const ratingSchema = z.strictObject({
  organizationId: id('被评价单位'),
  score: z.number({ error: '请打分（1–5）' }).int('评分应为 1–5 的整数').min(1, '评分应为 1–5').max(5, '评分应为 1–5'),
  tags: z.array(plainText('标签', 1, 20)).max(8, '标签最多 8 个').default([]),
  comment: plainText('评价', 0, 1000).optional(),
});

export const RATING_TAGS = ['响应及时', '专业可靠', '守约守信', '沟通顺畅', '价格合理', '响应迟缓', '条款反复', '信息不实'] as const;
