/**
 * Offline evaluation of the catalogue search on the demo data (seed/demo) against the graded
 * relevance set test/fixtures/search-eval.json, through the real pipeline (PostgreSQL rows, the
 * search sync, Meilisearch, searchCatalogue).
 *
 * - precision of the first page: share of the strict results (`items`) on page 1 (20 per page)
 *   that are relevant (grade ≥ 1); a query with no strict result counts as 0 when a listing graded 2
 *   exists (it should have been found) and as 1 otherwise (nothing on the platform holds those words);
 * - recall@20: share of the listings graded 2 (what the user asked for) among the first 20 shown
 *   (strict results, then the labelled related ones), out of at most 20.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import type { Search } from '../../server/lib/search.js';
import { INDEX_NAMES, catalogueFilter, createSearchSync, searchCatalogue, searchableFor, enqueueSearch } from '../../server/components/listings/index.js';
import { catalogueQuerySchema } from '../../common/schemas/listings.js';
import { seedDemo } from '../../seed/demo.js';

export interface SearchCase {
  q: string;
  kind: 'achievement' | 'demand';
  filters?: Record<string, string>;
  note?: string;
  /** Listing title → 2 (what the query asks for) or 1 (a fair result). Unlisted = 0. */
  judgements: Record<string, number>;
}
interface Fixture {
  source: string;
  queries: SearchCase[];
}

export const SEARCH_FIXTURE = path.resolve('test/fixtures/search-eval.json');

export interface SearchRun {
  q: string;
  kind: string;
  items: string[];
  related: string[];
  precision: number;
  recall20: number;
  strictness: string;
  baseline: { precision: number; recall20: number };
}

/** Loads the demo data into `db`, indexes it, and runs every query of the relevance set. */
export async function runSearchEval(db: Db, search: Search, fixture = SEARCH_FIXTURE): Promise<{ precision: number; recall20: number; baseline: { precision: number; recall20: number }; queries: number; runs: SearchRun[] }> {
  const fx = JSON.parse(fs.readFileSync(fixture, 'utf8')) as Fixture;
  const quiet = { ...logger, info: () => {} } as unknown as typeof logger;
  await seedDemo(db, quiet);
  const { rows } = await db.$client.query<{ id: string }>(`select id from listings where status = 'published'`);
  await enqueueSearch(db, rows.map((r) => r.id));
  const sync = createSearchSync(db, search, logger);
  await sync.drain();
  await sync.stop();

  const runs: SearchRun[] = [];
  for (const c of fx.queries) {
    const query = catalogueQuerySchema.parse({ q: c.q, ...(c.filters ?? {}), pageSize: 20 });
    const res = await searchCatalogue(search, c.kind, query, { readsDetail: false });
    const items = res.items.map((i) => String((i as unknown as { title: unknown }).title));
    const related = res.related.map((i) => String((i as unknown as { title: unknown }).title));
    const grade = (t: string) => c.judgements[t] ?? 0;
    const wantedExists = Object.values(c.judgements).some((g) => g === 2);
    const precision = items.length ? items.filter((t) => grade(t) >= 1).length / items.length : wantedExists ? 0 : 1;
    const wanted = Object.keys(c.judgements).filter((t) => c.judgements[t] === 2);
    const shown = [...items, ...related].slice(0, 20);
    const recall20 = wanted.length ? wanted.filter((t) => shown.includes(t)).length / Math.min(wanted.length, 20) : 1;
    // Baseline: the engine's own matching on the text fields, one list (the catalogue before strict-first).
    const plain = await search.client.index(search.index(INDEX_NAMES[c.kind])).search(c.q, { filter: catalogueFilter(c.kind, query), limit: 20, attributesToSearchOn: searchableFor(c.kind, 'text', { readsDetail: false }) });
    const base = plain.hits.map((h) => String(h.title));
    const baseline = {
      precision: base.length ? base.filter((t) => grade(t) >= 1).length / base.length : wantedExists ? 0 : 1,
      recall20: wanted.length ? wanted.filter((t) => base.includes(t)).length / Math.min(wanted.length, 20) : 1,
    };
    runs.push({ q: c.q, kind: c.kind, items, related, precision, recall20, strictness: res.reading.strictness, baseline });
  }
  const mean = (f: (r: SearchRun) => number) => runs.reduce((s, r) => s + f(r), 0) / Math.max(runs.length, 1);
  return {
    precision: mean((r) => r.precision),
    recall20: mean((r) => r.recall20),
    baseline: { precision: mean((r) => r.baseline.precision), recall20: mean((r) => r.baseline.recall20) },
    queries: runs.length,
    runs,
  };
}
