/**
 * Subsidy estimates from rules kept as data (beneficiary type, base, rate, cap, region, effective
 * period): registration bodies 1‰ of registered amounts, intermediaries 1% of the technology amounts
 * they brokered, enterprises up to 60% of the achievements they bought. Computed in exact cents from
 * the roll-ups: a rule counts a month when it is in force on any day of that month.
 */
import { z } from 'zod';
import { regionCodeSchema } from '../../../common/schemas/auth.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { applyRate, beneficiaryBases, centsToYuan, toCents } from '../contracts/index.js';
import { getTaxonomy, isValidRegionCode } from '../taxonomy/index.js';
import { isAdmin, zoneAdminZone } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import type { IndicatorsDeps } from './indicators.service.js';
import { ensureReferenceData } from './reference.js';

export const BENEFICIARY_TYPES = ['registrar', 'intermediary', 'enterprise'] as const;
export const BENEFICIARY_NAMES = { registrar: '技术合同登记机构', intermediary: '技术转移中介机构', enterprise: '企业' } as const;

const rate = z
  .number({ error: '比例应为 0–1 之间的小数（如 0.001 表示 1‰）' })
  .gt(0, '比例须大于 0')
  .max(1, '比例不能超过 1')
  .refine((v) => Math.round(v * 1e6) / 1e6 === v, '比例最多 6 位小数');
const cap = z
  .number({ error: '上限应为金额（元）或 null' })
  .min(0, '上限不能为负数')
  .max(999_999_999_999.99)
  .refine((v) => Math.round(v * 100) / 100 === v, '上限最多两位小数')
  .nullable();
const ruleFields = {
  name: z.string({ error: '请填写规则名称' }).trim().min(2).max(200),
  beneficiaryType: z.enum(BENEFICIARY_TYPES, { error: '受益方应为 registrar、intermediary 或 enterprise' }),
  base: z.enum(['amount', 'techAmount'], { error: '计算基数应为 amount（合同成交额）或 techAmount（技术交易额）' }),
  rate,
  cap,
  regionCode: regionCodeSchema,
  effectiveFrom: z.iso.date({ error: '生效日期应为 YYYY-MM-DD' }),
  effectiveTo: z.iso.date({ error: '失效日期应为 YYYY-MM-DD' }).nullable(),
  source: z.string().trim().max(1000).nullable().optional(),
};
export const createRuleSchema = z.strictObject({ code: z.string({ error: '请填写规则编码' }).regex(/^[a-z0-9_]{2,64}$/, '规则编码只能包含小写字母、数字和下划线'), ...ruleFields });
export const updateRuleSchema = z.strictObject(ruleFields).partial();

export function presentRule(r: repo.SubsidyRuleRow) {
  return {
    code: r.code,
    name: r.name,
    beneficiaryType: r.beneficiaryType,
    base: r.base,
    rate: Number(r.rate),
    cap: r.cap === null ? null : Number(r.cap),
    regionCode: r.regionCode,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    source: r.source,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listRules({ db }: IndicatorsDeps, _actor: Actor) {
  await ensureReferenceData(db);
  return { items: (await repo.allRules(db)).map(presentRule) };
}

function checkRule(v: { regionCode?: string; effectiveFrom?: string; effectiveTo?: string | null }): void {
  if (v.regionCode !== undefined && !isValidRegionCode(v.regionCode)) throw AppError.validation([{ path: 'regionCode', message: '不是有效的行政区划代码（GB/T 2260）' }]);
  if (v.effectiveFrom && v.effectiveTo && v.effectiveTo < v.effectiveFrom) throw AppError.validation([{ path: 'effectiveTo', message: '失效日期不能早于生效日期' }]);
}
/** Body fields → columns (rate and cap as exact decimal strings). */
function toColumns(v: Partial<z.output<typeof createRuleSchema>>) {
  const { rate: r, cap: c, ...rest } = v;
  return { ...rest, ...(r !== undefined ? { rate: String(r) } : {}), ...(c !== undefined ? { cap: c === null ? null : c.toFixed(2) } : {}) };
}

export async function createRule({ db }: IndicatorsDeps, actor: Actor, input: z.output<typeof createRuleSchema>) {
  if (!isAdmin(actor)) throw AppError.forbidden('只有平台管理员可以维护补助规则');
  await ensureReferenceData(db);
  checkRule(input);
  return db.transaction(async (tx) => {
    if (await repo.findRule(tx, input.code)) throw AppError.conflict('规则编码已存在', { fields: [{ path: 'code', message: '规则编码已存在' }] });
    const row = await repo.insertRule(tx, { ...input, rate: String(input.rate), cap: input.cap === null ? null : input.cap.toFixed(2), source: input.source ?? null });
    await audit(tx, { actorId: actor.id, action: 'subsidy_rule.create', entityType: 'subsidy_rule', entityId: input.code, data: { ...input } });
    return presentRule(row);
  });
}

export async function updateRule({ db }: IndicatorsDeps, actor: Actor, { code, ...input }: { code: string } & z.output<typeof updateRuleSchema>) {
  if (!isAdmin(actor)) throw AppError.forbidden('只有平台管理员可以维护补助规则');
  await ensureReferenceData(db);
  return db.transaction(async (tx) => {
    const current = await repo.findRule(tx, code);
    if (!current) throw AppError.notFound('补助规则');
    checkRule({ regionCode: input.regionCode, effectiveFrom: input.effectiveFrom ?? current.effectiveFrom, effectiveTo: input.effectiveTo !== undefined ? input.effectiveTo : current.effectiveTo });
    const row = await repo.updateRule(tx, code, toColumns(input));
    await audit(tx, { actorId: actor.id, action: 'subsidy_rule.update', entityType: 'subsidy_rule', entityId: code, data: { ...input } });
    return presentRule(row!);
  });
}

export async function deleteRule({ db }: IndicatorsDeps, actor: Actor, { code }: { code: string }): Promise<void> {
  if (!isAdmin(actor)) throw AppError.forbidden('只有平台管理员可以维护补助规则');
  await db.transaction(async (tx) => {
    if (!(await repo.deleteRule(tx, code))) throw AppError.notFound('补助规则');
    await audit(tx, { actorId: actor.id, action: 'subsidy_rule.delete', entityType: 'subsidy_rule', entityId: code });
  });
}

/** 450000 covers Guangxi, 450200 the city of 柳州, 450203 one county: a prefix match on the significant digits. */
export function regionCovers(ruleRegion: string, region: string): boolean {
  const prefix = ruleRegion.replace(/(00)+$/, '');
  return region.startsWith(prefix);
}

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
/** A rule counts a month when it is in force on any day of it. */
const inForce = (r: repo.SubsidyRuleRow, year: number, month: number) => r.effectiveFrom <= monthEnd(year, month) && (!r.effectiveTo || r.effectiveTo >= monthStart(year, month));

interface Acc {
  base: bigint;
  contracts: number;
}

/**
 * Estimates for a year, per beneficiary and rule (cap applied per beneficiary, rule and year in the
 * scope), with breakdowns per zone, per city and per broker. Admins see everything; a zone admin
 * sees its own zone.
 */
export async function estimateSubsidies({ db }: IndicatorsDeps, actor: Actor, q: { year: number; zoneId?: string; cityCode?: string }) {
  let zoneId = q.zoneId;
  if (!isAdmin(actor)) {
    const own = zoneAdminZone(actor);
    if (!own) throw AppError.forbidden('只有平台管理员和示范区管理员可以查看补助测算');
    if (zoneId && zoneId !== own) throw AppError.forbidden('只能查看本示范区的补助测算');
    if (q.cityCode) throw AppError.forbidden('示范区管理员只能按本示范区查看');
    zoneId = own;
  }
  await ensureReferenceData(db);
  const tax = await getTaxonomy(db);
  if (zoneId && !tax.zones.some((z) => z.id === zoneId)) throw AppError.notFound('示范区');
  const zoneIds = zoneId ? [zoneId] : q.cityCode ? tax.zones.filter((z) => z.cityCode === q.cityCode).map((z) => z.id) : undefined;
  const [bases, rules] = await Promise.all([beneficiaryBases(db, q.year, zoneIds), repo.allRules(db)]);
  const names = await repo.namesOf(db, [...new Set([...bases.registrars.map((r) => r.orgId), ...bases.brokers.map((b) => b.orgId)])], [...new Set(bases.brokers.map((b) => b.brokerId))]);

  interface Row {
    type: (typeof BENEFICIARY_TYPES)[number];
    key: string;
    beneficiary: { id: string | null; name: string; creditCode: string | null; regionCode: string };
    zoneId: string;
    brokerId?: string;
    month: number;
    count: number;
    amount: string;
    techAmount: string;
  }
  const rows: Row[] = [
    ...bases.registrars.map((r) => {
      const org = names.orgs.get(r.orgId);
      return { ...r, type: 'registrar' as const, key: r.orgId, beneficiary: { id: r.orgId, name: org?.name ?? '', creditCode: null, regionCode: org?.regionCode ?? '' } };
    }),
    ...bases.brokers.map((b) => {
      const org = names.orgs.get(b.orgId);
      return { ...b, type: 'intermediary' as const, key: b.orgId, beneficiary: { id: b.orgId, name: org?.name ?? '', creditCode: null, regionCode: org?.regionCode ?? '' } };
    }),
    ...bases.buyers.map((e) => ({ ...e, type: 'enterprise' as const, key: `${e.creditCode}|${e.regionCode}`, beneficiary: { id: null, name: e.name, creditCode: e.creditCode, regionCode: e.regionCode } })),
  ];

  const items = new Map<string, Acc & { rule: repo.SubsidyRuleRow; row: Row }>();
  const perZone = new Map<string, Acc & { rule: repo.SubsidyRuleRow; zoneId: string }>();
  const perBroker = new Map<string, Acc & { rule: repo.SubsidyRuleRow; brokerId: string; orgId: string }>();
  const bump = <T extends Acc>(m: Map<string, T>, k: string, init: () => T, base: bigint, n: number) => {
    if (!m.has(k)) m.set(k, init());
    const a = m.get(k)!;
    a.base += base;
    a.contracts += n;
  };
  for (const rule of rules) {
    for (const row of rows) {
      if (row.type !== rule.beneficiaryType || !regionCovers(rule.regionCode, row.beneficiary.regionCode) || !inForce(rule, q.year, row.month)) continue;
      const base = toCents(rule.base === 'amount' ? row.amount : row.techAmount);
      bump(items, `${rule.code}|${row.key}`, () => ({ base: 0n, contracts: 0, rule, row }), base, row.count);
      bump(perZone, `${rule.code}|${row.key}|${row.zoneId}`, () => ({ base: 0n, contracts: 0, rule, zoneId: row.zoneId }), base, row.count);
      if (row.brokerId) bump(perBroker, `${rule.code}|${row.brokerId}|${row.key}`, () => ({ base: 0n, contracts: 0, rule, brokerId: row.brokerId!, orgId: row.key }), base, row.count);
    }
  }
  const estimate = (rule: repo.SubsidyRuleRow, base: bigint) => {
    const e = applyRate(base, rule.rate);
    return rule.cap !== null && e > toCents(rule.cap) ? toCents(rule.cap) : e;
  };

  const out = [...items.values()]
    .map((a) => ({
      beneficiaryType: a.row.type,
      beneficiary: a.row.beneficiary,
      ruleCode: a.rule.code,
      ruleName: a.rule.name,
      base: a.rule.base,
      rate: Number(a.rule.rate),
      cap: a.rule.cap === null ? null : Number(a.rule.cap),
      contracts: a.contracts,
      baseAmountCents: a.base,
      estimateCents: estimate(a.rule, a.base),
    }))
    .sort((x, y) => (y.estimateCents > x.estimateCents ? 1 : y.estimateCents < x.estimateCents ? -1 : 0));
  const totals = Object.fromEntries(BENEFICIARY_TYPES.map((t) => [t, 0n])) as Record<(typeof BENEFICIARY_TYPES)[number], bigint>;
  for (const i of out) totals[i.beneficiaryType] += i.estimateCents;

  const zoneSum = new Map<string, bigint>();
  for (const a of perZone.values()) zoneSum.set(a.zoneId, (zoneSum.get(a.zoneId) ?? 0n) + estimate(a.rule, a.base));
  const citySum = new Map<string, bigint>();
  for (const z of tax.zones) if (zoneSum.has(z.id)) citySum.set(z.cityCode, (citySum.get(z.cityCode) ?? 0n) + zoneSum.get(z.id)!);

  return {
    year: q.year,
    scope: { zoneId: zoneId ?? null, cityCode: q.cityCode ?? null },
    rules: rules.map(presentRule),
    items: out.map(({ baseAmountCents, estimateCents, ...i }) => ({ ...i, baseAmount: centsToYuan(baseAmountCents), estimate: centsToYuan(estimateCents) })),
    totals: {
      registrar: centsToYuan(totals.registrar),
      intermediary: centsToYuan(totals.intermediary),
      enterprise: centsToYuan(totals.enterprise),
      total: centsToYuan(totals.registrar + totals.intermediary + totals.enterprise),
    },
    byZone: tax.zones.filter((z) => zoneSum.has(z.id)).map((z) => ({ zoneId: z.id, name: z.name, estimate: centsToYuan(zoneSum.get(z.id)!) })),
    byCity: tax.cities.filter((c) => citySum.has(c.code)).map((c) => ({ cityCode: c.code, name: c.name, estimate: centsToYuan(citySum.get(c.code)!) })),
    byBroker: [...perBroker.values()].map((a) => ({
      brokerId: a.brokerId,
      name: names.users.get(a.brokerId) ?? '',
      organizationId: a.orgId,
      organizationName: names.orgs.get(a.orgId)?.name ?? '',
      ruleCode: a.rule.code,
      contracts: a.contracts,
      baseAmount: centsToYuan(a.base),
      estimate: centsToYuan(estimate(a.rule, a.base)),
    })),
  };
}
