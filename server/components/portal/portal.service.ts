/**
 * The public portal's front page in one read: platform figures (cached, from the contract roll-ups
 * and the published-listing counts), the newest achievements and demands, roadshows, notices and policies.
 */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { canSeePortal } from './portal.policy.js';
import { beijingDate, contractStats } from '../contracts/index.js';
import { type Kind, countPublished, newestPublished, orgNames } from '../listings/index.js';
import { listPublished, type NewsSummary } from '../news/index.js';

/** How long the figures are served from memory: the front page never counts per request. */
export const FIGURES_TTL_MS = 60_000;

export interface RoadshowCard {
  id: string;
  title: string;
  status: 'scheduled' | 'live';
  startsAt: string;
  endsAt: string | null;
  zoneName: string | null;
}
export interface RoadshowFeed {
  live: RoadshowCard[];
  upcoming: RoadshowCard[];
  /** Roadshows held so far (ended). */
  held: number;
}
type FeedSource = (db: Db) => Promise<RoadshowFeed>;

let roadshowSource: FeedSource = async () => ({ live: [], upcoming: [], held: 0 });

/** The roadshows component plugs its live and upcoming roadshows (and the count held) in here. */
export function registerRoadshowFeed(source: FeedSource): void {
  roadshowSource = source;
}

export interface Figures {
  achievements: number;
  demands: number;
  contracts: { year: number; count: number; amount: number };
  roadshowsHeld: number;
  /** When these figures were computed (they are at most FIGURES_TTL_MS old). */
  computedAt: string;
}

const cache = new WeakMap<Db, { at: number; value: Promise<Figures> }>();

async function computeFigures(db: Db): Promise<Figures> {
  const year = Number(beijingDate(new Date()).slice(0, 4));
  const [achievements, demands, stats, roadshows] = await Promise.all([
    countPublished(db, 'achievement'),
    countPublished(db, 'demand'),
    contractStats(db, { year }),
    roadshowSource(db),
  ]);
  return {
    achievements,
    demands,
    contracts: { year, count: stats.totals.count, amount: stats.totals.amount },
    roadshowsHeld: roadshows.held,
    computedAt: new Date().toISOString(),
  };
}

/** The platform figures, recomputed at most once per FIGURES_TTL_MS per database. */
export function platformFigures(db: Db, now = Date.now()): Promise<Figures> {
  const hit = cache.get(db);
  if (hit && now - hit.at < FIGURES_TTL_MS) return hit.value;
  const value = computeFigures(db);
  cache.set(db, { at: now, value });
  // A failed computation is not kept: the next request tries again.
  value.catch(() => cache.delete(db));
  return value;
}

async function newest(db: Db, kind: Kind, limit: number) {
  const rows = await newestPublished(db, kind, limit);
  const orgs = await orgNames(db, [...new Set(rows.map((r) => r.ownerOrgId))]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    titleEn: r.titleEn,
    industry: r.industry,
    cityCode: r.cityCode,
    trl: r.trl,
    price: r.price === null ? null : Number(r.price),
    budgetMin: r.budgetMin === null ? null : Number(r.budgetMin),
    budgetMax: r.budgetMax === null ? null : Number(r.budgetMax),
    organizationName: orgs.get(r.ownerOrgId)?.name ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
  }));
}

const items = (p: Promise<{ items: NewsSummary[] }>) => p.then((r) => r.items);

export interface PortalDeps {
  db: Db;
}

/** The front page (public): everything the landing page shows, in one response. */
export async function portalOverview(deps: PortalDeps, actor: Actor | null) {
  if (!canSeePortal(actor)) throw AppError.forbidden();
  const { db } = deps;
  const [figures, achievements, demands, roadshows, notices, policies, lectures] = await Promise.all([
    platformFigures(db),
    newest(db, 'achievement', 6),
    newest(db, 'demand', 6),
    roadshowSource(db),
    items(listPublished({ db }, actor, { category: 'notice', page: 1, pageSize: 6 })),
    items(listPublished({ db }, actor, { category: 'policy', page: 1, pageSize: 6 })),
    items(listPublished({ db }, actor, { category: 'lecture', page: 1, pageSize: 3 })),
  ]);
  return { figures, achievements, demands, roadshows: { live: roadshows.live, upcoming: roadshows.upcoming }, notices, policies, lectures };
}
