import { useMemo } from 'react';
import { useLocale, type Locale } from './i18n';
import { useTaxonomy, type Taxonomy, type TaxonomyEntry } from './taxonomy';

/** English names of the maturity stages (the taxonomy carries them in Chinese only). */
const STAGE_EN: Record<string, string> = {
  '实验室/原理': 'Lab / principle',
  '小试/中试': 'Bench / pilot scale',
  产业化: 'Industrialization',
};

/** Display names for taxonomy codes in the current language; unknown codes are shown as they are. */
export interface TaxonomyNames {
  industry: (code: string | null | undefined) => string;
  /** Category and industry, e.g. "食品 › 甘蔗制糖" (the top-level group is left out). */
  industryPath: (code: string | null | undefined) => string;
  city: (code: string | null | undefined) => string;
  mode: (code: string) => string;
  ipType: (code: string) => string;
  ipStatus: (code: string) => string;
  zone: (id: string | null | undefined) => string;
  /** "TRL 7 · 产业化". */
  trl: (trl: number | null | undefined) => string;
  /** The GB/T 22900 wording of a level. */
  trlName: (trl: number | null | undefined) => string;
  stage: (trl: number) => string;
}

export function entryName(entry: TaxonomyEntry | undefined, code: string, locale: Locale): string {
  if (!entry) return code;
  return locale === 'en' && entry.nameEn ? entry.nameEn : entry.name;
}

export function makeNames(taxonomy: Taxonomy | null, locale: Locale): TaxonomyNames {
  const industries = new Map((taxonomy?.industries ?? []).map((i) => [i.code, i]));
  const cities = new Map((taxonomy?.cities ?? []).map((c) => [c.code, c]));
  const modes = new Map((taxonomy?.transferModes ?? []).map((m) => [m.code, m]));
  const ipTypes = new Map((taxonomy?.ipTypes ?? []).map((m) => [m.code, m]));
  const ipStatuses = new Map((taxonomy?.ipStatuses ?? []).map((m) => [m.code, m]));
  const zones = new Map((taxonomy?.zones ?? []).map((z) => [z.id, z]));
  const levels = new Map((taxonomy?.maturityLevels ?? []).map((m) => [m.trl, m]));
  const stageOf = (trl: number) => {
    const zh = levels.get(trl)?.stage ?? (trl <= 3 ? '实验室/原理' : trl <= 6 ? '小试/中试' : '产业化');
    return locale === 'en' ? (STAGE_EN[zh] ?? zh) : zh;
  };
  const industry = (code: string | null | undefined) => (code ? entryName(industries.get(code), code, locale) : '');
  return {
    industry,
    industryPath: (code) => {
      if (!code) return '';
      const names: string[] = [];
      let current = industries.get(code);
      if (!current) return code;
      while (current) {
        // The two top-level groups (战略性新兴产业, 千亿元产业) add nothing to a listing's industry.
        if (current.parent !== null) names.unshift(entryName(current, current.code, locale));
        current = current.parent ? industries.get(current.parent) : undefined;
      }
      return names.join(' › ');
    },
    city: (code) => {
      if (!code) return '';
      const city = cities.get(code);
      if (!city) return code;
      return locale === 'en' && city.nameEn ? city.nameEn : city.name;
    },
    mode: (code) => entryName(modes.get(code), code, locale),
    ipType: (code) => entryName(ipTypes.get(code), code, locale),
    ipStatus: (code) => entryName(ipStatuses.get(code), code, locale),
    zone: (id) => (id ? (zones.get(id)?.name ?? id) : ''),
    trl: (trl) => (trl === null || trl === undefined ? '' : `TRL ${trl} · ${stageOf(trl)}`),
    trlName: (trl) => {
      if (trl === null || trl === undefined) return '';
      const level = levels.get(trl);
      if (!level) return '';
      return locale === 'en' && level.nameEn ? level.nameEn : level.name;
    },
    stage: stageOf,
  };
}

/** The taxonomy (loaded once per visit) and name lookups in the current language. */
export function useTaxonomyNames() {
  const state = useTaxonomy();
  const { locale } = useLocale();
  const names = useMemo(() => makeNames(state.taxonomy, locale), [state.taxonomy, locale]);
  return { ...state, names };
}

export interface IndustryNode {
  value: string;
  title: string;
  selectable?: boolean;
  disabled?: boolean;
  children?: IndustryNode[];
}

/**
 * The industry catalogue as TreeSelect data: the two top-level groups hold the categories, which
 * hold their industries. Listings take a category or an industry, never a top-level group.
 * With `counts` (catalogue facets), each node shows how many results it holds and empty ones are left out.
 */
export function industryTree(
  taxonomy: Taxonomy | null,
  locale: Locale,
  options: { counts?: Record<string, number>; keep?: string | null; rootsSelectable?: boolean } = {},
): IndustryNode[] {
  const all = taxonomy?.industries ?? [];
  const children = new Map<string | null, typeof all>();
  for (const industry of all) {
    const list = children.get(industry.parent) ?? [];
    list.push(industry);
    children.set(industry.parent, list);
  }
  const { counts } = options;
  const total = (code: string): number => (counts?.[code] ?? 0) + (children.get(code) ?? []).reduce((sum, child) => sum + total(child.code), 0);
  const build = (parent: string | null): IndustryNode[] =>
    (children.get(parent) ?? []).flatMap((industry) => {
      const name = entryName(industry, industry.code, locale);
      const n = counts ? total(industry.code) : 0;
      if (counts && n === 0 && options.keep !== industry.code) return [];
      const kids = build(industry.code);
      const isRoot = industry.parent === null;
      return [
        {
          value: industry.code,
          title: counts ? `${name}（${n}）` : name,
          ...(isRoot && !options.rootsSelectable ? { selectable: false } : {}),
          ...(kids.length ? { children: kids } : {}),
        },
      ];
    });
  return build(null);
}

/** Every code under the given ones (themselves included): a category stands for all its industries. */
export function withDescendants(taxonomy: Taxonomy | null, codes: readonly string[]): string[] {
  const all = taxonomy?.industries ?? [];
  const out = new Set<string>();
  const add = (code: string) => {
    if (out.has(code)) return;
    out.add(code);
    for (const child of all) if (child.parent === code) add(child.code);
  };
  codes.forEach(add);
  return [...out];
}
