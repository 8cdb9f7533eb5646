/**
 * Pair scoring with explanations. Each factor yields a value in [0,1]; the score is the sum of
 * weight × value over the factors (weights from seed/taxonomy/matching-weights.json sum to 1),
 * so the reasons always add up to the score.
 */
import { taxonomyFile } from '../taxonomy/index.js';
import type { Taxonomy } from '../taxonomy/index.js';
import type { MatchReason } from './matching.tables.js';
import type { Term } from './matching.terms.js';

export type Weights = Record<'text' | 'relevance' | 'industry' | 'maturity' | 'price' | 'mode' | 'region' | 'freshness' | 'responsiveness', number>;
export const weights = (): Weights => ({ relevance: 0, ...taxonomyFile<Partial<Weights>>('matching-weights') }) as Weights;

/** The fields of a demand and an achievement that scoring reads (from PostgreSQL or the index). */
export interface DemandSide {
  industry: string;
  trlMin: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
  cooperationModes: string[];
  cityCode: string;
  zoneId: string | null;
  publishedAt: Date | null;
}
export interface AchievementSide {
  industry: string;
  trl: number | null;
  price: number | null;
  transferModes: string[];
  cityCode: string;
  zoneId: string | null;
  publishedAt: Date | null;
}

export interface PairInput {
  demand: DemandSide;
  achievement: AchievementSide;
  /** Meilisearch ranking score of the counterpart for the term query, in [0,1]. */
  rankingScore: number;
  terms: Term[];
  matched: Term[];
  /** Which side's freshness and responsiveness count: the counterpart the viewer is shown. */
  counterpart: 'demand' | 'achievement';
  /** Feedback rate of the counterpart's organization in [0,1], null when unknown. */
  responsiveness: number | null;
  /** Associated terms found in the counterpart where their source term is missing, with the weight they earn (matching.associations.ts). */
  expanded?: { term: string; from: string; weight: number }[];
  /** BM25 of the terms over the candidate set, relative to the best candidate (matching.relevance.ts). */
  relevance?: { value: number; top: { term: string; share: number }[] };
}

const round = (v: number) => Math.round(v * 10000) / 10000;
// One formatter: `toLocaleString` with options builds a new one per call (a measurable share of scoring 160 candidates).
const wanFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const wan = (yuan: number) => `${wanFormat.format(yuan / 10000)} 万元`;

/** Lookup tables of a taxonomy, built once per taxonomy object rather than once per scored pair. */
const lookups = new WeakMap<Taxonomy, { industries: Map<string, Taxonomy['industries'][number]>; cities: Map<string, string>; zones: Map<string, string>; modes: Map<string, string> }>();
function lookupsOf(tax: Taxonomy) {
  let l = lookups.get(tax);
  if (!l) {
    l = {
      industries: new Map(tax.industries.map((i) => [i.code, i])),
      cities: new Map(tax.cities.map((c) => [c.code, c.name])),
      zones: new Map(tax.zones.map((z) => [z.id, z.name])),
      modes: new Map(tax.transferModes.map((m) => [m.code, m.name])),
    };
    lookups.set(tax, l);
  }
  return l;
}
const STAGE = (trl: number) => (trl <= 3 ? '实验室/原理' : trl <= 6 ? '小试/中试' : '产业化');

export function scorePair(p: PairInput, tax: Taxonomy, w: Weights = weights()): { score: number; reasons: MatchReason[] } {
  const { demand: d, achievement: a } = p;
  const { industries, cities, zones, modes } = lookupsOf(tax);
  const reasons: MatchReason[] = [];
  const add = (factor: keyof Weights, value: number, detail: string) => reasons.push({ factor, weight: w[factor], value: round(Math.min(1, Math.max(0, value))), detail });

  // Text: how well the counterpart answers the terms (engine relevance and term coverage together).
  // An associated term stands in for a missing source term at part of its weight (never more than the source's).
  const expanded = p.expanded ?? [];
  const coverage = Math.min(1, p.matched.reduce((s, t) => s + t.weight, 0) + expanded.reduce((s, e) => s + e.weight, 0));
  const shown = p.matched.slice(0, 4).map((t) => `「${t.label ?? t.term}」`).join('');
  const via = expanded.length ? `；关联词${expanded.slice(0, 3).map((e) => `「${e.term}」（由「${e.from}」关联）`).join('')}` : '';
  add(
    'text',
    0.5 * p.rankingScore + 0.5 * coverage,
    p.matched.length || expanded.length ? `文本相关：命中${shown}${p.matched.length > 4 ? '等' : ''} ${p.matched.length} 个关键词${via}，覆盖需求要点 ${Math.round(coverage * 100)}%` : '文本相关度低',
  );
  if (w.relevance > 0) {
    const r = p.relevance ?? { value: 0, top: [] };
    add('relevance', r.value, r.top.length ? `候选集内文本相关度（BM25）为最相关候选的 ${Math.round(r.value * 100)}%，主要来自${r.top.map((t) => `「${t.term}」`).join('')}` : '候选集内文本相关度（BM25）为 0');
  }

  const di = industries.get(d.industry);
  const ai = industries.get(a.industry);
  const sameParent = !!di?.parent && di.parent === ai?.parent && industries.get(di.parent)?.parent !== null;
  const related = di?.related.includes(a.industry) || ai?.related.includes(d.industry) || d.industry === ai?.parent || a.industry === di?.parent || sameParent;
  if (d.industry === a.industry) add('industry', 1, `同属「${di?.name ?? d.industry}」产业`);
  else if (related) add('industry', 0.6, `相关产业：「${di?.name ?? d.industry}」与「${ai?.name ?? a.industry}」`);
  else add('industry', 0, `产业不同：「${di?.name ?? d.industry}」/「${ai?.name ?? a.industry}」`);

  if (a.trl === null) add('maturity', 0.5, '成果未标明成熟度');
  else if (d.trlMin !== null) {
    if (a.trl >= d.trlMin) add('maturity', 1, `成熟度 TRL ${a.trl}（${STAGE(a.trl)}），满足需求的 TRL ≥ ${d.trlMin}`);
    else if (a.trl === d.trlMin - 1) add('maturity', 0.5, `成熟度 TRL ${a.trl}，略低于需求的 TRL ≥ ${d.trlMin}，需补充中试`);
    else add('maturity', 0, `成熟度 TRL ${a.trl}（${STAGE(a.trl)}），低于需求的 TRL ≥ ${d.trlMin}`);
  } else add('maturity', a.trl >= 7 ? 1 : a.trl >= 4 ? 0.7 : 0.4, `成熟度 TRL ${a.trl}（${STAGE(a.trl)}）`);

  const ceiling = d.budgetMax ?? d.budgetMin;
  if (a.price === null) add('price', 0.6, '成果价格面议');
  else if (ceiling === null) add('price', 0.6, `成果报价 ${wan(a.price)}，需求预算面议`);
  else if (a.price <= ceiling) add('price', 1, `成果报价 ${wan(a.price)}，在预算${d.budgetMin !== null && d.budgetMax !== null ? ` ${wan(d.budgetMin)}–${wan(d.budgetMax)} ` : ` ${wan(ceiling)} `}以内`);
  else if (a.price <= ceiling * 1.5) add('price', 0.5, `成果报价 ${wan(a.price)}，略高于预算上限 ${wan(ceiling)}`);
  else add('price', 0.1, `成果报价 ${wan(a.price)}，明显高于预算上限 ${wan(ceiling)}`);

  const shared = a.transferModes.filter((m) => d.cooperationModes.includes(m));
  if (shared.length) add('mode', 1, `合作方式契合：${shared.map((m) => modes.get(m) ?? m).join('、')}`);
  else add('mode', 0, `合作方式不一致：需求希望${d.cooperationModes.map((m) => modes.get(m) ?? m).join('、')}`);

  if (d.zoneId && d.zoneId === a.zoneId) add('region', 1, `同在${zones.get(d.zoneId) ?? '同一示范区'}`);
  else if (d.cityCode === a.cityCode) add('region', 1, `同在${cities.get(d.cityCode) ?? d.cityCode}`);
  else add('region', 0.3, `跨城市合作：${cities.get(d.cityCode) ?? d.cityCode} / ${cities.get(a.cityCode) ?? a.cityCode}`);

  const published = p.counterpart === 'demand' ? d.publishedAt : a.publishedAt;
  const ageDays = published ? (Date.now() - published.getTime()) / 86400_000 : 365;
  add('freshness', ageDays <= 90 ? 1 : ageDays >= 730 ? 0.2 : 1 - (0.8 * (ageDays - 90)) / 640, `发布于 ${Math.max(0, Math.round(ageDays))} 天前`);

  if (p.responsiveness === null) add('responsiveness', 0.5, '对方单位暂无反馈记录');
  else add('responsiveness', p.responsiveness, `对方单位对匹配的反馈率 ${Math.round(p.responsiveness * 100)}%`);

  const score = round(reasons.reduce((s, r) => s + round(r.weight * r.value), 0));
  return { score, reasons };
}
