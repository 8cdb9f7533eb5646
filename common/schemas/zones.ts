/**
 * Answers of the zone, indicator, target, subsidy and statistics endpoints: the server declares them in its route
 * specs (OpenAPI, and checked in tests), the client reads its types from them (`z.infer`).
 */
import { z } from 'zod';

export const ZONE_STATUSES = ['applying', 'approved', 'accepted', 'rectify', 'revoked'] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];
export const ZONE_LEVELS = ['national', 'autonomous_region'] as const;
export const ZONE_HOST_TYPES = ['high_tech_zone', 'agri_high_tech_zone', 'econ_dev_zone', 'other'] as const;
/** 申报 → 批复（建设期 2–3 年）→ 评估：认定 / 整改 / 撤销; a rectifying zone is assessed again (the server answers 409 to anything else). */
export const ZONE_TRANSITIONS: Record<ZoneStatus, ZoneStatus[]> = {
  applying: ['approved', 'revoked'],
  approved: ['accepted', 'rectify', 'revoked'],
  rectify: ['accepted', 'revoked'],
  accepted: ['rectify', 'revoked'],
  revoked: [],
};

export const zoneSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    cityCode: z.string(),
    level: z.string(),
    hostType: z.string(),
    status: z.enum(ZONE_STATUSES),
    approvedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Zone' });
export const zoneListSchema = z.object({ items: z.array(zoneSchema) });
export const zoneDetailSchema = zoneSchema.extend({
  statusHistory: z.array(z.object({ status: z.enum(ZONE_STATUSES), effectiveOn: z.string(), note: z.string().nullable(), actorId: z.string().nullable(), recordedAt: z.string() })),
});

export const indicatorSchema = z
  .object({
    code: z.string(),
    no: z.number(),
    group: z.string(),
    name: z.string(),
    unit: z.string(),
    label: z.string(),
    /** English names for the English interface (the 27 of 附件2; zone-defined ones have none). */
    groupEn: z.string().optional(),
    nameEn: z.string().optional(),
    unitEn: z.string().optional(),
    source: z.enum(['auto', 'manual']),
    value: z.union([z.number(), z.string(), z.null()]),
    note: z.string().nullable(),
    hint: z.string().nullable(),
    /** Auto indicators: the registered contracts behind 1 (count, 成交额 and 技术交易额 in yuan), brokers by training level, or why a figure is pending. */
    detail: z
      .object({ contracts: z.number(), amountYuan: z.number(), techAmountYuan: z.number(), byLevel: z.record(z.string(), z.number()), pending: z.string() })
      .partial()
      .optional(),
    updatedAt: z.string().nullable(),
    editable: z.boolean(),
    custom: z.boolean().optional(),
  })
  .meta({ id: 'Indicator' });
export const indicatorsSchema = z.object({ zone: zoneSchema, year: z.number(), published: z.boolean(), publishedAt: z.string().nullable(), indicators: z.array(indicatorSchema) });
export const indicatorHistorySchema = z.object({ items: z.array(z.object({ value: z.union([z.number(), z.string(), z.null()]), note: z.string().nullable(), actorId: z.string().nullable(), at: z.string() })) });
export const customIndicatorSchema = z.object({ code: z.string(), name: z.string(), unit: z.string(), description: z.string().nullable(), createdAt: z.string() });

const sum = { count: z.number(), amount: z.number(), techAmount: z.number() };
export const contractStatsSchema = z.object({
  year: z.number(),
  zoneId: z.string().nullable(),
  totals: z.object(sum),
  byMonth: z.array(z.object({ ...sum, month: z.number() })),
  byYear: z.array(z.object({ ...sum, year: z.number() })),
  byType: z.array(z.object({ ...sum, type: z.string(), name: z.string() })),
  byZone: z.array(z.object({ ...sum, zoneId: z.string(), name: z.string(), cityCode: z.string() })),
  byCity: z.array(z.object({ ...sum, cityCode: z.string(), name: z.string() })),
});

const progress = { target: z.number().nullable(), achieved: z.number(), progress: z.number().nullable() };
export const targetsSchema = z.object({
  year: z.number(),
  rule: z.object({ contractTypes: z.array(z.string()), minTechAmount: z.number(), city: z.string() }),
  items: z.array(z.object({ cityCode: z.string(), name: z.string(), ...progress })),
  total: z.object(progress),
  years: z.array(z.number()),
});

export const BENEFICIARY_TYPES = ['registrar', 'intermediary', 'enterprise'] as const;
const beneficiaryType = z.enum(BENEFICIARY_TYPES);
const base = z.enum(['amount', 'techAmount']);
export const subsidyRuleSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    beneficiaryType,
    base,
    rate: z.number(),
    cap: z.number().nullable(),
    regionCode: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    source: z.string().nullable(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: 'SubsidyRule' });
export const subsidyRuleListSchema = z.object({ items: z.array(subsidyRuleSchema) });
export const subsidyEstimateSchema = z.object({
  year: z.number(),
  scope: z.object({ zoneId: z.string().nullable(), cityCode: z.string().nullable() }),
  rules: z.array(subsidyRuleSchema),
  items: z.array(
    z.object({
      beneficiaryType,
      beneficiary: z.object({ id: z.string().nullable(), name: z.string(), creditCode: z.string().nullable(), regionCode: z.string().nullable() }),
      ruleCode: z.string(),
      ruleName: z.string(),
      base,
      rate: z.number(),
      cap: z.number().nullable(),
      contracts: z.number(),
      baseAmount: z.number(),
      estimate: z.number(),
    }),
  ),
  totals: z.object({ registrar: z.number(), intermediary: z.number(), enterprise: z.number(), total: z.number() }),
  byZone: z.array(z.object({ zoneId: z.string(), name: z.string(), estimate: z.number() })),
  byCity: z.array(z.object({ cityCode: z.string(), name: z.string(), estimate: z.number() })),
  byBroker: z.array(
    z.object({ brokerId: z.string(), name: z.string(), organizationId: z.string().nullable(), organizationName: z.string().nullable(), ruleCode: z.string(), contracts: z.number(), baseAmount: z.number(), estimate: z.number() }),
  ),
});

export const holidaySchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string(), provisional: z.boolean() });
export const holidayListSchema = z.object({ items: z.array(holidaySchema) });

export type Zone = z.infer<typeof zoneSchema>;
export type ZoneDetail = z.infer<typeof zoneDetailSchema>;
export type IndicatorEntry = z.infer<typeof indicatorSchema>;
export type IndicatorsResponse = z.infer<typeof indicatorsSchema>;
export type ContractStats = z.infer<typeof contractStatsSchema>;
export type TargetsResponse = z.infer<typeof targetsSchema>;
export type SubsidyRule = z.infer<typeof subsidyRuleSchema>;
export type SubsidyEstimate = z.infer<typeof subsidyEstimateSchema>;
export type Holiday = z.infer<typeof holidaySchema>;
