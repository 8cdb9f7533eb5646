/**
 * Request and response shapes of the contract endpoints (API.md "Contract"). Only the shape is
 * checked here; codes, parties, zone and cross-field rules are checked by the use cases.
 */
import { z } from 'zod';
import { creditCodeSchema, regionCodeSchema } from '../../../common/schemas/auth.js';
import { pagination } from '../../lib/validate.js';

export const ENTITY_TYPES = ['university', 'institute', 'enterprise', 'individual', 'other'] as const;
export const ENTITY_TYPE_NAMES: Record<(typeof ENTITY_TYPES)[number], string> = {
  university: '高校',
  institute: '科研院所',
  enterprise: '企业',
  individual: '个人',
  other: '其他',
};
export const CONTRACT_STATUSES = ['submitted', 'needs_correction', 'registered', 'refused', 'amended', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_NAMES: Record<ContractStatus, string> = {
  submitted: '待登记',
  needs_correction: '待补正',
  registered: '已登记',
  refused: '不予登记',
  amended: '已变更',
  cancelled: '已撤销',
};
/** Statuses whose contracts count in every roll-up and indicator. */
export const COUNTED_STATUSES: readonly ContractStatus[] = ['registered', 'amended'];

/** Yuan: a non-negative number with at most 2 decimals, below 10^12 (exact as a double in cents). */
const yuan = (label: string) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .min(0, `${label}不能为负数`)
    .max(999_999_999_999.99, `${label}过大`)
    .refine((v) => Math.round(v * 100) / 100 === v, `${label}最多保留两位小数`);
const isoDate = (label: string) => z.iso.date({ error: `${label}应为日期（YYYY-MM-DD）` });
const id = (label: string) => z.uuid({ error: `${label}无效` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).nullable().optional();

/**
 * A party: a platform organization `{ organizationId }`, or an outside party with its own
 * credit code, region code and entity type. One flat object so errors name the exact field.
 */
export const partySchema = z
  .strictObject({
    organizationId: id('单位').optional(),
    name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字').optional(),
    creditCode: creditCodeSchema.optional(),
    regionCode: regionCodeSchema.optional(),
    entityType: z.enum(ENTITY_TYPES, { error: '主体类型应为 高校/科研院所/企业/个人/其他' }).optional(),
  })
  .superRefine((p, ctx) => {
    const own = ['name', 'creditCode', 'regionCode', 'entityType'] as const;
    if (p.organizationId) {
      for (const k of own) if (p[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: '已选择平台单位，无需再填写此项' });
      return;
    }
    const labels = { name: '名称', creditCode: '统一社会信用代码', regionCode: '行政区划代码', entityType: '主体类型' };
    for (const k of own) if (p[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `请选择平台单位，或填写${labels[k]}` });
  });
export type PartyInput = z.output<typeof partySchema>;

const fields = {
  name: z.string({ error: '请填写合同名称' }).trim().min(2, '合同名称至少 2 个字').max(200, '合同名称最多 200 个字'),
  type: z.string({ error: '请选择合同类型' }).min(1, '请选择合同类型'),
  subtype: z.string({ error: '请选择合同子类' }).min(1, '请选择合同子类'),
  seller: partySchema,
  buyer: partySchema,
  amount: yuan('合同成交额'),
  techAmount: yuan('技术交易额'),
  signedAt: isoDate('签订日期'),
  validFrom: isoDate('有效期起始日期'),
  validTo: isoDate('有效期截止日期'),
  zoneId: id('示范区'),
  technicalField: optionalText('技术领域', 100),
  paymentTerms: optionalText('支付方式', 1000),
  dealId: id('关联洽谈').nullable().optional(),
  achievementId: id('关联科技成果').nullable().optional(),
  demandId: id('关联技术需求').nullable().optional(),
  brokerId: id('技术经纪人').nullable().optional(),
  attachments: z.array(id('附件'), { error: '附件应为文件编号列表' }).max(20, '附件最多 20 个'),
};

export const createContractSchema = z.strictObject({ ...fields, attachments: fields.attachments.default([]) });
export type CreateContractInput = z.output<typeof createContractSchema>;

/** Correction by the submitting side (status submitted or needs_correction). */
export const updateContractSchema = z.strictObject(fields).partial();
export type UpdateContractInput = z.output<typeof updateContractSchema>;

const note = (label: string) => z.string({ error: `请填写${label}` }).trim().min(2, `${label}至少 2 个字`).max(2000, `${label}最多 2000 个字`);

/** Amendment of a registered contract by the registrar, with the reason. */
export const amendContractSchema = z.strictObject({ ...fields, note: note('变更说明') }).partial().required({ note: true });
export type AmendContractInput = z.output<typeof amendContractSchema>;

export const reviewSchema = z
  .strictObject({
    decision: z.enum(['register', 'request_correction', 'refuse'], { error: '审查结论应为 register、request_correction 或 refuse' }),
    note: z.string().trim().max(2000, '审查意见最多 2000 个字').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'register' && !(v.note && v.note.length >= 2)) ctx.addIssue({ code: 'custom', path: ['note'], message: '要求补正或不予登记时须填写意见' });
  });
export type ReviewInput = z.output<typeof reviewSchema>;

export const noteSchema = (label: string) => z.strictObject({ note: note(label) });
export const optionalNoteSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });

const yearParam = z.coerce.number({ error: 'year 应为年份' }).int('year 应为年份').min(2000, 'year 应为年份').max(2100, 'year 应为年份');
export const listQuerySchema = z.strictObject({
  zone: z.uuid({ error: 'zone 应为示范区编号' }).optional(),
  year: yearParam.optional(),
  type: z.string().max(50).optional(),
  status: z.enum(CONTRACT_STATUSES, { error: 'status 无效' }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pagination,
});
export type ListQuery = z.output<typeof listQuerySchema>;

export const statsQuerySchema = z.strictObject({ year: yearParam, zone: z.uuid({ error: 'zone 应为示范区编号' }).optional() });

export const holidaySchema = z.strictObject({
  kind: z.enum(['holiday', 'workday'], { error: 'kind 应为 holiday（放假）或 workday（调休上班）' }),
  name: z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(50),
  provisional: z.boolean().optional(),
});

const partyOut = z.object({ organizationId: z.string().nullable(), name: z.string(), creditCode: z.string(), regionCode: z.string(), entityType: z.enum(ENTITY_TYPES) });
export const contractOutSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    subtype: z.string(),
    seller: partyOut,
    buyer: partyOut,
    amount: z.number(),
    techAmount: z.number(),
    signedAt: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    zoneId: z.string(),
    cityCode: z.string().nullable(),
    technicalField: z.string().nullable(),
    paymentTerms: z.string().nullable(),
    dealId: z.string().nullable(),
    achievementId: z.string().nullable(),
    demandId: z.string().nullable(),
    brokerId: z.string().nullable(),
    status: z.enum(CONTRACT_STATUSES),
    registrationNumber: z.string().nullable(),
    submittedAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    expertReview: z.object({ required: z.boolean(), reviewedAt: z.string().nullable(), note: z.string().nullable() }),
    decisionNote: z.string().nullable(),
    registeredAt: z.string().nullable(),
    amendedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })).optional(),
  })
  .meta({ id: 'Contract' });
