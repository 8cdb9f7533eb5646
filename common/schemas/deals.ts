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

// Answers: the shapes the deals endpoints return (checked against every answer in the tests; the client infers its types).

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const fileCard = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });
const dealSide = z.enum(DEAL_SIDES);
const listingRef = z.object({ id: z.string(), title: z.string(), status: z.string() });

export const participantSchema = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  side: dealSide,
  accepted: z.boolean(),
  status: z.enum(['invited', 'accepted', 'declined']),
  userId: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export type Participant = z.infer<typeof participantSchema>;

export const dealSchema = z
  .object({
    id: z.string(),
    stage: z.enum(DEAL_STAGES),
    title: z.string(),
    origin: z.object({ kind: z.string(), id: z.string().nullable() }),
    achievementId: z.string().nullable(),
    demandId: z.string().nullable(),
    achievement: listingRef.nullable(),
    demand: listingRef.nullable(),
    participants: z.array(participantSchema),
    brokerId: z.string().nullable(),
    brokerName: z.string().nullable(),
    mySide: dealSide.nullable(),
    myStatus: participantSchema.shape.status.nullable(),
    undertakingAcceptedAt: z.string().nullable(),
    lastSeq: z.number(),
    lastReadSeq: z.number(),
    unread: z.number(),
    lostReason: z.string().nullable(),
    lostNote: z.string().nullable(),
    agreedOfferId: z.string().nullable(),
    agreedAmount: z.number().nullable(),
    commissionOfferId: z.string().nullable(),
    contractId: z.string().nullable(),
    confirmations: z.object({ supply: z.string().nullable(), demand: z.string().nullable() }),
    followUpAt: z.string().nullable(),
    zoneId: z.string().nullable(),
    startedBy: z.string(),
    stageChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Deal' });
export type Deal = z.infer<typeof dealSchema>;

export const offerSchema = z
  .object({
    id: z.string(),
    purpose: z.enum(['price', 'commission']),
    seq: z.number(),
    fromSide: dealSide,
    fromUserId: z.string(),
    amount: z.number().nullable(),
    amountText: z.string().nullable().describe('the exact decimal'),
    commissionRate: z.string().nullable(),
    payerSide: z.string().nullable(),
    modes: z.array(z.string()),
    terms: z.array(z.object({ dueDate: z.string(), amount: z.number(), note: z.string().optional() })),
    note: z.string().nullable(),
    validUntil: z.string(),
    status: z.enum(OFFER_STATUSES),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Offer' });
export type Offer = z.infer<typeof offerSchema>;

export const dealRatingSchema = z
  .object({ raterOrgId: z.string(), ratedOrgId: z.string(), score: z.number(), tags: z.array(z.string()), comment: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'DealRating' });
export const dealDetailSchema = dealSchema
  .extend({
    offers: z.array(offerSchema),
    timeline: z.array(z.object({ action: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), reason: z.string().nullable(), data: z.record(z.string(), z.unknown()), at: z.string() })),
    ratings: z.array(dealRatingSchema),
  })
  .meta({ id: 'DealDetail' });
export type DealDetail = z.infer<typeof dealDetailSchema>;
export const dealListSchema = page(dealSchema);
/** What `POST /api/deals/:id/ratings` answers: the rating given. */
export const givenRatingSchema = dealRatingSchema.extend({ id: z.string(), dealId: z.string() }).meta({ id: 'GivenRating' });

export const negotiationMessageSchema = z
  .object({
    dealId: z.string(),
    seq: z.number(),
    senderId: z.string().nullable(),
    senderName: z.string().nullable(),
    senderSide: z.string().nullable(),
    kind: z.enum(MESSAGE_KINDS),
    body: z.string().nullable(),
    offerId: z.string().nullable(),
    offer: offerSchema.nullable().describe('the offer as this message left it'),
    attachments: z.array(fileCard),
    clientMsgId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'NegotiationMessage' });

export const contractDraftSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    subtype: z.string(),
    seller: z.object({ organizationId: z.string() }),
    buyer: z.object({ organizationId: z.string() }),
    amount: z.number(),
    techAmount: z.number(),
    signedAt: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    zoneId: z.string().nullable(),
    technicalField: z.string().nullable(),
    paymentTerms: z.string(),
    dealId: z.string(),
    achievementId: z.string().nullable(),
    demandId: z.string().nullable(),
    brokerId: z.string().nullable(),
    attachments: z.array(z.string()),
    transferModes: z.array(z.string()),
    contractId: z.string().nullable(),
  })
  .meta({ id: 'ContractDraft' });
export type ContractDraft = z.infer<typeof contractDraftSchema>;

export const COMMISSION_STATUSES = ['due', 'invoiced', 'paid', 'cancelled'] as const;
export const commissionSchema = z
  .object({
    id: z.string(),
    dealId: z.string(),
    dealTitle: z.string().nullable(),
    contractId: z.string(),
    brokerId: z.string(),
    brokerName: z.string().nullable(),
    brokerOrgId: z.string().nullable(),
    payerOrgId: z.string(),
    payerName: z.string().nullable(),
    basis: z.enum(['rate', 'fixed']),
    rate: z.string().nullable(),
    baseAmount: z.number(),
    amount: z.number(),
    amountText: z.string(),
    status: z.enum(COMMISSION_STATUSES),
    invoiceNo: z.string().nullable(),
    invoicedAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    payerConfirmedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Commission' });
export type Commission = z.infer<typeof commissionSchema>;
export const commissionLedgerSchema = page(commissionSchema).extend({ totals: z.record(z.string(), z.string()).describe('exact decimal sum per status') });
export type CommissionLedger = z.infer<typeof commissionLedgerSchema>;

export const brokerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    zoneId: z.string().nullable(),
    level: z.string().nullable(),
    title: z.string().nullable(),
    industries: z.array(z.string()),
    cityCodes: z.array(z.string()),
    closedDeals: z.number(),
    openDeals: z.number(),
    contracts: z.number(),
    contractAmount: z.number(),
    rating: z.number().nullable(),
    ratingCount: z.number(),
  })
  .meta({ id: 'Broker' });
export type Broker = z.infer<typeof brokerSchema>;
export const brokerListSchema = page(brokerSchema);

export const pipelineSchema = z.object({ stages: z.array(z.object({ stage: z.string(), count: z.number(), agreedAmount: z.string() })), overdueFollowUps: z.number() });
export type Pipeline = z.infer<typeof pipelineSchema>;

export const funnelSchema = z
  .object({
    zoneId: z.string(),
    year: z.number(),
    steps: z.array(
      z.object({
        key: z.enum(['published', 'matches', 'deals', 'negotiating', 'agreed', 'contracts']),
        count: z.number(),
        achievements: z.number().optional(),
        demands: z.number().optional(),
        amount: z.string().optional().describe('contracts: exact decimal amount'),
      }),
    ),
  })
  .meta({ id: 'ZoneFunnel' });
export type Funnel = z.infer<typeof funnelSchema>;

export const COMPLAINT_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export const complaintSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    organizationName: z.string().nullable(),
    complainantOrgId: z.string(),
    complainantOrgName: z.string().nullable(),
    complainantName: z.string().nullable(),
    dealId: z.string().nullable(),
    reason: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolvedByName: z.string().nullable(),
    createdAt: z.string(),
    evidence: z.array(fileCard),
  })
  .meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof complaintSchema>;
export const complaintListSchema = page(complaintSchema);

export const creditEventSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    organizationName: z.string().nullable(),
    kind: z.enum(['warning', 'dishonest']),
    reason: z.string(),
    complaintId: z.string().nullable(),
    createdAt: z.string(),
    createdByName: z.string().nullable(),
    liftedAt: z.string().nullable(),
    liftedByName: z.string().nullable(),
    liftReason: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'CreditEvent' });
export type CreditEvent = z.infer<typeof creditEventSchema>;
export const creditEventListSchema = page(creditEventSchema);

export const ratingSummarySchema = z.object({ average: z.number().nullable(), count: z.number() });
export type RatingSummary = z.infer<typeof ratingSummarySchema>;
export const organizationCreditSchema = z
  .object({
    organizationId: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), type: z.string(), verified: z.boolean() }),
    rating: ratingSummarySchema,
    closedDeals: z.number(),
    dishonest: z.boolean(),
    events: z.array(creditEventSchema),
  })
  .meta({ id: 'OrganizationCredit' });
export type OrganizationCredit = z.infer<typeof organizationCreditSchema>;
