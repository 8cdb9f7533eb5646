/**
 * The 27 indicators of 附件2 for a zone and year: auto ones computed from platform records (the
 * contract turnover from the roll-ups), manual ones entered by the zone admin with a source note,
 * and the zone's own 特色指标. A filed annual report freezes what the public sees.
 */
import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { beijingDate, centsToYi, centsToYuan, zoneYearTurnover } from '../contracts/index.js';
import { taxonomyFile } from '../taxonomy/index.js';
import { assertManagesZone, managesZone } from './indicators.policy.js';
import * as repo from './indicators.repository.js';
import { presentZone } from './zones.service.js';
import type { IndicatorEntry } from '../../../common/schemas/zones.js';

export type { IndicatorEntry };

export interface IndicatorDef {
  code: string;
  no: number;
  group: string;
  groupEn?: string;
  name: string;
  nameEn?: string;
  unit: string;
  unitEn?: string;
  source: 'auto' | 'manual';
  autoRule?: string;
  label: string;
  note?: string;
}

/** The 27 indicators exactly as seed/taxonomy/indicators.json (附件2) names them. */
export const indicatorDefs = () => taxonomyFile<IndicatorDef[]>('indicators');

/** How each auto indicator is computed (shown as its 数据来源). */
export const AUTO_RULES: Record<string, string> = {
  contract_turnover: '平台自动统计：示范区内已登记（含变更）技术合同的合同成交额，按签订年度',
  transfer_agencies: '平台自动统计：示范区内具有自治区级及以上示范机构评级的技术转移机构',
  university_agencies: '平台自动统计：示范区内由高校、科研院所设立的技术转移机构',
  trained_brokers: '平台自动统计：示范区内登记了培训等级（初级/中级/高级）的技术经纪人',
  broker_titles: '平台自动统计：示范区内获技术经纪专业中级、高级工程师职称的技术经纪人',
  settled_orgs: '平台自动统计：示范区内已认证入驻平台的创新主体',
  events: '平台自动统计：示范区内举办的成果对接、展览展示与路演活动',
};

/** Indicators another component computes (e.g. 23, roadshows held): registered at start-up. */
type Source = (db: Db, zoneId: string, year: number) => Promise<number | null>;
const sources = new Map<string, Source>();
/** Lets another component supply an auto indicator (by its code) from its own records. */
export function registerIndicatorSource(code: string, source: Source): void {
  sources.set(code, source);
}

/** What the indicators component's use cases need. */
export interface IndicatorsDeps {
  db: Db;
}

const TEXT_UNITS = new Set(['text', 'zone-defined']);
const isTextUnit = (unit: string) => TEXT_UNITS.has(unit);


export const putValueSchema = z.strictObject({
  value: z.union([z.number(), z.string().trim().max(5000, '内容最多 5000 字'), z.null()], { error: '数值应为数字、文字或 null' }),
  note: z.string({ error: '请填写数据来源说明' }).trim().min(2, '请填写数据来源说明（至少 2 个字）').max(1000, '数据来源说明最多 1000 字'),
});
export const customIndicatorSchema = z.strictObject({
  name: z.string({ error: '请填写指标名称' }).trim().min(2, '指标名称至少 2 个字').max(200, '指标名称最多 200 字'),
  unit: z.string({ error: '请填写单位（叙述类指标填 text）' }).trim().min(1, '请填写单位（叙述类指标填 text）').max(20),
  description: z.string().trim().max(1000).nullable().optional(),
});

async function zoneOr404(db: Db, zoneId: string) {
  const zone = await repo.findZone(db, zoneId);
  if (!zone) throw AppError.notFound('示范区');
  return zone;
}

/** The live indicator list of a zone and year (auto computed now, manual as entered). */
async function liveIndicators(db: Db, actor: Actor | null, zoneId: string, year: number): Promise<IndicatorEntry[]> {
  const [turnover, counts, values, customs] = await Promise.all([
    zoneYearTurnover(db, zoneId, year),
    repo.autoCounts(db, zoneId, year),
    repo.valuesOf(db, zoneId, year),
    repo.customIndicatorsOf(db, zoneId),
  ]);
  const editable = managesZone(actor, zoneId);
  const byCode = new Map(values.map((v) => [v.code, v]));
  const manual = (code: string, unit: string) => {
    const v = byCode.get(code);
    if (!v) return { value: null, note: null, updatedAt: null };
    return { value: isTextUnit(unit) ? v.valueText : v.valueNum === null ? null : Number(v.valueNum), note: v.note, updatedAt: v.updatedAt.toISOString() };
  };
  const levels = { 初级: 0, 中级: 0, 高级: 0 } as Record<string, number>;
  for (const b of counts.brokers) for (const l of Object.keys(levels)) if (b.level?.includes(l)) levels[l]!++;
  const titled = counts.brokers.filter((b) => /(中级|高级)/.test(b.title ?? '')).length;

  const out: IndicatorEntry[] = [];
  for (const d of indicatorDefs()) {
    const en = { ...(d.groupEn ? { groupEn: d.groupEn } : {}), ...(d.nameEn ? { nameEn: d.nameEn } : {}), ...(d.unitEn ? { unitEn: d.unitEn } : {}) };
    const base = { code: d.code, no: d.no, group: d.group, name: d.name, unit: d.unit, label: d.label, ...en, hint: d.note ?? null };
    let auto: { value: number | null; detail?: IndicatorEntry['detail'] } | null = null;
    switch (d.autoRule) {
      case 'contract_turnover':
        auto = { value: centsToYi(turnover.total.amount), detail: { contracts: turnover.total.count, amountYuan: centsToYuan(turnover.total.amount), techAmountYuan: centsToYuan(turnover.total.techAmount) } };
        break;
      case 'transfer_agencies':
        // Auto where agencies carry the rating; with none rated the zone may enter the figure.
        auto = counts.ratedAgencies > 0 ? { value: counts.ratedAgencies } : null;
        break;
      case 'university_agencies':
        auto = { value: counts.universityAgencies };
        break;
      case 'trained_brokers':
        auto = { value: levels.初级! + levels.中级! + levels.高级!, detail: { byLevel: levels } };
        break;
      case 'broker_titles':
        auto = { value: titled };
        break;
      case 'settled_orgs':
        auto = { value: counts.settledOrgs };
        break;
      case 'events': {
        const source = sources.get(d.code);
        auto = { value: source ? await source(db, zoneId, year) : null, ...(source ? {} : { detail: { pending: '路演与对接活动模块接入后自动统计' } }) };
        break;
      }
    }
    if (auto) out.push({ ...base, source: 'auto', value: auto.value, note: AUTO_RULES[d.autoRule!] ?? null, ...(auto.detail ? { detail: auto.detail } : {}), updatedAt: null, editable: false });
    else out.push({ ...base, source: 'manual', ...manual(d.code, d.unit), editable });
    if (d.no === 27) {
      for (const c of customs) {
        out.push({ code: c.code, no: 27, group: d.group, ...(d.groupEn ? { groupEn: d.groupEn } : {}), name: c.name, unit: c.unit, label: c.unit === 'text' ? c.name : `${c.name}（${c.unit}）`, hint: c.description, source: 'manual', ...manual(c.code, c.unit), editable, custom: true });
      }
    }
  }
  return out;
}

/**
 * GET /api/zones/:id/indicators. The zone's admins (and platform admins) see live values; anyone
 * else sees the values of the filed annual report, or none before it is filed.
 */
export async function getIndicators({ db }: IndicatorsDeps, actor: Actor | null, { zoneId, year }: { zoneId: string; year: number }) {
  const manager = managesZone(actor, zoneId);
  // One wave of queries: the zone, its filed report and (for its managers) the live values.
  const [zone, report, live] = await Promise.all([repo.findZone(db, zoneId), repo.findReport(db, zoneId, year), manager ? liveIndicators(db, actor, zoneId, year) : null]);
  if (!zone) throw AppError.notFound('示范区');
  let indicators: IndicatorEntry[];
  if (live) indicators = live;
  else if (report) indicators = report.snapshot as IndicatorEntry[];
  else indicators = (await liveIndicators(db, null, zoneId, year)).map((i) => ({ ...i, value: null, note: i.source === 'auto' ? i.note : null, detail: undefined, updatedAt: null }));
  return { zone: presentZone(zone), year, published: !!report, publishedAt: report?.publishedAt.toISOString() ?? null, indicators };
}

/** A manual value with its source note; history kept. Auto indicators answer 409. */
export async function putIndicatorValue({ db }: IndicatorsDeps, actor: Actor, { zoneId, code, year, ...input }: { zoneId: string; code: string; year: number } & z.output<typeof putValueSchema>) {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  const entries = await liveIndicators(db, actor, zoneId, year);
  const entry = entries.find((e) => e.code === code);
  if (!entry) throw AppError.notFound('指标');
  if (entry.source === 'auto') throw AppError.conflict(`「${entry.name}」由平台根据业务数据自动统计，不能手工填报`, { code, source: 'auto' });
  const text = isTextUnit(entry.unit);
  if (input.value !== null && text !== (typeof input.value === 'string')) {
    throw AppError.validation([{ path: 'value', message: text ? '此指标应填写文字说明' : '此指标应填写数字' }]);
  }
  if (typeof input.value === 'number' && (!Number.isFinite(input.value) || Math.abs(input.value) >= 1e15 || Math.round(input.value * 1e4) / 1e4 !== input.value)) {
    throw AppError.validation([{ path: 'value', message: '数值过大或小数位超过 4 位' }]);
  }
  await db.transaction(async (tx) => {
    await repo.putValue(tx, {
      zoneId,
      year,
      code,
      valueNum: typeof input.value === 'number' ? String(input.value) : null,
      valueText: typeof input.value === 'string' ? input.value : null,
      note: input.note,
      actorId: actor.id,
    });
    await audit(tx, { actorId: actor.id, action: 'indicator.put', entityType: 'zone', entityId: zoneId, reason: input.note, data: { year, code, value: input.value } });
  });
  return (await liveIndicators(db, actor, zoneId, year)).find((e) => e.code === code)!;
}

export async function indicatorHistory({ db }: IndicatorsDeps, actor: Actor, { zoneId, code, year }: { zoneId: string; code: string; year: number }) {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  const rows = await repo.historyOf(db, zoneId, year, code);
  return { items: rows.map((r) => ({ value: r.valueText ?? (r.valueNum === null ? null : Number(r.valueNum)), note: r.note, actorId: r.actorId, at: r.createdAt.toISOString() })) };
}

export async function addCustomIndicator({ db }: IndicatorsDeps, actor: Actor, { zoneId, ...input }: { zoneId: string } & z.output<typeof customIndicatorSchema>) {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  return db.transaction(async (tx) => {
    await repo.findZone(tx, zoneId, true);
    const row = await repo.insertCustomIndicator(tx, { zoneId, name: input.name, unit: input.unit, description: input.description ?? null, createdBy: actor.id });
    await audit(tx, { actorId: actor.id, action: 'indicator.custom.create', entityType: 'zone', entityId: zoneId, data: { code: row.code, name: row.name, unit: row.unit } });
    return { code: row.code, name: row.name, unit: row.unit, description: row.description, createdAt: row.createdAt.toISOString() };
  });
}

export async function updateCustomIndicator({ db }: IndicatorsDeps, actor: Actor, { zoneId, code, ...input }: { zoneId: string; code: string } & Partial<z.output<typeof customIndicatorSchema>>) {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  return db.transaction(async (tx) => {
    const row = await repo.updateCustomIndicator(tx, zoneId, code, input);
    if (!row) throw AppError.notFound('特色指标');
    await audit(tx, { actorId: actor.id, action: 'indicator.custom.update', entityType: 'zone', entityId: zoneId, data: { code, ...input } });
    return { code: row.code, name: row.name, unit: row.unit, description: row.description, createdAt: row.createdAt.toISOString() };
  });
}

export async function deleteCustomIndicator({ db }: IndicatorsDeps, actor: Actor, { zoneId, code }: { zoneId: string; code: string }): Promise<void> {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteCustomIndicator(tx, zoneId, code))) throw AppError.notFound('特色指标');
    await audit(tx, { actorId: actor.id, action: 'indicator.custom.delete', entityType: 'zone', entityId: zoneId, data: { code } });
  });
}

/** Files (or re-files) the 年度建设报告: the values as they are now become what the public sees. */
export async function publishReport({ db }: IndicatorsDeps, actor: Actor, { zoneId, year }: { zoneId: string; year: number }) {
  await zoneOr404(db, zoneId);
  assertManagesZone(actor, zoneId);
  const snapshot = (await liveIndicators(db, null, zoneId, year)).map((e) => ({ ...e, editable: false }));
  await db.transaction(async (tx) => {
    await repo.putReport(tx, { zoneId, year, snapshot, publishedBy: actor.id });
    await audit(tx, { actorId: actor.id, action: 'zone.report.publish', entityType: 'zone', entityId: zoneId, data: { year } });
  });
  return getIndicators({ db }, actor, { zoneId, year });
}

/** The current year in Beijing, the default of `?year=`. */
export const currentYear = () => Number(beijingDate(new Date()).slice(0, 4));
export { liveIndicators };
