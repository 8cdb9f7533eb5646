import { useCallback, useEffect, useState } from 'react';
import { api } from './api';

export interface TaxonomyEntry {
  code: string;
  name: string;
  nameEn?: string;
  parent?: string | null;
}
export interface Industry extends TaxonomyEntry {
  parent: string | null;
  related?: string[];
}
export interface City {
  code: string;
  name: string;
  nameEn?: string;
  shortName?: string;
}
export interface Zone {
  id: string;
  slug?: string;
  name: string;
  cityCode: string;
  level: string;
  status: string;
}
export interface Taxonomy {
  industries: Industry[];
  maturityLevels: { trl: number; stage: string; name: string; nameEn?: string }[];
  transferModes: TaxonomyEntry[];
  ipTypes: TaxonomyEntry[];
  ipStatuses: TaxonomyEntry[];
  contractTypes: (TaxonomyEntry & { subtypes: TaxonomyEntry[] })[];
  cities: City[];
  zones: Zone[];
}

let cached: Promise<Taxonomy> | null = null;

/** The taxonomy rarely changes, so one request serves the whole visit (a failed one is retried). */
function loadTaxonomy(): Promise<Taxonomy> {
  if (!cached) {
    cached = api<Taxonomy>('/api/taxonomy').catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}

export interface TaxonomyState {
  taxonomy: Taxonomy | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** Loads `GET /api/taxonomy` once per visit and shares it between pages. */
export function useTaxonomy(): TaxonomyState {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    setError(null);
    loadTaxonomy().then(
      (value) => active && setTaxonomy(value),
      (reason: unknown) => active && setError(reason),
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { taxonomy, loading: !taxonomy && !error, error, reload };
}

/** Zones a user can still join or manage (revoked zones are left out). */
export function activeZones(taxonomy: Taxonomy | null): Zone[] {
  return (taxonomy?.zones ?? []).filter((zone) => zone.status !== 'revoked');
}

/** Select options for zones, grouped by city. */
export function zoneOptions(taxonomy: Taxonomy | null): { label: string; options: { value: string; label: string }[] }[] {
  const cities = new Map((taxonomy?.cities ?? []).map((city) => [city.code, city.name]));
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const zone of activeZones(taxonomy)) {
    const city = cities.get(zone.cityCode) ?? zone.cityCode;
    const list = groups.get(city) ?? [];
    list.push({ value: zone.id, label: zone.name });
    groups.set(city, list);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
}
