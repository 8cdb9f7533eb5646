/** The only place roadshow rows are read and written. */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, sum, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { COUNTED_STATUSES } from '../contracts/index.js';
import {
  offlineEvents,
  roadshowApplications,
  roadshowChat,
  roadshowIntents,
  roadshowItems,
  roadshowMutes,
  roadshowQuestions,
  roadshowQuestionVotes,
  roadshowRegistrations,
  roadshows,
  roadshowViewers,
} from './roadshows.tables.js';
import { auditLog, contracts, listings, organizations, users, zones } from '../../db/schema.js';

export type RoadshowRow = typeof roadshows.$inferSelect;
export type NewRoadshow = typeof roadshows.$inferInsert;
export type ItemRow = typeof roadshowItems.$inferSelect;
export type QuestionRow = typeof roadshowQuestions.$inferSelect;
export type IntentRow = typeof roadshowIntents.$inferSelect;
export type ApplicationRow = typeof roadshowApplications.$inferSelect;

export async function insertRoadshow(db: Tx, row: NewRoadshow): Promise<RoadshowRow> {
  const [r] = await db.insert(roadshows).values(row).returning();
  return r!;
}

export async function findRoadshow(db: Tx, id: string, lock = false): Promise<RoadshowRow | undefined> {
  const q = db.select().from(roadshows).where(eq(roadshows.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateRoadshow(db: Tx, id: string, set: Partial<NewRoadshow>): Promise<RoadshowRow> {
  const [r] = await db.update(roadshows).set({ ...set, updatedAt: new Date() }).where(eq(roadshows.id, id)).returning();
  return r!;
}

/** Moves the current item only while live and within the agenda; returns the row, or nothing. */
export async function setCurrentItem(db: Tx, id: string, itemIndex: number): Promise<RoadshowRow | undefined> {
  const [r] = await db
    .update(roadshows)
    .set({ currentItem: itemIndex, updatedAt: new Date() })
    .where(and(eq(roadshows.id, id), eq(roadshows.status, 'live'), sql`${itemIndex} < (select count(*) from ${roadshowItems} where ${roadshowItems.roadshowId} = ${id})`))
    .returning();
  return r;
}

export async function raisePeak(db: Tx, id: string, viewers: number): Promise<void> {
  await db.update(roadshows).set({ peakViewers: viewers }).where(and(eq(roadshows.id, id), lt(roadshows.peakViewers, viewers)));
}

export async function replaceItems(db: Tx, roadshowId: string, items: { achievementId: string; presenterId?: string | null; minutes?: number | null }[]): Promise<void> {
  await db.delete(roadshowItems).where(eq(roadshowItems.roadshowId, roadshowId));
  if (items.length)
    await db.insert(roadshowItems).values(items.map((it, position) => ({ roadshowId, position, achievementId: it.achievementId, presenterId: it.presenterId ?? null, minutes: it.minutes ?? null })));
}

export const itemsOf = (db: Tx, roadshowId: string) => db.select().from(roadshowItems).where(eq(roadshowItems.roadshowId, roadshowId)).orderBy(asc(roadshowItems.position));

export async function appendItem(db: Tx, roadshowId: string, achievementId: string, presenterId: string | null): Promise<void> {
  const [row] = await db.select({ n: count() }).from(roadshowItems).where(eq(roadshowItems.roadshowId, roadshowId));
  await db.insert(roadshowItems).values({ roadshowId, position: row?.n ?? 0, achievementId, presenterId });
}

export const achievementsByIds = (db: Tx, ids: string[]) =>
  ids.length ? db.select().from(listings).where(and(inArray(listings.id, ids), eq(listings.kind, 'achievement'))) : Promise.resolve([] as (typeof listings.$inferSelect)[]);

export async function userNames(db: Tx, ids: string[]): Promise<Map<string, { name: string; organizationId: string | null }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, organizationId: users.organizationId }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, organizationId: r.organizationId }]));
}

export async function orgNames(db: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active members of an organization by name, at most 200 (presenter candidates of an agenda item). */
export const activeMembers = (db: Tx, orgId: string) =>
  db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.organizationId, orgId), isNull(users.disabledAt))).orderBy(asc(users.name), asc(users.id)).limit(200);

/** Members of an organization (the supplier side to notify). */
export const orgMemberIds = async (db: Tx, orgId: string) => (await db.select({ id: users.id }).from(users).where(eq(users.organizationId, orgId))).map((r) => r.id);

export async function zoneExists(db: Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  const [z] = await db.select({ id: zones.id, name: zones.name }).from(zones).where(eq(zones.id, id));
  return z;
}

export interface ListFilter {
  when?: 'upcoming' | 'live' | 'replay' | 'all';
  zoneId?: string;
  industry?: string;
  hostId?: string;
  page: number;
  pageSize: number;
}

export async function listRoadshows(db: Tx, f: ListFilter) {
  const conds: SQL[] = [];
  if (f.hostId) conds.push(eq(roadshows.hostId, f.hostId));
  else conds.push(ne(roadshows.status, 'draft'));
  if (f.when === 'upcoming') conds.push(inArray(roadshows.status, ['scheduled', ...(f.hostId ? (['draft'] as const) : [])]));
  else if (f.when === 'live') conds.push(eq(roadshows.status, 'live'));
  else if (f.when === 'replay') conds.push(eq(roadshows.status, 'ended'));
  if (f.zoneId) conds.push(eq(roadshows.zoneId, f.zoneId));
  if (f.industry) conds.push(sql`${f.industry} = ANY(${roadshows.industries})`);
  const where = and(...conds);
  const order = f.when === 'replay' ? [desc(roadshows.startsAt)] : [asc(roadshows.startsAt)];
  const [items, [total]] = await Promise.all([
    db.select().from(roadshows).where(where).orderBy(...order, asc(roadshows.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(roadshows).where(where),
  ]);
  return { rows: items, total: total?.n ?? 0 };
}

export async function itemsOfMany(db: Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(roadshowItems).where(inArray(roadshowItems.roadshowId, ids)).orderBy(asc(roadshowItems.roadshowId), asc(roadshowItems.position));
}

// Registrations

export async function registrationCounts(db: Tx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: roadshowRegistrations.roadshowId, n: count() }).from(roadshowRegistrations).where(inArray(roadshowRegistrations.roadshowId, ids)).groupBy(roadshowRegistrations.roadshowId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function isRegistered(db: Tx, roadshowId: string, userId: string): Promise<boolean> {
  const [r] = await db.select({ u: roadshowRegistrations.userId }).from(roadshowRegistrations).where(and(eq(roadshowRegistrations.roadshowId, roadshowId), eq(roadshowRegistrations.userId, userId)));
  return !!r;
}

/** Inserts the registration; false when it already existed. */
export async function insertRegistration(db: Tx, roadshowId: string, userId: string, organizationId: string | null): Promise<boolean> {
  const rows = await db.insert(roadshowRegistrations).values({ roadshowId, userId, organizationId }).onConflictDoNothing().returning({ u: roadshowRegistrations.userId });
  return rows.length > 0;
}

export async function deleteRegistration(db: Tx, roadshowId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(roadshowRegistrations)
    .where(and(eq(roadshowRegistrations.roadshowId, roadshowId), eq(roadshowRegistrations.userId, userId)))
    .returning({ u: roadshowRegistrations.userId });
  return rows.length > 0;
}

export async function registrationsOf(db: Tx, roadshowId: string) {
  return db
    .select({ userId: roadshowRegistrations.userId, name: users.name, organizationId: roadshowRegistrations.organizationId, organizationName: organizations.name, createdAt: roadshowRegistrations.createdAt })
    .from(roadshowRegistrations)
    .innerJoin(users, eq(users.id, roadshowRegistrations.userId))
    .leftJoin(organizations, eq(organizations.id, roadshowRegistrations.organizationId))
    .where(eq(roadshowRegistrations.roadshowId, roadshowId))
    .orderBy(asc(roadshowRegistrations.createdAt));
}

export const registrantIds = async (db: Tx, roadshowId: string) =>
  (await db.select({ id: roadshowRegistrations.userId }).from(roadshowRegistrations).where(eq(roadshowRegistrations.roadshowId, roadshowId))).map((r) => r.id);

/** Scheduled roadshows starting within the window whose reminder has not gone out; locked, skipping ones another worker holds. */
export const dueForReminder = (db: Tx, now: Date, until: Date) =>
  db
    .select()
    .from(roadshows)
    .where(and(eq(roadshows.status, 'scheduled'), isNull(roadshows.reminderSentAt), gte(roadshows.startsAt, now), lte(roadshows.startsAt, until)))
    .for('update', { skipLocked: true });

// Viewers

export async function recordViewer(db: Tx, roadshowId: string, userId: string): Promise<void> {
  await db.insert(roadshowViewers).values({ roadshowId, userId }).onConflictDoNothing();
}

// Questions

export async function insertQuestion(db: Tx, row: typeof roadshowQuestions.$inferInsert): Promise<QuestionRow> {
  const [q] = await db.insert(roadshowQuestions).values(row).returning();
  return q!;
}

export async function findQuestion(db: Tx, id: string): Promise<QuestionRow | undefined> {
  const [q] = await db.select().from(roadshowQuestions).where(eq(roadshowQuestions.id, id));
  return q;
}

/** The roadshow a question belongs to, and its status (the live room's cache fills from this on a miss). */
export async function questionRef(db: Tx, id: string): Promise<{ roadshowId: string; status: QuestionRow['status'] } | undefined> {
  const [q] = await db.select({ roadshowId: roadshowQuestions.roadshowId, status: roadshowQuestions.status }).from(roadshowQuestions).where(eq(roadshowQuestions.id, id));
  return q;
}

// The question columns under their TypeScript names, for the single-statement writes below (raw SQL).
const questionColumns = sql.raw(
  `id, roadshow_id as "roadshowId", user_id as "userId", author_name as "authorName", item_index as "itemIndex", text, votes, status, decided_by as "decidedBy", decided_at as "decidedAt", created_at as "createdAt"`,
);
const asQuestion = (r: Record<string, unknown>): QuestionRow => ({ ...(r as QuestionRow), createdAt: new Date(r.createdAt as string), decidedAt: r.decidedAt ? new Date(r.decidedAt as string) : null });

/**
 * One vote per user, in one statement: the vote row (only on a question that is not hidden) and the count.
 * Returns the question with its new count, or undefined when there was nothing to count (voted before,
 * hidden or gone: the caller tells which).
 */
export async function upvote(db: Tx, questionId: string, userId: string): Promise<QuestionRow | undefined> {
  const { rows } = await db.execute(sql`
    with v as (
      insert into ${roadshowQuestionVotes} (question_id, user_id)
      select id, ${userId}::uuid from ${roadshowQuestions} where id = ${questionId} and status <> 'hidden'
      on conflict do nothing
      returning question_id
    )
    update ${roadshowQuestions} set votes = votes + 1 where id = (select question_id from v)
    returning ${questionColumns}`);
  return rows[0] ? asQuestion(rows[0]) : undefined;
}

/**
 * Marks a question answered or hidden and appends its audit row, in one statement (atomic, one round trip).
 * Undefined when the question is not in that roadshow.
 */
export async function decideQuestion(db: Tx, id: string, roadshowId: string, status: 'answered' | 'hidden', by: string): Promise<QuestionRow | undefined> {
  const { rows } = await db.execute(sql`
    with q as (
      update ${roadshowQuestions} set status = ${status}, decided_by = ${by}, decided_at = now()
      where id = ${id} and roadshow_id = ${roadshowId}
      returning *
    ), a as (
      insert into ${auditLog} (actor_id, action, entity_type, entity_id, data)
      select ${by}::uuid, ${`roadshow.question.${status}`}::text, 'roadshow_question', q.id::text, jsonb_build_object('roadshowId', q.roadshow_id) from q
    )
    select ${questionColumns} from q`);
  return rows[0] ? asQuestion(rows[0]) : undefined;
}

/** Questions by votes, then age; `visibleOnly` leaves hidden ones out, `answeredOnly` keeps answered ones. */
export function questionsOf(db: Tx, roadshowId: string, opts: { visibleOnly?: boolean; answeredOnly?: boolean; limit?: number } = {}) {
  const conds: SQL[] = [eq(roadshowQuestions.roadshowId, roadshowId)];
  if (opts.answeredOnly) conds.push(eq(roadshowQuestions.status, 'answered'));
  else if (opts.visibleOnly) conds.push(ne(roadshowQuestions.status, 'hidden'));
  return db
    .select()
    .from(roadshowQuestions)
    .where(and(...conds))
    .orderBy(desc(roadshowQuestions.votes), asc(roadshowQuestions.createdAt))
    .limit(opts.limit ?? 200);
}

// Chat and moderation

export type NewChat = typeof roadshowChat.$inferInsert & { id: string; createdAt: Date };

/** A batch of chat messages (ids and times set by the caller) in one multi-row INSERT. */
export async function insertChats(db: Tx, rows: NewChat[]): Promise<void> {
  if (rows.length) await db.insert(roadshowChat).values(rows);
}

export async function recentChat(db: Tx, roadshowId: string, limit: number) {
  const rows = await db.select().from(roadshowChat).where(eq(roadshowChat.roadshowId, roadshowId)).orderBy(desc(roadshowChat.createdAt)).limit(limit);
  return rows.reverse();
}

export const mutedUserIds = async (db: Tx, roadshowId: string) =>
  (await db.select({ u: roadshowMutes.userId }).from(roadshowMutes).where(eq(roadshowMutes.roadshowId, roadshowId))).map((m) => m.u);

export async function insertMute(db: Tx, roadshowId: string, userId: string, mutedBy: string): Promise<boolean> {
  const rows = await db.insert(roadshowMutes).values({ roadshowId, userId, mutedBy }).onConflictDoNothing().returning({ u: roadshowMutes.userId });
  return rows.length > 0;
}

// Intents (leads)

export async function insertIntent(db: Tx, row: typeof roadshowIntents.$inferInsert): Promise<{ intent: IntentRow; created: boolean }> {
  const inserted = await db.insert(roadshowIntents).values(row).onConflictDoNothing().returning();
  if (inserted.length) return { intent: inserted[0]!, created: true };
  const [existing] = await db
    .select()
    .from(roadshowIntents)
    .where(and(eq(roadshowIntents.roadshowId, row.roadshowId), eq(roadshowIntents.achievementId, row.achievementId), eq(roadshowIntents.userId, row.userId)));
  return { intent: existing!, created: false };
}

export async function setIntentDeal(db: Tx, id: string, dealId: string): Promise<void> {
  await db.update(roadshowIntents).set({ dealId }).where(eq(roadshowIntents.id, id));
}

/** Leads: of one roadshow (optionally one supplier's), or every lead a supplier organization or a host holds. */
export function intentsWhere(f: { roadshowId?: string; supplierOrgId?: string; hostId?: string }): SQL | undefined {
  const conds: SQL[] = [];
  if (f.roadshowId) conds.push(eq(roadshowIntents.roadshowId, f.roadshowId));
  const who: SQL[] = [];
  if (f.supplierOrgId) who.push(eq(roadshowIntents.supplierOrgId, f.supplierOrgId));
  if (f.hostId) who.push(eq(roadshows.hostId, f.hostId));
  if (who.length) conds.push(or(...who)!);
  return and(...conds);
}

export async function listIntents(db: Tx, where: SQL | undefined, page: number, pageSize: number) {
  const base = () => db.select().from(roadshowIntents).innerJoin(roadshows, eq(roadshows.id, roadshowIntents.roadshowId));
  const [rows, [total]] = await Promise.all([
    base().where(where).orderBy(desc(roadshowIntents.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(roadshowIntents).innerJoin(roadshows, eq(roadshows.id, roadshowIntents.roadshowId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.roadshow_intents, roadshowTitle: r.roadshows.title, hostId: r.roadshows.hostId })), total: total?.n ?? 0 };
}

// Applications (申请路演)

export async function insertApplication(db: Tx, row: typeof roadshowApplications.$inferInsert): Promise<ApplicationRow | undefined> {
  const [a] = await db.insert(roadshowApplications).values(row).onConflictDoNothing().returning();
  return a;
}

export async function findApplication(db: Tx, roadshowId: string, id: string, lock = false): Promise<ApplicationRow | undefined> {
  const q = db.select().from(roadshowApplications).where(and(eq(roadshowApplications.id, id), eq(roadshowApplications.roadshowId, roadshowId)));
  const [a] = lock ? await q.for('update') : await q;
  return a;
}

export async function decideApplication(db: Tx, id: string, set: { status: 'accepted' | 'declined'; reason: string | null; decidedBy: string }): Promise<ApplicationRow> {
  const [a] = await db.update(roadshowApplications).set({ ...set, decidedAt: new Date() }).where(eq(roadshowApplications.id, id)).returning();
  return a!;
}

export function applicationsOf(db: Tx, roadshowId: string, orgId?: string) {
  const conds: SQL[] = [eq(roadshowApplications.roadshowId, roadshowId)];
  if (orgId) conds.push(eq(roadshowApplications.organizationId, orgId));
  return db.select().from(roadshowApplications).where(and(...conds)).orderBy(asc(roadshowApplications.createdAt));
}

// Statistics and indicator 23

export async function stats(db: Tx, roadshowId: string) {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const [registrations, uniqueViewers, questions, intents, deals, contractTotals] = await Promise.all([
    one(db.select({ n: count() }).from(roadshowRegistrations).where(eq(roadshowRegistrations.roadshowId, roadshowId))),
    one(db.select({ n: count() }).from(roadshowViewers).where(eq(roadshowViewers.roadshowId, roadshowId))),
    one(db.select({ n: count() }).from(roadshowQuestions).where(eq(roadshowQuestions.roadshowId, roadshowId))),
    one(db.select({ n: count() }).from(roadshowIntents).where(eq(roadshowIntents.roadshowId, roadshowId))),
    one(db.select({ n: sql<number>`count(distinct ${roadshowIntents.dealId})::int` }).from(roadshowIntents).where(and(eq(roadshowIntents.roadshowId, roadshowId), isNotNull(roadshowIntents.dealId)))),
    db
      .select({ n: count(), amount: sum(contracts.amount) })
      .from(contracts)
      .where(
        and(
          inArray(contracts.status, [...COUNTED_STATUSES]),
          inArray(contracts.dealId, db.select({ d: roadshowIntents.dealId }).from(roadshowIntents).where(and(eq(roadshowIntents.roadshowId, roadshowId), isNotNull(roadshowIntents.dealId)))),
        ),
      ),
  ]);
  return { registrations, uniqueViewers, questions, intents, deals, contracts: contractTotals[0]?.n ?? 0, contractAmount: Number(contractTotals[0]?.amount ?? 0) };
}

/** Indicator 23: ended roadshows of the zone that year with at least one viewer, plus recorded offline events. */
export async function eventsHeld(db: Tx, zoneId: string, year: number): Promise<{ roadshows: number; offline: number }> {
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const [[online], [offline]] = await Promise.all([
    db
      .select({ n: count() })
      .from(roadshows)
      .where(
        and(
          eq(roadshows.zoneId, zoneId),
          eq(roadshows.status, 'ended'),
          gte(roadshows.startsAt, from),
          lt(roadshows.startsAt, to),
          sql`exists (select 1 from ${roadshowViewers} where ${roadshowViewers.roadshowId} = ${roadshows.id})`,
        ),
      ),
    db
      .select({ n: count() })
      .from(offlineEvents)
      .where(and(eq(offlineEvents.zoneId, zoneId), gte(offlineEvents.heldOn, `${year}-01-01`), lt(offlineEvents.heldOn, `${year + 1}-01-01`))),
  ]);
  return { roadshows: online?.n ?? 0, offline: offline?.n ?? 0 };
}

export async function insertOfflineEvent(db: Tx, row: typeof offlineEvents.$inferInsert) {
  const [e] = await db.insert(offlineEvents).values(row).returning();
  return e!;
}

export function offlineEventsOf(db: Tx, zoneId: string, year?: number) {
  const conds: SQL[] = [eq(offlineEvents.zoneId, zoneId)];
  if (year) conds.push(gte(offlineEvents.heldOn, `${year}-01-01`), lt(offlineEvents.heldOn, `${year + 1}-01-01`));
  return db.select().from(offlineEvents).where(and(...conds)).orderBy(desc(offlineEvents.heldOn));
}

/** The portal's block: live and upcoming roadshows (soonest first) with their zone, and the number held. */
export async function portalFeed(db: Tx, limit: number) {
  const card = (status: 'live' | 'scheduled') =>
    db
      .select({ id: roadshows.id, title: roadshows.title, status: roadshows.status, startsAt: roadshows.startsAt, endsAt: roadshows.endsAt, zoneName: zones.name })
      .from(roadshows)
      .leftJoin(zones, eq(zones.id, roadshows.zoneId))
      .where(eq(roadshows.status, status))
      .orderBy(asc(roadshows.startsAt))
      .limit(limit);
  const [live, upcoming, [held]] = await Promise.all([card('live'), card('scheduled'), db.select({ n: count() }).from(roadshows).where(eq(roadshows.status, 'ended'))]);
  return { live, upcoming, held: held?.n ?? 0 };
}
