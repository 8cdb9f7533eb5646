import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import * as repo from './taxonomy.repository.js';
import { canReadTaxonomy } from './taxonomy.policy.js';
import {
  taxonomyFile,
  type CitySeed,
  type CodeNameSeed,
  type ContractTypeSeed,
  type IndustrySeed,
  type MaturitySeed,
  type ZoneSeed,
} from './taxonomy.data.js';

/** Writes the taxonomy seed files into the database; safe to run at every start. */
export async function seedTaxonomy(db: Tx): Promise<void> {
  const industries = taxonomyFile<IndustrySeed[]>('industries');
  const maturity = taxonomyFile<MaturitySeed[]>('maturity');
  const modes = taxonomyFile<CodeNameSeed[]>('transfer-modes');
  const ip = taxonomyFile<{ types: CodeNameSeed[]; statuses: CodeNameSeed[] }>('ip-types');
  const contractTypes = taxonomyFile<ContractTypeSeed[]>('contract-types');
  const terms: repo.TermRow[] = [
    ...industries.map((i, sort) => ({ kind: 'industry', code: i.code, name: i.name, nameEn: i.nameEn ?? null, parent: i.parent, sort, extra: { related: i.related ?? [] } })),
    ...maturity.map((m) => ({ kind: 'maturity', code: String(m.trl), name: m.name, nameEn: m.nameEn ?? null, parent: null, sort: m.trl, extra: { stage: m.stage } })),
    ...modes.map((m, sort) => ({ kind: 'transfer_mode', code: m.code, name: m.name, nameEn: m.nameEn ?? null, parent: null, sort, extra: {} })),
    ...ip.types.map((m, sort) => ({ kind: 'ip_type', code: m.code, name: m.name, nameEn: m.nameEn ?? null, parent: null, sort, extra: {} })),
    ...ip.statuses.map((m, sort) => ({ kind: 'ip_status', code: m.code, name: m.name, nameEn: m.nameEn ?? null, parent: null, sort, extra: {} })),
    ...contractTypes.flatMap((t, sort) => [
      { kind: 'contract_type', code: t.code, name: t.name, nameEn: t.nameEn ?? null, parent: null, sort, extra: {} },
      ...t.subtypes.map((s, i) => ({ kind: 'contract_subtype', code: s.code, name: s.name, nameEn: s.nameEn ?? null, parent: t.code, sort: i, extra: {} })),
    ]),
  ];
  await repo.upsertTerms(db, terms);
  await repo.upsertCities(db, taxonomyFile<CitySeed[]>('cities').map((c, sort) => ({ ...c, sort })));
  await repo.insertMissingZones(
    db,
    taxonomyFile<ZoneSeed[]>('zones').map((z) => ({ slug: z.slug, name: z.name, cityCode: z.cityCode, level: z.level, hostType: z.hostType, status: z.status, approvedAt: z.approvedAt ?? null })),
  );
  invalidateTaxonomy();
}

export interface Taxonomy {
  industries: { code: string; name: string; nameEn?: string; parent: string | null; related: string[] }[];
  maturityLevels: { trl: number; stage: string; name: string; nameEn?: string }[];
  transferModes: { code: string; name: string; nameEn?: string }[];
  ipTypes: { code: string; name: string; nameEn?: string }[];
  ipStatuses: { code: string; name: string; nameEn?: string }[];
  contractTypes: { code: string; name: string; nameEn?: string; subtypes: { code: string; name: string; nameEn?: string }[] }[];
  cities: { code: string; name: string; nameEn?: string; shortName: string }[];
  zones: { id: string; slug: string; name: string; cityCode: string; level: string; hostType: string; status: string }[];
}

// Per database handle: tests and scripts may hold several databases in one process.
let cache = new WeakMap<object, Promise<Taxonomy>>();
/** Drops the cached taxonomy (after seeding or a zone change). */
export function invalidateTaxonomy(): void {
  cache = new WeakMap();
}

/** The whole taxonomy as GET /api/taxonomy serves it; cached in memory until invalidated. */
export function getTaxonomy(db: Db): Promise<Taxonomy> {
  let cached = cache.get(db.$client);
  if (!cached) {
    cached = loadTaxonomy(db).catch((err: unknown) => {
      cache.delete(db.$client);
      throw err;
    });
    cache.set(db.$client, cached);
  }
  return cached;
}

async function loadTaxonomy(db: Db): Promise<Taxonomy> {
  const [terms, cityRows, zoneRows] = await Promise.all([repo.allTerms(db), repo.allCities(db), repo.allZones(db)]);
  const of = (kind: string) => terms.filter((t) => t.kind === kind);
  const en = (v: string | null) => (v ? { nameEn: v } : {});
  return {
    industries: of('industry').map((t) => ({ code: t.code, name: t.name, ...en(t.nameEn), parent: t.parent, related: (t.extra.related as string[]) ?? [] })),
    maturityLevels: of('maturity').map((t) => ({ trl: Number(t.code), stage: String(t.extra.stage), name: t.name, ...en(t.nameEn) })),
    transferModes: of('transfer_mode').map((t) => ({ code: t.code, name: t.name, ...en(t.nameEn) })),
    ipTypes: of('ip_type').map((t) => ({ code: t.code, name: t.name, ...en(t.nameEn) })),
    ipStatuses: of('ip_status').map((t) => ({ code: t.code, name: t.name, ...en(t.nameEn) })),
    contractTypes: of('contract_type').map((t) => ({
      code: t.code,
      name: t.name,
      ...en(t.nameEn),
      subtypes: of('contract_subtype').filter((s) => s.parent === t.code).map((s) => ({ code: s.code, name: s.name, ...en(s.nameEn) })),
    })),
    cities: cityRows.map((c) => ({ code: c.code, name: c.name, ...en(c.nameEn), shortName: c.shortName })),
    zones: zoneRows.map((z) => ({ id: z.id, slug: z.slug, name: z.name, cityCode: z.cityCode, level: z.level, hostType: z.hostType, status: z.status })),
  };
}

export { findZone, findZoneBySlug } from './taxonomy.repository.js';

export interface TaxonomyDeps {
  db: Db;
}

/** The dictionaries as the API serves them. */
export function readTaxonomy(deps: TaxonomyDeps, actor: Actor | null): Promise<Taxonomy> {
  if (!canReadTaxonomy(actor)) throw AppError.forbidden();
  return getTaxonomy(deps.db);
}
