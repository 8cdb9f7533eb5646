/**
 * Offline evaluation of matching on the labelled set test/fixtures/matching-eval.json, through the
 * real pipeline (PostgreSQL rows, Meilisearch index, jieba terms, re-ranking), beside a baseline:
 * plain Meilisearch search on the demand title.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withCreditCodeCheck } from '../../common/creditCode.js';
import type { Db } from '../../server/lib/db.js';
import { logger } from '../../server/lib/logger.js';
import type { Search } from '../../server/lib/search.js';
import { insertOrganization } from '../../server/components/organizations/index.js';
import { createSearchSync, INDEX_NAMES, enqueueSearch, insertListing } from '../../server/components/listings/index.js';
import { computeMatches, rebuildTermAssociations } from '../../server/components/matching/index.js';
import { wireComponents } from '../../server/components/wiring.js';

interface Fixture {
  achievements: (Record<string, unknown> & { key: string; title: string })[];
  demands: (Record<string, unknown> & { key: string; title: string })[];
  judgements: Record<string, Record<string, number>>;
}

export interface Metrics {
  ndcg10: number;
  p5: number;
  mrr: number;
  recall10: number;
}

const FIXTURE = path.resolve('test/fixtures/matching-eval.json');
const money = (v: unknown) => (v === null || v === undefined ? null : Number(v).toFixed(2));

function dcg(gains: number[]): number {
  return gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
}

/** nDCG@10 with graded gains, P@5, MRR and recall@10 (relevant = grade ≥ 1), averaged over demands. */
export function metrics(runs: { ranked: string[]; judged: Record<string, number> }[]): Metrics {
  const per = runs.map(({ ranked, judged }) => {
    const gains = ranked.slice(0, 10).map((k) => judged[k] ?? 0);
    const ideal = Object.values(judged).sort((a, b) => b - a).slice(0, 10);
    const relevant = Object.keys(judged).filter((k) => judged[k]! >= 1);
    const firstHit = ranked.findIndex((k) => (judged[k] ?? 0) >= 1);
    return {
      ndcg10: dcg(ideal) ? dcg(gains) / dcg(ideal) : 0,
      p5: ranked.slice(0, 5).filter((k) => (judged[k] ?? 0) >= 1).length / 5,
      mrr: firstHit >= 0 ? 1 / (firstHit + 1) : 0,
      recall10: relevant.length ? ranked.slice(0, 10).filter((k) => (judged[k] ?? 0) >= 1).length / relevant.length : 0,
    };
  });
  const mean = (f: keyof Metrics) => per.reduce((s, m) => s + m[f], 0) / Math.max(per.length, 1);
  return { ndcg10: mean('ndcg10'), p5: mean('p5'), mrr: mean('mrr'), recall10: mean('recall10') };
}

/**
 * How keywords are fed: as the labelled set has them (`keyword`), every keyword list replaced by
 * one generic word as many enterprise users type (`generic`: 「技术」), or none at all (`none`).
 */
export type KeywordMode = 'keyword' | 'generic' | 'none';
export const KEYWORD_MODES: KeywordMode[] = ['keyword', 'generic', 'none'];
const keywordsIn = (mode: KeywordMode, k: unknown) => (mode === 'keyword' ? (k as string[]) : mode === 'generic' ? ['技术'] : []);

/** Loads the fixture into `db` and `search` (published, indexed) and evaluates both rankings. */
export async function runMatchingEval(db: Db, search: Search, mode: KeywordMode = 'keyword'): Promise<{ pipeline: Metrics; baseline: Metrics; demands: number; perDemand: { key: string; pipeline: string[]; baseline: string[] }[] }> {
  wireComponents();
  const fx = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Fixture;
  const stamp = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, '1').padStart(9, '0').slice(-9);
  // Organizations numbered per mode, so the three modes can share one database.
  const org = async (i: number, type: string) => {
    const n = i + KEYWORD_MODES.indexOf(mode) * 1000;
    return insertOrganization(db, { name: `评测单位${n}`, type, creditCode: withCreditCodeCheck(`91450100${stamp.slice(0, 5)}${String(n).padStart(4, '0')}`), regionCode: '450103' });
  };
  const supplierOrgs = await Promise.all(Array.from({ length: 12 }, (_, i) => org(i + 1, 'university')));
  const keyOf = new Map<string, string>();
  const now = new Date();
  for (const [i, a] of fx.achievements.entries()) {
    const owner = supplierOrgs[i % supplierOrgs.length]!;
    const row = await insertListing(db, {
      kind: 'achievement',
      status: 'published',
      ownerOrgId: owner.id,
      createdBy: owner.id,
      title: a.title,
      titleEn: (a.titleEn as string) ?? null,
      summary: a.summary as string,
      detail: a.detail as string,
      keywords: keywordsIn(mode, a.keywords),
      industry: a.industry as string,
      technicalField: (a.technicalField as string) ?? null,
      trl: a.trl as number,
      transferModes: a.transferModes as string[],
      price: money(a.price),
      cityCode: a.cityCode as string,
      contactName: '评测',
      source: 'other',
      publishedAt: now,
    });
    keyOf.set(row.id, a.key);
  }
  const demandRows = [];
  for (const [i, d] of fx.demands.entries()) {
    const owner = await org(100 + i, 'enterprise');
    demandRows.push({
      key: d.key,
      row: await insertListing(db, {
        kind: 'demand',
        status: 'published',
        ownerOrgId: owner.id,
        createdBy: owner.id,
        title: d.title,
        problem: d.problem as string,
        expectedOutcome: d.expectedOutcome as string,
        keywords: keywordsIn(mode, d.keywords),
        industry: d.industry as string,
        trlMin: (d.trlMin as number) ?? null,
        budgetMin: money(d.budgetMin),
        budgetMax: money(d.budgetMax),
        cooperationModes: d.cooperationModes as string[],
        cityCode: d.cityCode as string,
        contactName: '评测',
        publishedAt: now,
      }),
    });
  }
  if (process.env.MATCH_CORPUS_IDF) {
    // Experiment: term weights from this corpus (the set's own listings) blended with jieba's general IDF.
    const { corpusIdf, loadIdf } = await import('./corpus-idf.js');
    const texts = [...fx.achievements.map((a) => [a.title, a.summary, a.detail].join('\n')), ...fx.demands.map((d) => [d.title, d.problem, d.expectedOutcome].join('\n'))];
    loadIdf(corpusIdf(texts, { share: Number(process.env.MATCH_CORPUS_IDF) }));
  }
  await enqueueSearch(db, [...keyOf.keys(), ...demandRows.map((d) => d.row.id)]);
  const sync = createSearchSync(db, search, logger);
  await sync.drain();
  await sync.stop();
  // What the `match-associations` job does after publication, on this mode's listings only (the modes share a database).
  const assoc = await rebuildTermAssociations(db, { ids: [...keyOf.keys(), ...demandRows.map((d) => d.row.id)] });
  if (process.env.MATCH_EVAL_VERBOSE) console.log(`${mode}: ${assoc.pairs} term associations from ${assoc.listings} listings in ${assoc.ms} ms`);

  const pipelineRuns = [];
  const baselineRuns = [];
  const perDemand = [];
  for (const { key, row } of demandRows) {
    const judged = fx.judgements[key] ?? {};
    const found = await computeMatches({ db, search, log: logger }, row, { limit: 10 });
    const pipeline = found.map((m) => keyOf.get(m.counterpart.id)!).filter(Boolean);
    const res = await search.client.index(search.index(INDEX_NAMES.achievement)).search(row.title, { limit: 10 });
    const baseline = res.hits.map((h) => keyOf.get(String(h.id))!).filter(Boolean);
    pipelineRuns.push({ ranked: pipeline, judged });
    baselineRuns.push({ ranked: baseline, judged });
    perDemand.push({ key, pipeline, baseline });
  }
  return { pipeline: metrics(pipelineRuns), baseline: metrics(baselineRuns), demands: demandRows.length, perDemand };
}
