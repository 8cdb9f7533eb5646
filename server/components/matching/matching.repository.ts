import { and, desc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { brokerProfiles, matchFeedback, matches, orgResponsiveness, type MatchReason } from './matching.tables.js';
import { listings, notifications } from '../../db/schema.js';

export type MatchRow = typeof matches.$inferSelect;

/** Pairs the organization has marked not relevant (hidden from that organization). */
export async function hiddenPairs(db: Tx, orgId: string): Promise<Set<string>> {
  const rows = await db
    .select({ d: matchFeedback.demandId, a: matchFeedback.achievementId })
    .from(matchFeedback)
    .where(and(eq(matchFeedback.orgId, orgId), eq(matchFeedback.verdict, 'not_relevant')));
  return new Set(rows.map((r) => `${r.d}:${r.a}`));
}

/** Share of the stored matches of each organization's listings that it answered; absent (unknown) below 3 countable pairs. */
export async function responsiveness(db: Db, orgIds: string[]): Promise<Map<string, number>> {
  if (!orgIds.length) return new Map();
  const rows = await db
    .select({ org: orgResponsiveness.orgId, matched: orgResponsiveness.matched, answered: orgResponsiveness.answered })
    .from(orgResponsiveness)
    .where(inArray(orgResponsiveness.orgId, [...new Set(orgIds)]));
  return new Map(rows.filter((r) => r.matched >= 3).map((r) => [r.org, Math.min(1, r.answered / r.matched)]));
}

/**
 * Recounts `org_responsiveness` from all stored matches and feedback. Pairs younger than a week
 * without an answer do not count yet. Two equi-joins (not one `OR` join) so PostgreSQL can hash them;
 * `union` counts a pair once for an organization that owns both sides.
 */
export async function recomputeResponsiveness(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // Two recounts at once (several server processes) would both insert after their deletes: one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org_responsiveness'))`);
    await tx.execute(sql`delete from org_responsiveness`);
    const result = await tx.execute(sql`
      insert into org_responsiveness (org_id, matched, answered, refreshed_at)
      with pairs as (
        select l.owner_org_id as org, m.demand_id, m.achievement_id, m.first_seen_at
          from matches m join listings l on l.id = m.demand_id
        union
        select l.owner_org_id, m.demand_id, m.achievement_id, m.first_seen_at
          from matches m join listings l on l.id = m.achievement_id
      ), answers as (
        select distinct org_id, demand_id, achievement_id from match_feedback
      )
      select p.org,
             (count(*) filter (where a.org_id is not null or p.first_seen_at < now() - interval '7 days'))::int,
             count(a.org_id)::int,
             now()
        from pairs p
        left join answers a on a.org_id = p.org and a.demand_id = p.demand_id and a.achievement_id = p.achievement_id
       group by p.org`);
    return result.rowCount ?? 0;
  });
}

type Counts = { relevant: number; notRelevant: number; reasons: Record<string, number> };
export type PairFeedback = Counts & { bySide: Partial<Record<'demand' | 'achievement' | 'broker', Counts>> };

/** Feedback counts per pair, in total and per side (demand owner, achievement owner, brokers), so each side sees what the other said. */
export async function feedbackCounts(db: Tx, pairs: { demandId: string; achievementId: string }[]) {
  const out = new Map<string, PairFeedback>();
  if (!pairs.length) return out;
  const rows = await db
    .select({ d: matchFeedback.demandId, a: matchFeedback.achievementId, side: matchFeedback.side, verdict: matchFeedback.verdict, reason: matchFeedback.reason, n: sql<number>`count(*)::int` })
    .from(matchFeedback)
    .where(or(...pairs.map((p) => and(eq(matchFeedback.demandId, p.demandId), eq(matchFeedback.achievementId, p.achievementId)))))
    .groupBy(matchFeedback.demandId, matchFeedback.achievementId, matchFeedback.side, matchFeedback.verdict, matchFeedback.reason);
  const bump = (c: Counts, verdict: string, reason: string, n: number) => {
    if (verdict === 'relevant') c.relevant += n;
    else c.notRelevant += n;
    c.reasons[reason] = (c.reasons[reason] ?? 0) + n;
  };
  for (const r of rows) {
    const key = `${r.d}:${r.a}`;
    const c = out.get(key) ?? { relevant: 0, notRelevant: 0, reasons: {}, bySide: {} };
    bump(c, r.verdict, r.reason, r.n);
    bump((c.bySide[r.side] ??= { relevant: 0, notRelevant: 0, reasons: {} }), r.verdict, r.reason, r.n);
    out.set(key, c);
  }
  return out;
}

/** Replaces the stored matches of one listing (pairs seen before keep their first-seen time); returns the counterpart ids that are new. */
export async function replaceMatches(db: Tx, kind: 'achievement' | 'demand', id: string, rows: { counterpartId: string; score: number; reasons: MatchReason[]; matchedTerms: string[] }[]): Promise<string[]> {
  const column = kind === 'demand' ? matches.demandId : matches.achievementId;
  const other = kind === 'demand' ? matches.achievementId : matches.demandId;
  const before = new Set((await db.select({ c: other }).from(matches).where(eq(column, id))).map((r) => r.c));
  const keep = rows.map((r) => r.counterpartId);
  await db.delete(matches).where(keep.length ? and(eq(column, id), notInArray(other, keep)) : eq(column, id));
  if (rows.length) {
    await db
      .insert(matches)
      .values(
        rows.map((r) => ({
          demandId: kind === 'demand' ? id : r.counterpartId,
          achievementId: kind === 'demand' ? r.counterpartId : id,
          score: r.score.toFixed(4),
          reasons: r.reasons,
          matchedTerms: r.matchedTerms,
        })),
      )
      .onConflictDoUpdate({
        target: [matches.demandId, matches.achievementId],
        set: { score: sql`excluded.score`, reasons: sql`excluded.reasons`, matchedTerms: sql`excluded.matched_terms`, computedAt: sql`now()` },
      });
  }
  return keep.filter((c) => !before.has(c));
}

/** Which of these notification links already wait unread for their user (so a new match does not notify twice). */
export async function unreadLinks(db: Tx, items: { userId: string; link: string }[]): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows = await db
    .select({ userId: notifications.userId, link: notifications.link })
    .from(notifications)
    .where(and(isNull(notifications.readAt), eq(notifications.kind, 'match_new'), inArray(notifications.link, items.map((i) => i.link))));
  return new Set(rows.map((r) => `${r.userId} ${r.link}`));
}

export async function deleteMatchesOf(db: Tx, id: string): Promise<void> {
  await db.delete(matches).where(or(eq(matches.demandId, id), eq(matches.achievementId, id)));
}

export async function storedMatchesOf(db: Tx, kind: 'achievement' | 'demand', id: string, limit: number) {
  return db
    .select()
    .from(matches)
    .where(eq(kind === 'demand' ? matches.demandId : matches.achievementId, id))
    .orderBy(desc(matches.score))
    .limit(limit);
}

/** Replaces a user's verdict on a pair; `previous` is the verdict their organization's side gave before, if any. */
export async function upsertFeedback(db: Tx, f: typeof matchFeedback.$inferInsert) {
  const pair = and(eq(matchFeedback.demandId, f.demandId), eq(matchFeedback.achievementId, f.achievementId));
  const [prior] = await db
    .select({ verdict: matchFeedback.verdict })
    .from(matchFeedback)
    .where(and(pair, eq(matchFeedback.orgId, f.orgId), eq(matchFeedback.side, f.side)))
    .orderBy(desc(matchFeedback.createdAt))
    .limit(1);
  await db.delete(matchFeedback).where(and(pair, eq(matchFeedback.userId, f.userId)));
  const [row] = await db.insert(matchFeedback).values(f).returning();
  return { row: row!, previous: prior?.verdict ?? null };
}

export async function isStoredMatch(db: Tx, demandId: string, achievementId: string): Promise<boolean> {
  const [row] = await db.select({ d: matches.demandId }).from(matches).where(and(eq(matches.demandId, demandId), eq(matches.achievementId, achievementId)));
  return !!row;
}

export async function brokerProfile(db: Tx, userId: string) {
  const [row] = await db.select().from(brokerProfiles).where(eq(brokerProfiles.userId, userId));
  return row ?? { userId, industries: [] as string[], cityCodes: [] as string[], updatedAt: new Date() };
}

export async function saveBrokerProfile(db: Tx, userId: string, industries: string[], cityCodes: string[]) {
  await db
    .insert(brokerProfiles)
    .values({ userId, industries, cityCodes })
    .onConflictDoUpdate({ target: brokerProfiles.userId, set: { industries, cityCodes, updatedAt: new Date() } });
}

interface OpportunityRow {
  demand_id: string;
  achievement_id: string;
  score: number;
  reasons: MatchReason[];
  matched_terms: string[];
  computed_at: string;
  demand_title: string;
  demand_industry: string;
  demand_city: string;
  demand_org: string;
  achievement_title: string;
  achievement_industry: string;
  achievement_city: string;
  achievement_org: string;
  demand_org_name: string;
  achievement_org_name: string;
  total: string;
}

/** Stored matches between published listings a broker works on (industries/cities; empty = all), best first, without the ones the broker dismissed. */
export async function opportunities(db: Db, userId: string, p: { industries: string[]; cityCodes: string[]; page: number; pageSize: number }) {
  const { rows } = await db.$client.query<OpportunityRow>(
    `select m.demand_id, m.achievement_id, m.score::float as score, m.reasons, m.matched_terms, m.computed_at,
            d.title as demand_title, d.industry as demand_industry, d.city_code as demand_city, d.owner_org_id as demand_org,
            a.title as achievement_title, a.industry as achievement_industry, a.city_code as achievement_city, a.owner_org_id as achievement_org,
            (select name from organizations o where o.id = d.owner_org_id) as demand_org_name,
            (select name from organizations o where o.id = a.owner_org_id) as achievement_org_name,
            count(*) over() as total
       from matches m
       join listings d on d.id = m.demand_id and d.status = 'published'
       join listings a on a.id = m.achievement_id and a.status = 'published'
      where (cardinality($2::text[]) = 0 or d.industry = any($2) or a.industry = any($2))
        and (cardinality($3::text[]) = 0 or d.city_code = any($3) or a.city_code = any($3))
        and not exists (select 1 from match_feedback f where f.user_id = $1 and f.demand_id = m.demand_id and f.achievement_id = m.achievement_id)
      order by m.score desc, m.computed_at desc
      limit $4 offset $5`,
    [userId, p.industries, p.cityCodes, p.pageSize, (p.page - 1) * p.pageSize],
  );
  return { rows, total: rows.length ? Number(rows[0]!.total) : 0 };
}

export const listingOwners = (db: Tx, ids: string[]) =>
  ids.length ? db.select({ id: listings.id, ownerOrgId: listings.ownerOrgId, createdBy: listings.createdBy, title: listings.title, kind: listings.kind }).from(listings).where(inArray(listings.id, ids)) : Promise.resolve([]);
