/**
 * Term associations learned from the platform's own corpus: two terms that appear together in the key
 * terms of the same published listings more often than chance (normalised PMI) are associates, e.g.
 * 「糖蜜」 and 「酒精」, 「酸笋」 and 「螺蛳粉」. A demand's term that a counterpart does not contain can be
 * answered, at a fraction of its weight, by an associate the counterpart does contain. The pairs are
 * data (`term_associations`), rebuilt by the `match-associations` job; requests read an in-memory copy.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Db } from '../../lib/db.js';
import * as repo from './associations.repository.js';
import type { AssociationRow } from './associations.repository.js';
import type { Term } from './matching.terms.js';

/** A pair needs this many listings holding both before it says anything. */
export const MIN_TOGETHER = Number(process.env.MATCH_ASSOC_MIN_TOGETHER ?? 2);
/** Normalised PMI below this is too weak to expand with. */
export const MIN_STRENGTH = Number(process.env.MATCH_ASSOC_MIN_STRENGTH ?? 0.4);
/** Associates kept per term. */
export const PER_TERM = 5;
/** An associate found in a counterpart answers its source term at this share of the source's weight (× strength). */
export const EXPANSION_SHARE = Number(process.env.MATCH_ASSOC_SHARE ?? 0.5);
/** Expansions per demand (the strongest), and how many of the source's strongest terms are expanded. */
const MAX_EXPANSIONS = 8;
const EXPANDED_SOURCES = 6;

/**
 * Associations from the key-term sets of a corpus (one set per listing). Normalised PMI,
 * log(p(a,b) / (p(a) p(b))) / −log p(a,b), in (0, 1] for positive association; both directions stored.
 */
export function associationsOf(termSets: string[][], opts: { minTogether?: number; minStrength?: number; perTerm?: number } = {}): AssociationRow[] {
  const minTogether = opts.minTogether ?? MIN_TOGETHER;
  const minStrength = opts.minStrength ?? MIN_STRENGTH;
  const perTerm = opts.perTerm ?? PER_TERM;
  const n = termSets.length;
  const ids = new Map<string, number>();
  const names: string[] = [];
  const df: number[] = [];
  const sets = termSets.map((s) => {
    const out = new Set<number>();
    for (const t of s) {
      let id = ids.get(t);
      if (id === undefined) {
        id = names.length;
        ids.set(t, id);
        names.push(t);
        df.push(0);
      }
      out.add(id);
    }
    for (const id of out) df[id]! += 1;
    return out;
  });
  // Only terms in enough listings can form a pair that clears `minTogether`: bounds the pair map.
  const together = new Map<number, number>();
  const stride = names.length + 1;
  for (const s of sets) {
    const kept = [...s].filter((id) => df[id]! >= minTogether).sort((a, b) => a - b);
    for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) {
      const key = kept[i]! * stride + kept[j]!;
      together.set(key, (together.get(key) ?? 0) + 1);
    }
  }
  const byTerm = new Map<number, { other: number; strength: number; together: number }[]>();
  for (const [key, c] of together) {
    if (c < minTogether) continue;
    const a = Math.floor(key / stride);
    const b = key % stride;
    const pab = c / n;
    // A pair found in every listing carries no information (−log 1 = 0).
    if (pab >= 1) continue;
    const npmi = Math.log(pab / ((df[a]! / n) * (df[b]! / n))) / -Math.log(pab);
    if (npmi < minStrength) continue;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const list = byTerm.get(x) ?? [];
      list.push({ other: y, strength: npmi, together: c });
      byTerm.set(x, list);
    }
  }
  const rows: AssociationRow[] = [];
  for (const [x, list] of byTerm) {
    list.sort((p, q) => q.strength - p.strength || q.together - p.together);
    for (const p of list.slice(0, perTerm)) rows.push({ term: names[x]!, associate: names[p.other]!, strength: Math.round(p.strength * 1000) / 1000, together: p.together });
  }
  return rows;
}

export type Associations = Map<string, { associate: string; strength: number }[]>;

const cache = new WeakMap<Db, { at: number; map: Associations; loading?: Promise<void> }>();
/** Requests read an in-memory copy, reloaded in the background once it is this old (other processes rebuild too). */
const RELOAD_MS = 5 * 60_000;

function toMap(rows: AssociationRow[]): Associations {
  const map: Associations = new Map();
  for (const r of rows) {
    const list = map.get(r.term) ?? [];
    list.push({ associate: r.associate, strength: r.strength });
    map.set(r.term, list);
  }
  return map;
}

/** The associations of `db`: the first call waits for the load, later ones get the copy at hand (refreshed in the background). */
export async function associations(db: Db): Promise<Associations> {
  if (process.env.MATCH_ASSOC === '0') return new Map();
  const c = cache.get(db);
  if (!c) {
    const map = toMap(await repo.loadAssociations(db));
    cache.set(db, { at: Date.now(), map });
    return map;
  }
  if (Date.now() - c.at > RELOAD_MS && !c.loading) {
    c.loading = repo
      .loadAssociations(db)
      .then((rows) => {
        c.map = toMap(rows);
        c.at = Date.now();
      })
      .catch(() => undefined)
      .finally(() => {
        c.loading = undefined;
      });
  }
  return c.map;
}

/** A demand term's associate, standing in for it at a fraction of its weight. */
export interface Expansion {
  /** The associated term, lower-cased. */
  term: string;
  /** The source term it came from. */
  from: string;
  /** Normalised PMI of the pair. */
  strength: number;
  /** Share of the source term's weight it can earn: EXPANSION_SHARE × strength (< 1). */
  share: number;
  /** The weight this expansion carries: the source term's weight × share. */
  weight: number;
}

/**
 * Associates of the strongest terms that are not terms already, strongest first. Each carries
 * weight < its source's, and only stands in for its source where the source itself is missing.
 */
export function expandTerms(terms: Term[], assoc: Associations): Expansion[] {
  if (!assoc.size) return [];
  const have = new Set(terms.map((t) => t.term));
  const best = new Map<string, Expansion>();
  for (const t of terms.slice(0, EXPANDED_SOURCES)) {
    for (const a of assoc.get(t.term) ?? []) {
      if (have.has(a.associate)) continue;
      const share = EXPANSION_SHARE * a.strength;
      const e: Expansion = { term: a.associate, from: t.term, strength: a.strength, share, weight: t.weight * share };
      const prev = best.get(a.associate);
      if (!prev || prev.weight < e.weight) best.set(a.associate, e);
    }
  }
  return [...best.values()].sort((a, b) => b.weight - a.weight).slice(0, MAX_EXPANSIONS);
}

/**
 * Rebuilds `term_associations` from the key terms of every published listing (or of `ids`), a page at
 * a time, yielding to the event loop between pages. Returns the number of listings read and pairs kept.
 */
export async function rebuildAssociations(db: Db, termsOfRow: (row: Awaited<ReturnType<typeof repo.publishedTextsPage>>[number]) => Term[], opts: { ids?: string[] } = {}): Promise<{ listings: number; pairs: number; ms: number }> {
  const started = Date.now();
  const sets: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const page = await repo.publishedTextsPage(db, after, 500, opts.ids);
    if (!page.length) break;
    for (const row of page) sets.push(termsOfRow(row).map((t) => t.term));
    after = page[page.length - 1]!.id;
    await yieldToLoop();
  }
  const rows = associationsOf(sets);
  await repo.replaceAssociations(db, rows);
  cache.set(db, { at: Date.now(), map: toMap(rows) });
  return { listings: sets.length, pairs: rows.length, ms: Date.now() - started };
}

export { hasAssociations } from './associations.repository.js';
