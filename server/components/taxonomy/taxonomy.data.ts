/** The taxonomy seed files (seed/taxonomy/*.json), read once. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TAXONOMY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed/taxonomy');

const cache = new Map<string, unknown>();
/** Parsed content of seed/taxonomy/<name>.json. */
export function taxonomyFile<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(fs.readFileSync(path.join(TAXONOMY_DIR, `${name}.json`), 'utf8')));
  return cache.get(name) as T;
}

export interface IndustrySeed { code: string; name: string; nameEn?: string; parent: string | null; related?: string[]; /** Other names users search the industry by (catalogue only). */ synonyms?: string[] }
export interface MaturitySeed { trl: number; stage: string; name: string; nameEn?: string }
export interface CodeNameSeed { code: string; name: string; nameEn?: string }
export interface ContractTypeSeed extends CodeNameSeed { subtypes: CodeNameSeed[] }
export interface CitySeed { code: string; name: string; nameEn?: string; shortName: string }
export interface RegionSeed { code: string; name: string; cityCode?: string }
export interface ZoneSeed { slug: string; name: string; cityCode: string; level: string; hostType: string; status: string; approvedAt?: string }

let regionCodes: Set<string> | null = null;
let provinces: Set<string> | null = null;
/**
 * GB/T 2260 check: Guangxi codes must be in the full county-level table; codes of other
 * provinces are checked for a real province prefix and a well-formed 6-digit shape.
 */
export function isValidRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  regionCodes ??= new Set(taxonomyFile<RegionSeed[]>('regions-guangxi').map((r) => r.code));
  provinces ??= new Set(taxonomyFile<CodeNameSeed[]>('provinces').map((p) => p.code));
  if (code.startsWith('45')) return regionCodes.has(code);
  return provinces.has(code.slice(0, 2));
}
