/**
 * Request and response shapes of the contract endpoints (API.md "Contract"). Only the shape is
 * checked here; codes, parties, zone and cross-field rules are checked by the use cases.
 */
import { z } from 'zod';
import { creditCodeSchema, regionCodeSchema } from './auth.js';
import { pagination } from './pagination.js';

export const ENTITY_TYPES = ['university', 'institute', 'enterprise', 'individual', 'foreign', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const ENTITY_TYPE_NAMES: Record<EntityType, string> = {
  university: '高校',
  institute: '科研院所',
  enterprise: '企业',
  individual: '自然人',
  foreign: '境外机构',
  other: '其他',
};
export const CONTRACT_STATUSES = ['submitted', 'needs_correction', 'registered', 'refused', 'amended', 'cancelled', 'withdrawn'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_NAMES: Record<ContractStatus, string> = {
  submitted: '待登记',
  needs_correction: '待补正',
  registered: '已登记',
  refused: '不予登记',
  amended: '已变更',
  cancelled: '已撤销',
  withdrawn: '已撤回',
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

/** ISO 3166-1 alpha-2 (the names come from ICU: an unknown code has no name). */
const regionNames = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
export const countryName = (code: string) => (/^[A-Z]{2}$/.test(code) && regionNames.of(code) !== code ? regionNames.of(code)! : null);

/**
 * 居民身份证号码 (18 characters, GB 11643 check character) or another identity document (passport,
 * 港澳台 permits: 5–30 letters, digits, hyphens).
 */
export function idNumberProblem(v: string): string | null {
  if (/^\d{17}[\dX]$/.test(v)) {
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = w.reduce((acc, wi, i) => acc + wi * Number(v[i]), 0);
    return '10X98765432'[sum % 11] === v[17] ? null : '身份证号码校验位不正确，请核对';
  }
  return /^[A-Z0-9-]{5,30}$/.test(v) ? null : '证件号码应为 18 位身份证号码，或 5–30 位字母、数字（护照等）';
}

/**
 * A party: a platform organization `{ organizationId }`; an outside organization `{ name, creditCode,
 * regionCode, entityType }`; a foreign party `{ name, countryCode, registrationNumber?, entityType:
 * "foreign" }`; or a natural person `{ name, idNumber, regionCode?, entityType: "individual" }`.
 * One flat object so errors name the exact field.
 */
export const partySchema = z
  .strictObject({
    organizationId: id('单位').optional(),
    name: z.string({ error: '请填写名称' }).trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字').optional(),
    creditCode: creditCodeSchema.optional(),
    regionCode: regionCodeSchema.optional(),
    entityType: z.enum(ENTITY_TYPES, { error: '主体类型应为 高校/科研院所/企业/自然人/境外机构/其他' }).optional(),
    countryCode: z.string({ error: '国家或地区代码应为两位字母' }).trim().toUpperCase().optional(),
    registrationNumber: z.string({ error: '注册号应为文字' }).trim().min(1, '注册号不能为空').max(50, '注册号最多 50 个字符').optional(),
    idNumber: z.string({ error: '证件号码应为文字' }).trim().toUpperCase().optional(),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const given = (['name', 'creditCode', 'regionCode', 'entityType', 'countryCode', 'registrationNumber', 'idNumber'] as const).filter((k) => p[k] !== undefined);
    if (p.organizationId) {
      for (const k of given) issue(k, '已选择平台单位，无需再填写此项');
      return;
    }
    const kind = p.entityType === 'foreign' ? 'foreign' : p.entityType === 'individual' ? 'individual' : 'organization';
    const allowed = {
      foreign: ['name', 'entityType', 'countryCode', 'registrationNumber'],
      individual: ['name', 'entityType', 'idNumber', 'regionCode'],
      organization: ['name', 'entityType', 'creditCode', 'regionCode'],
    }[kind];
    const notFor = { foreign: '境外当事方无需填写此项', individual: '自然人当事方无需填写此项', organization: '境内单位无需填写此项' }[kind];
    for (const k of given) if (!allowed.includes(k)) issue(k, notFor);
    if (p.name === undefined) issue('name', kind === 'individual' ? '请填写自然人姓名' : '请选择平台单位，或填写名称');
    if (p.entityType === undefined) issue('entityType', '请选择平台单位，或选择主体类型');
    if (kind === 'foreign') {
      if (p.countryCode === undefined) issue('countryCode', '境外当事方须填写国家或地区代码（ISO 3166 两位字母，如 VN、TH）');
      else if (p.countryCode === 'CN') issue('countryCode', '中国境内单位请填写统一社会信用代码，不要按境外当事方登记');
      else if (!countryName(p.countryCode)) issue('countryCode', '不是有效的国家或地区代码（ISO 3166 两位字母）');
    } else if (kind === 'individual') {
      if (p.idNumber === undefined) issue('idNumber', '自然人当事方须填写身份证件号码');
      else {
        const problem = idNumberProblem(p.idNumber);
        if (problem) issue('idNumber', problem);
      }
    } else {
      if (p.creditCode === undefined) issue('creditCode', '请选择平台单位，或填写统一社会信用代码');
      if (p.regionCode === undefined) issue('regionCode', '请选择平台单位，或填写行政区划代码');
    }
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
  zoneId: id('示范区').nullable().optional(),
  technicalField: optionalText('技术领域', 100),
  paymentTerms: optionalText('支付方式', 1000),
  dealId: id('关联洽谈').nullable().optional(),
  achievementId: id('关联科技成果').nullable().optional(),
  demandId: id('关联技术需求').nullable().optional(),
  brokerId: id('技术经纪人').nullable().optional(),
  attachments: z.array(id('附件'), { error: '附件应为文件编号列表' }).max(20, '附件最多 20 个'),
};

export const createContractSchema = z.strictObject({
  ...fields,
  attachments: fields.attachments.default([]),
  /** Submit even though a likely duplicate exists (after the 409 `duplicate_suspected`). */
  confirmDuplicate: z.boolean({ error: 'confirmDuplicate 应为 true 或 false' }).optional(),
});
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

export const withdrawSchema = z.strictObject({ note: z.string().trim().max(2000, '撤回说明最多 2000 个字').optional() });
export const noteSchema = (label: string) => z.strictObject({ note: note(label) });
export const optionalNoteSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });

const yearParam = z.coerce.number({ error: 'year 应为年份' }).int('year 应为年份').min(2000, 'year 应为年份').max(2100, 'year 应为年份');
export const listQuerySchema = z.strictObject({
  /** A zone id, or `none` for contracts outside any zone. */
  zone: z.union([z.uuid(), z.literal('none')], { error: 'zone 应为示范区编号或 none（不属于任何示范区）' }).optional(),
  station: z.uuid({ error: 'station 应为登记机构编号' }).optional(),
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

export const partyOutSchema = z.object({
  organizationId: z.string().nullable(),
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  entityType: z.enum(ENTITY_TYPES),
  countryCode: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  /** Masked (e.g. 4501**********123X) except to registrars and platform admins. */
  idNumber: z.string().nullable(),
});
export const contractOutSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    subtype: z.string(),
    seller: partyOutSchema,
    buyer: partyOutSchema,
    amount: z.number(),
    techAmount: z.number(),
    signedAt: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    zoneId: z.string().nullable(),
    cityCode: z.string().nullable(),
    /** 技术进出口: `export` when the buyer is abroad, `import` when the seller is, else null. */
    crossBorder: z.enum(['export', 'import']).nullable(),
    stationId: z.string().nullable(),
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
    withdrawnAt: z.string().nullable(),
    amendedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })).optional(),
  })
  .meta({ id: 'Contract' });
export const contractListSchema = z.object({ items: z.array(contractOutSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export const contractDetailSchema = contractOutSchema.extend({
  attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() })),
  amendments: z.array(z.object({ id: z.string(), note: z.string(), before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()), actorId: z.string(), createdAt: z.string() })),
  history: z.array(z.object({ action: z.string(), actorId: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
});

export const stationSchema = z.strictObject({
  name: z.string({ error: '请填写登记机构名称' }).trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字'),
  regionCodes: z.array(regionCodeSchema, { error: '请选择管辖地区' }).min(1, '至少选择一个管辖地区').max(200, '管辖地区过多'),
  organizationId: id('登记机构单位').nullable().optional(),
});
