import type { SavedSearch, SavedSearchFilters } from '@common/schemas/savedSearches.js';
import type { Translate } from '../../shared/i18n';
import type { TaxonomyNames } from '../../shared/taxonomyNames';
import type { Kind } from './types';

export type { SavedSearch, SavedSearchFilters };

/** The catalogue's query-string state → a saved search's filters (API names, JSON types). */
export function filtersFromState(state: Record<string, unknown>): SavedSearchFilters {
  const out: Record<string, unknown> = {};
  for (const key of ['industry', 'city', 'mode', 'zone', 'source', 'org'] as const) if (typeof state[key] === 'string' && state[key]) out[key] = state[key];
  for (const key of ['maturityMin', 'maturityMax', 'priceMax'] as const) if (typeof state[key] === 'number') out[key] = state[key];
  return out as SavedSearchFilters;
}

/** The catalogue page of a saved search (its results, newest first). */
export function catalogueLink(s: Pick<SavedSearch, 'kind' | 'q' | 'filters'>): string {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  for (const [key, value] of Object.entries(s.filters)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  params.set('sort', 'newest');
  return `/${s.kind === 'achievement' ? 'achievements' : 'demands'}?${params.toString()}`;
}

/** The query and filters in words: 「甘蔗收获 · 甘蔗制糖 · 崇左市」. */
export function describeSearch(t: Translate, names: TaxonomyNames, kind: Kind, q: string | null | undefined, f: SavedSearchFilters): string {
  const parts = [
    q || null,
    f.industry ? names.industry(f.industry) : null,
    f.city ? names.city(f.city) : null,
    f.zone ? names.zone(f.zone) : null,
    f.mode ? names.mode(f.mode) : null,
    f.org ?? null,
    f.maturityMin || f.maturityMax ? `TRL ${f.maturityMin ?? 1}–${f.maturityMax ?? 9}` : null,
    f.priceMax !== undefined ? `≤ ${f.priceMax / 10000} ${t('catalogue.wan')}` : null,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : t('saved.everything', { noun: t(kind === 'achievement' ? 'listing.noun.achievement' : 'listing.noun.demand') });
}
