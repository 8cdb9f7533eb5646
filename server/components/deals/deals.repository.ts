import { and, asc, avg, count, desc, eq, gt, inArray, isNull, lt, notInArray, or, sql, sum, type SQL } from 'drizzle-orm';
import type { Tx } from '../../lib/db.js';
import { commissions, dealMembers, dealMessages, dealOffers, dealParticipants, dealRatings, deals } from './deals.tables.js';
import { notifications, organizations, userRoles, users } from '../../db/schema.js';

export type DealRow = typeof deals.$inferSelect;
export type NewDeal = typeof deals.$inferInsert;
export type ParticipantRow = typeof dealParticipants.$inferSelect;
export type MemberRow = typeof dealMembers.$inferSelect;
export type MessageRow = typeof dealMessages.$inferSelect;
export type OfferRow = typeof dealOffers.$inferSelect;
export type CommissionRow = typeof commissions.$inferSelect;
export type RatingRow = typeof dealRatings.$inferSelect;

const CLOSED = ['closed', 'lost'];

export async function insertDeal(db: Tx, row: NewDeal): Promise<DealRow> {
  const [r] = await db.insert(deals).values(row).returning();
  return r!;
}

/** Reads one deal, locking it for the rest of the transaction when `lock` is set (every change of a deal takes this lock first). */
export async function findDeal(db: Tx, id: string, lock = false): Promise<DealRow | undefined> {
  const q = db.select().from(deals).where(eq(deals.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The open deal of a pair, if any (the partial unique indexes guarantee at most one). */
export async function findOpenDeal(db: Tx, pair: { achievementId: string | null; demandId: string | null; supplyOrgId: string; demandOrgId: string }) {
  const cond = pair.achievementId ? and(eq(deals.achievementId, pair.achievementId), eq(deals.demandOrgId, pair.demandOrgId)) : and(sql`${deals.achievementId} is null`, eq(deals.demandId, pair.demandId!), eq(deals.supplyOrgId, pair.supplyOrgId));
  const [row] = await db.select().from(deals).where(and(cond, notInArray(deals.stage, CLOSED)));
  return row;
}

export async function updateDeal(db: Tx, id: string, set: Partial<NewDeal>): Promise<DealRow> {
  const [r] = await db.update(deals).set({ ...set, updatedAt: new Date() }).where(eq(deals.id, id)).returning();
  return r!;
}

/** The next gap-free seq of a deal; call with the deal row locked (the caller's transaction rolls it back on failure). */
export async function nextSeq(db: Tx, id: string): Promise<number> {
  const [r] = await db.update(deals).set({ lastSeq: sql`${deals.lastSeq} + 1` }).where(eq(deals.id, id)).returning({ seq: deals.lastSeq });
  return r!.seq;
}

export const participantsOf = (db: Tx, dealId: string) => db.select().from(dealParticipants).where(eq(dealParticipants.dealId, dealId)).orderBy(asc(dealParticipants.createdAt));
export async function participantsOfMany(db: Tx, dealIds: string[]): Promise<ParticipantRow[]> {
  return dealIds.length ? db.select().from(dealParticipants).where(inArray(dealParticipants.dealId, dealIds)) : [];
}
export async function insertParticipants(db: Tx, rows: (typeof dealParticipants.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(dealParticipants).values(rows).onConflictDoNothing();
}
export async function upsertParticipant(db: Tx, row: typeof dealParticipants.$inferInsert): Promise<void> {
  await db
    .insert(dealParticipants)
    .values(row)
    .onConflictDoUpdate({ target: [dealParticipants.dealId, dealParticipants.side], set: { orgId: row.orgId, userId: row.userId, status: row.status, invitedBy: row.invitedBy, respondedBy: null, respondedAt: null } });
}
export async function updateParticipant(db: Tx, dealId: string, side: string, set: Partial<typeof dealParticipants.$inferInsert>): Promise<void> {
  await db.update(dealParticipants).set(set).where(and(eq(dealParticipants.dealId, dealId), eq(dealParticipants.side, side as 'supply')));
}

/** Records a user as a member of the deal (idempotent). */
export async function addMember(db: Tx, dealId: string, userId: string, side: string): Promise<void> {
  await db.insert(dealMembers).values({ dealId, userId, side: side as 'supply' }).onConflictDoNothing();
}
/** Records the sender as a member and moves their read marker to `seq` in one statement. */
export async function touchMember(db: Tx, dealId: string, userId: string, side: string, seq: number): Promise<void> {
  await db
    .insert(dealMembers)
    .values({ dealId, userId, side: side as 'supply', lastReadSeq: seq })
    .onConflictDoUpdate({ target: [dealMembers.dealId, dealMembers.userId], set: { lastReadSeq: sql`greatest(${dealMembers.lastReadSeq}, ${seq})` } });
}
export const membersOf = (db: Tx, dealId: string) => db.select().from(dealMembers).where(eq(dealMembers.dealId, dealId));
export async function findMember(db: Tx, dealId: string, userId: string): Promise<MemberRow | undefined> {
  const [r] = await db.select().from(dealMembers).where(and(eq(dealMembers.dealId, dealId), eq(dealMembers.userId, userId)));
  return r;
}
export async function setUndertaking(db: Tx, dealId: string, userId: string, at: Date): Promise<void> {
  await db.update(dealMembers).set({ undertakingAt: at }).where(and(eq(dealMembers.dealId, dealId), eq(dealMembers.userId, userId), sql`${dealMembers.undertakingAt} is null`));
}
/** Moves the read marker forward only. */
export async function markRead(db: Tx, dealId: string, userId: string, seq: number): Promise<number> {
  const [r] = await db
    .update(dealMembers)
    .set({ lastReadSeq: sql`greatest(${dealMembers.lastReadSeq}, least(${seq}, (select last_seq from deals where id = ${dealId})))` })
    .where(and(eq(dealMembers.dealId, dealId), eq(dealMembers.userId, userId)))
    .returning({ seq: dealMembers.lastReadSeq });
  return r?.seq ?? 0;
}
export async function readMarkers(db: Tx, userId: string, dealIds: string[]): Promise<Map<string, number>> {
  if (!dealIds.length) return new Map();
  const rows = await db.select({ dealId: dealMembers.dealId, seq: dealMembers.lastReadSeq }).from(dealMembers).where(and(eq(dealMembers.userId, userId), inArray(dealMembers.dealId, dealIds)));
  return new Map(rows.map((r) => [r.dealId, r.seq]));
}

const toMessage = (r: Record<string, unknown>): MessageRow => ({
  id: r.id as string,
  dealId: r.deal_id as string,
  seq: r.seq as number,
  senderId: r.sender_id as string | null,
  senderSide: r.sender_side as string | null,
  kind: r.kind as string,
  body: r.body as string | null,
  offerId: r.offer_id as string | null,
  offer: r.offer as Record<string, unknown> | null,
  attachments: (r.attachments as string[] | null) ?? [],
  clientMsgId: r.client_msg_id as string | null,
  createdAt: new Date(r.created_at as string),
});

/**
 * The hot path of the negotiation room, first half: locks the deal and reads its participants and an
 * earlier message with the same clientMsgId, in one round trip.
 */
export async function lockForMessage(db: Tx, dealId: string, senderId: string, clientMsgId: string) {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    select d.id, d.stage,
      (select coalesce(json_agg(json_build_object('side', p.side, 'orgId', p.org_id, 'userId', p.user_id, 'status', p.status)), '[]'::json)
         from deal_participants p where p.deal_id = d.id) as parts,
      (select row_to_json(m) from deal_messages m where m.deal_id = d.id and m.sender_id = ${senderId} and m.client_msg_id = ${clientMsgId}) as existing
    from deals d where d.id = ${dealId} for update of d`);
  const r = rows[0];
  if (!r) return undefined;
  return {
    stage: r.stage as string,
    parts: (r.parts as Pick<ParticipantRow, 'side' | 'orgId' | 'userId' | 'status'>[]).map((p) => ({ ...p, dealId, invitedBy: null, respondedBy: null, respondedAt: null, createdAt: new Date(0) })) as ParticipantRow[],
    existing: r.existing ? toMessage(r.existing as Record<string, unknown>) : undefined,
  };
}

/**
 * Second half, for a text message: next seq, the message row, the sender's membership and read marker,
 * and the deal's member ids, in one statement (called with the deal locked by lockForMessage).
 */
export async function appendText(db: Tx, m: { dealId: string; senderId: string; side: string; body: string | null; attachments: string[]; clientMsgId: string }) {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    with s as (update deals set last_seq = last_seq + 1, updated_at = now() where id = ${m.dealId} returning last_seq),
    m as (
      insert into deal_messages (deal_id, seq, sender_id, sender_side, kind, body, attachments, client_msg_id)
      select ${m.dealId}, s.last_seq, ${m.senderId}, ${m.side}, 'text', ${m.body}, ${`{${m.attachments.join(',')}}`}::uuid[], ${m.clientMsgId} from s
      returning *),
    t as (
      insert into deal_members (deal_id, user_id, side, last_read_seq) select ${m.dealId}, ${m.senderId}, ${m.side}, m.seq from m
      on conflict (deal_id, user_id) do update set last_read_seq = greatest(deal_members.last_read_seq, excluded.last_read_seq))
    select row_to_json(m) as message, (select coalesce(array_agg(user_id), '{}') from deal_members where deal_id = ${m.dealId}) as member_ids from m`);
  const r = rows[0]!;
  const memberIds = new Set(r.member_ids as string[]);
  memberIds.add(m.senderId);
  return { row: toMessage(r.message as Record<string, unknown>), memberIds: [...memberIds] };
}

export async function findMessageByClientId(db: Tx, dealId: string, senderId: string, clientMsgId: string): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(dealMessages).where(and(eq(dealMessages.dealId, dealId), eq(dealMessages.senderId, senderId), eq(dealMessages.clientMsgId, clientMsgId)));
  return r;
}
export async function insertMessage(db: Tx, row: typeof dealMessages.$inferInsert): Promise<MessageRow> {
  const [r] = await db.insert(dealMessages).values(row).returning();
  return r!;
}
export const messagesAfter = (db: Tx, dealId: string, afterSeq: number, limit: number) =>
  db.select().from(dealMessages).where(and(eq(dealMessages.dealId, dealId), gt(dealMessages.seq, afterSeq))).orderBy(asc(dealMessages.seq)).limit(limit);
export async function findMessageById(db: Tx, id: string): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(dealMessages).where(eq(dealMessages.id, id));
  return r;
}

export async function insertOffer(db: Tx, row: typeof dealOffers.$inferInsert): Promise<OfferRow> {
  const [r] = await db.insert(dealOffers).values(row).returning();
  return r!;
}
export async function findOffer(db: Tx, id: string): Promise<OfferRow | undefined> {
  const [r] = await db.select().from(dealOffers).where(eq(dealOffers.id, id));
  return r;
}
export async function liveOffer(db: Tx, dealId: string, purpose: string): Promise<OfferRow | undefined> {
  const [r] = await db.select().from(dealOffers).where(and(eq(dealOffers.dealId, dealId), eq(dealOffers.purpose, purpose as 'price'), eq(dealOffers.status, 'live')));
  return r;
}
export async function updateOffer(db: Tx, id: string, set: Partial<typeof dealOffers.$inferInsert>): Promise<OfferRow> {
  const [r] = await db.update(dealOffers).set(set).where(eq(dealOffers.id, id)).returning();
  return r!;
}
export const offersOf = (db: Tx, dealId: string) => db.select().from(dealOffers).where(eq(dealOffers.dealId, dealId)).orderBy(asc(dealOffers.seq));

/** Deals where the organization (or the broker user) is a participant, newest activity first. */
export async function listDeals(db: Tx, scope: { orgId: string | null; userId: string }, q: { stage?: string; role?: string; overdue?: Date; page: number; pageSize: number }) {
  const mine: SQL[] = [];
  const inOrg = (side: string) => (scope.orgId ? sql`exists (select 1 from deal_participants p where p.deal_id = ${deals.id} and p.side = ${side} and p.org_id = ${scope.orgId})` : sql`false`);
  const asBroker = sql`exists (select 1 from deal_participants p where p.deal_id = ${deals.id} and p.side = 'broker' and p.user_id = ${scope.userId})`;
  if (!q.role || q.role === 'supply') mine.push(inOrg('supply'));
  if (!q.role || q.role === 'demand') mine.push(inOrg('demand'));
  if (!q.role || q.role === 'broker') mine.push(asBroker);
  const conds: SQL[] = [or(...mine)!];
  if (q.stage) conds.push(eq(deals.stage, q.stage));
  if (q.overdue) conds.push(lt(deals.followUpAt, q.overdue), notInArray(deals.stage, CLOSED));
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db.select().from(deals).where(where).orderBy(desc(deals.updatedAt), desc(deals.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(deals).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Count and agreed amount per stage of a broker's deals (pipeline summary). */
export function pipelineOf(db: Tx, brokerId: string) {
  return db
    .select({ stage: deals.stage, count: count(), agreedAmount: sum(deals.agreedAmount) })
    .from(deals)
    .where(eq(deals.brokerId, brokerId))
    .groupBy(deals.stage);
}

/**
 * Whether the user may see the confidential parts of a listing: a member of a deal on it whose
 * organization accepted (room open, not lost) and who accepted the confidentiality undertaking.
 */
export async function hasConfidentialAccess(db: Tx, userId: string, orgId: string | null, listingId: string): Promise<boolean> {
  if (!orgId) return false;
  const rows = await db.execute<{ ok: number }>(sql`
    select 1 as ok from deals d
      join deal_members m on m.deal_id = d.id and m.user_id = ${userId} and m.undertaking_at is not null
      join deal_participants p on p.deal_id = d.id and p.side = m.side and p.status = 'accepted'
        and (p.org_id = ${orgId} or p.user_id = ${userId})
    where (d.achievement_id = ${listingId} or d.demand_id = ${listingId}) and d.stage not in ('lead', 'lost')
    limit 1`);
  return rows.rows.length > 0;
}

export async function userCards(db: Tx, ids: string[]): Promise<Map<string, { name: string; organizationId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, organizationId: users.organizationId }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, organizationId: r.organizationId as string | null }]));
}
export async function orgCards(db: Tx, ids: string[]): Promise<Map<string, { name: string; type: string; zoneId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name, type: organizations.type, zoneId: organizations.zoneId }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type, zoneId: r.zoneId }]));
}
/** Users of an organization holding one of the roles (who hears about an invitation when no listing author is known). */
export async function orgUsersWithRole(db: Tx, orgId: string, roles: string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.organizationId, orgId), inArray(userRoles.role, roles)))
    .limit(50);
  return rows.map((r) => r.id);
}

/** Users who already have an unread notification with this link (one nudge per deal until read). */
export async function usersWithUnreadDealNotice(db: Tx, userIds: string[], link: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), eq(notifications.link, link), eq(notifications.kind, 'deal_message'), isNull(notifications.readAt)));
  return new Set(rows.map((r) => r.userId));
}

// Commissions

export async function insertCommission(db: Tx, row: typeof commissions.$inferInsert): Promise<CommissionRow | undefined> {
  const [r] = await db.insert(commissions).values(row).onConflictDoNothing().returning();
  return r;
}
export async function findCommission(db: Tx, id: string, lock = false): Promise<CommissionRow | undefined> {
  const q = db.select().from(commissions).where(eq(commissions.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function commissionOf(db: Tx, dealId: string, contractId: string, lock = false): Promise<CommissionRow | undefined> {
  const q = db.select().from(commissions).where(and(eq(commissions.dealId, dealId), eq(commissions.contractId, contractId)));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updateCommission(db: Tx, id: string, set: Partial<typeof commissions.$inferInsert>): Promise<CommissionRow> {
  const [r] = await db.update(commissions).set(set).where(eq(commissions.id, id)).returning();
  return r!;
}
export async function listCommissions(db: Tx, scope: { all: boolean; brokerId?: string; payerOrgId?: string | null; userId: string; orgId: string | null }, q: { status?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [];
  if (scope.brokerId) conds.push(eq(commissions.brokerId, scope.brokerId));
  if (!scope.all) {
    const mine: SQL[] = [eq(commissions.brokerId, scope.userId)];
    if (scope.orgId) mine.push(eq(commissions.payerOrgId, scope.orgId));
    conds.push(or(...mine)!);
  }
  if (q.status) conds.push(eq(commissions.status, q.status as 'due'));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [total], totals] = await Promise.all([
    db.select().from(commissions).where(where).orderBy(desc(commissions.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(commissions).where(where),
    db.select({ status: commissions.status, amount: sum(commissions.amount) }).from(commissions).where(where).groupBy(commissions.status),
  ]);
  return { items, total: total?.n ?? 0, totals };
}

// Ratings

export async function insertRating(db: Tx, row: typeof dealRatings.$inferInsert): Promise<RatingRow | undefined> {
  const [r] = await db.insert(dealRatings).values(row).onConflictDoNothing().returning();
  return r;
}
export const ratingsOfDeal = (db: Tx, dealId: string) => db.select().from(dealRatings).where(eq(dealRatings.dealId, dealId));
export async function ratingSummary(db: Tx, by: { orgId?: string; brokerId?: string }) {
  const where = by.brokerId ? eq(dealRatings.ratedBrokerId, by.brokerId) : eq(dealRatings.ratedOrgId, by.orgId!);
  const [r] = await db.select({ average: avg(dealRatings.score), count: count() }).from(dealRatings).where(and(where, eq(dealRatings.hidden, false)));
  return { average: r?.average ? Math.round(Number(r.average) * 100) / 100 : null, count: r?.count ?? 0 };
}
/** Rating average (2 decimals) and count per rated organization, for many at once (one grouped, indexed query). */
export async function ratingSummaries(db: Tx, orgIds: string[]): Promise<Map<string, { average: number | null; count: number }>> {
  if (!orgIds.length) return new Map();
  const rows = await db
    .select({ orgId: dealRatings.ratedOrgId, average: avg(dealRatings.score), count: count() })
    .from(dealRatings)
    .where(and(inArray(dealRatings.ratedOrgId, orgIds), eq(dealRatings.hidden, false)))
    .groupBy(dealRatings.ratedOrgId);
  return new Map(rows.map((r) => [r.orgId, { average: r.average ? Math.round(Number(r.average) * 100) / 100 : null, count: r.count }]));
}

// Brokers

/** Users holding the broker role, with their service areas, qualifications and track record. */
export async function brokerDirectory(db: Tx, q: { id?: string; industry?: string; city?: string; text?: string; page: number; pageSize: number }) {
  const conds: SQL[] = [sql`exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'broker')`];
  if (q.id) conds.push(sql`u.id = ${q.id}`);
  if (q.industry) conds.push(sql`(bp.industries is null or cardinality(bp.industries) = 0 or ${q.industry} = any(bp.industries))`);
  if (q.city) conds.push(sql`(bp.city_codes is null or cardinality(bp.city_codes) = 0 or ${q.city} = any(bp.city_codes))`);
  if (q.text) conds.push(sql`(u.name ilike ${`%${q.text.replace(/[%_\\]/g, '\\$&')}%`} or o.name ilike ${`%${q.text.replace(/[%_\\]/g, '\\$&')}%`})`);
  const where = sql.join(conds, sql` and `);
  const rows = await db.execute<{
    id: string;
    name: string;
    organization_id: string;
    organization_name: string;
    zone_id: string | null;
    broker_level: string | null;
    broker_title: string | null;
    industries: string[] | null;
    city_codes: string[] | null;
    closed_deals: number;
    open_deals: number;
    contract_count: number;
    contract_amount: string | null;
    rating: string | null;
    rating_count: number;
  }>(sql`
    select u.id, u.name, u.organization_id, o.name as organization_name, o.zone_id, u.broker_level, u.broker_title, bp.industries, bp.city_codes,
      (select count(*)::int from deals d where d.broker_id = u.id and d.stage = 'closed') as closed_deals,
      (select count(*)::int from deals d where d.broker_id = u.id and d.stage not in ('closed', 'lost')) as open_deals,
      (select count(*)::int from contracts c where c.broker_id = u.id and c.status in ('registered', 'amended')) as contract_count,
      (select sum(c.amount) from contracts c where c.broker_id = u.id and c.status in ('registered', 'amended')) as contract_amount,
      (select avg(score) from deal_ratings r where r.rated_broker_id = u.id and not r.hidden) as rating,
      (select count(*)::int from deal_ratings r where r.rated_broker_id = u.id and not r.hidden) as rating_count
    from users u
      join organizations o on o.id = u.organization_id
      left join broker_profiles bp on bp.user_id = u.id
    where ${where}
    order by closed_deals desc, contract_count desc, u.name
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  const [total] = (
    await db.execute<{ n: number }>(sql`select count(*)::int as n from users u join organizations o on o.id = u.organization_id left join broker_profiles bp on bp.user_id = u.id where ${where}`)
  ).rows;
  return { items: rows.rows, total: total?.n ?? 0 };
}

export async function closedDealsOfOrg(db: Tx, orgId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(deals)
    .where(and(eq(deals.stage, 'closed'), or(eq(deals.supplyOrgId, orgId), eq(deals.demandOrgId, orgId))));
  return r?.n ?? 0;
}

/**
 * The zone funnel of a year (Beijing time): listings published in the zone, matches first found that
 * involve one of its listings, deals started in it and how far they got, and the registered contracts
 * that came out of those deals. Computed live from the rows (no derived table to drift).
 */
export async function funnelCounts(db: Tx, zoneId: string, year: number) {
  const inYear = (col: SQL) => sql`${col} >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai') and ${col} < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const { rows } = await db.execute<{
    achievements: number;
    demands: number;
    matches: number;
    started: number;
    negotiating: number;
    agreed: number;
    contracts: number;
    contract_amount: string | null;
  }>(sql`
    select
      (select count(*)::int from listings where zone_id = ${zoneId} and kind = 'achievement' and ${inYear(sql`published_at`)}) as achievements,
      (select count(*)::int from listings where zone_id = ${zoneId} and kind = 'demand' and ${inYear(sql`published_at`)}) as demands,
      (select count(*)::int from matches m join listings a on a.id = m.achievement_id join listings d on d.id = m.demand_id
         where (a.zone_id = ${zoneId} or d.zone_id = ${zoneId}) and ${inYear(sql`m.first_seen_at`)}) as matches,
      (select count(*)::int from deals where zone_id = ${zoneId} and ${inYear(sql`created_at`)}) as started,
      (select count(*)::int from deals where zone_id = ${zoneId} and ${inYear(sql`created_at`)} and negotiated_at is not null) as negotiating,
      (select count(*)::int from deals where zone_id = ${zoneId} and ${inYear(sql`created_at`)} and agreed_offer_id is not null) as agreed,
      (select count(*)::int from contracts c join deals d on d.id = c.deal_id
         where d.zone_id = ${zoneId} and ${inYear(sql`d.created_at`)} and c.status in ('registered', 'amended')) as contracts,
      (select sum(c.amount) from contracts c join deals d on d.id = c.deal_id
         where d.zone_id = ${zoneId} and ${inYear(sql`d.created_at`)} and c.status in ('registered', 'amended')) as contract_amount`);
  return rows[0]!;
}
