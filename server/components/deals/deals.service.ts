/**
 * Deals: start, accept/decline, stages, the 保密承诺, negotiation messages with structured offers,
 * the contract draft and the link to contract registration. Every change takes the deal row lock
 * first, so messages get a gap-free seq and concurrent offer decisions are serialised (one wins).
 */
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { unitOfWork } from '../../lib/unitOfWork.js';
import { audit, auditTrail } from '../audit/index.js';
import { loadActor, type Actor } from '../auth/index.js';
import { beijingDate, centsToString, toCents } from '../contracts/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { findListing } from '../listings/index.js';
import { deliver, notify } from '../notifications/index.js';
import { findOrganization } from '../organizations/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import { DEAL_STAGE_NAMES, LOST_REASON_NAMES, type CreateDealInput, type DealOriginKind, type DealSide, type DealStage, type SendMessageInput } from '../../../common/schemas/deals.js';
import { commissionAmount } from './commission.js';
import * as policy from './deals.policy.js';
import * as repo from './deals.repository.js';

export interface DealsDeps {
  db: Db;
}

type Notes = Awaited<ReturnType<typeof notify>>;
export type PresentedMessage = ReturnType<typeof presentMessage>;

/** What happened in a deal, for the `/negotiation` namespace (emitted after commit). */
export type DealEvent = { type: 'message'; dealId: string; message: PresentedMessage; senderId: string | null; memberIds: string[] } | { type: 'deal'; dealId: string; stage: string };
type Listener = (e: DealEvent) => void;
const listeners = new Set<Listener>();
/** The socket layer listens here; rows are the source of truth. Returns the unsubscribe. */
export function onDealEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const emit = (events: DealEvent[]) => {
  for (const e of events) for (const l of listeners) l(e);
};

interface After {
  notes: Notes;
  events: DealEvent[];
}
/** Runs a change in a transaction; after commit delivers notifications and deal events. */
async function change<T>(deps: DealsDeps, fn: (tx: Tx, after: After) => Promise<T>): Promise<T> {
  const after: After = { notes: [], events: [] };
  return unitOfWork(deps.db, (tx, uow) => {
    uow.afterCommit(() => {
      deliver(after.notes);
      emit(after.events);
    });
    return fn(tx, after);
  });
}

const notFound = () => AppError.notFound('洽谈');
const stageConflict = (deal: repo.DealRow, action: string) => AppError.conflict(`洽谈当前阶段为「${DEAL_STAGE_NAMES[deal.stage as DealStage]}」，不能${action}`, { stage: deal.stage });
const SIDE_NAMES: Record<DealSide, string> = { supply: '成果方', demand: '需求方', broker: '技术经纪人' };

async function lockDeal(tx: Tx, actor: Actor, id: string) {
  const deal = await repo.findDeal(tx, id, true);
  if (!deal) throw notFound();
  const parts = await repo.participantsOf(tx, id);
  const me = policy.participantOrNotFound(actor, parts);
  return { deal, parts, me };
}

/** Users to tell about a change: members of the deal except the actor; for sides without members yet, the listing's author or the organization's users. */
async function audience(tx: Tx, deal: repo.DealRow, parts: repo.ParticipantRow[], exceptUserId: string | null): Promise<string[]> {
  const members = await repo.membersOf(tx, deal.id);
  const ids = new Set(members.map((m) => m.userId));
  for (const p of parts) {
    if (p.status === 'declined' || members.some((m) => m.side === p.side)) continue;
    if (p.side === 'broker' && p.userId) ids.add(p.userId);
    else if (p.side === 'supply' && deal.achievementId) ids.add((await findListing(tx, 'achievement', deal.achievementId))?.createdBy ?? '');
    else if (p.side === 'demand' && deal.demandId) ids.add((await findListing(tx, 'demand', deal.demandId))?.createdBy ?? '');
    else for (const u of await repo.orgUsersWithRole(tx, p.orgId, p.side === 'supply' ? ['supplier'] : ['enterprise'])) ids.add(u);
  }
  ids.delete('');
  if (exceptUserId) ids.delete(exceptUserId);
  return [...ids];
}

async function tell(tx: Tx, after: After, deal: repo.DealRow, parts: repo.ParticipantRow[], actorId: string | null, kind: string, title: string) {
  const userIds = await audience(tx, deal, parts, actorId);
  after.notes.push(...(await notify(tx, userIds.map((userId) => ({ userId, kind, title, link: `/deals/${deal.id}` })))));
}

async function setStage(tx: Tx, after: After, deal: repo.DealRow, parts: repo.ParticipantRow[], actorId: string | null, to: DealStage, extra: Partial<repo.NewDeal> = {}, reason?: string | null, title?: string) {
  const now = new Date();
  const updated = await repo.updateDeal(tx, deal.id, { ...extra, stage: to, stageChangedAt: now, ...(to === 'negotiating' && !deal.negotiatedAt ? { negotiatedAt: now } : {}) });
  await audit(tx, { actorId, action: 'deal.stage', entityType: 'deal', entityId: deal.id, reason: reason ?? null, data: { from: deal.stage, to } });
  await tell(tx, after, updated, parts, actorId, 'deal_stage', title ?? `洽谈「${deal.title}」进入「${DEAL_STAGE_NAMES[to]}」阶段`);
  after.events.push({ type: 'deal', dealId: deal.id, stage: to });
  return updated;
}

// Starting a deal

export interface DealOrigin {
  kind: DealOriginKind;
  id?: string | null;
}

/**
 * Starts a deal on an achievement and/or a demand. The actor's side accepts at once; the other side
 * (and an invited broker) is invited. An open deal for the same pair is returned instead (`created: false`).
 */
export async function createDeal(deps: DealsDeps, actor: Actor, { lead: origin, ...input }: CreateDealInput & { lead?: DealOrigin }): Promise<{ deal: Awaited<ReturnType<typeof presentDeal>>; created: boolean }> {
  const orgId = policy.requireOrganization(actor);
  const { db } = deps;
  const ach = input.achievementId ? await findListing(db, 'achievement', input.achievementId) : undefined;
  if (input.achievementId && (!ach || ach.status !== 'published')) throw AppError.notFound('科技成果');
  const dem = input.demandId ? await findListing(db, 'demand', input.demandId) : undefined;
  if (input.demandId && (!dem || dem.status !== 'published')) throw AppError.notFound('技术需求');

  const isBroker = policy.isBroker(actor);
  let supplyOrgId: string;
  let demandOrgId: string;
  if (ach && dem) {
    supplyOrgId = ach.ownerOrgId;
    demandOrgId = dem.ownerOrgId;
  } else if (ach) {
    supplyOrgId = ach.ownerOrgId;
    demandOrgId = orgId;
  } else {
    supplyOrgId = orgId;
    demandOrgId = dem!.ownerOrgId;
  }
  const actorSide: DealSide | null = orgId === supplyOrgId ? 'supply' : orgId === demandOrgId ? 'demand' : null;
  const brokered = !actorSide || (!!(ach && dem) && isBroker && input.brokerId === actor.id);
  if (supplyOrgId === demandOrgId) throw AppError.validation([{ path: ach && !dem ? 'achievementId' : 'demandId', message: '不能与本单位发起洽谈' }]);
  if (brokered && !isBroker) throw AppError.forbidden('只有成果方、需求方或技术经纪人可以发起洽谈');
  if (brokered && !(ach && dem)) throw AppError.validation([{ path: 'demandId', message: '技术经纪人发起撮合须同时指定科技成果和技术需求' }]);
  if (!brokered && actorSide === 'demand' && !ach) throw AppError.validation([{ path: 'achievementId', message: '请指明感兴趣的科技成果' }]);
  if (!brokered && actorSide === 'supply' && !dem) throw AppError.validation([{ path: 'demandId', message: '请指明要对接的技术需求' }]);
  if (brokered && input.brokerId && input.brokerId !== actor.id) throw AppError.validation([{ path: 'brokerId', message: '技术经纪人发起撮合时，经纪人须为本人' }]);
  if (!actorSide && policy.isOutsideSupplier(actor)) throw AppError.forbidden();

  let broker: Actor | null = null;
  const brokerId = brokered ? actor.id : input.brokerId;
  if (brokerId) {
    broker = brokerId === actor.id ? actor : await loadActor(db, brokerId);
    if (!policy.canBeBroker(broker)) throw AppError.validation([{ path: 'brokerId', message: '所选技术经纪人不存在' }]);
  }
  const pair = { achievementId: ach?.id ?? null, demandId: ach ? (dem?.id ?? null) : dem!.id, supplyOrgId, demandOrgId };
  const existing = await repo.findOpenDeal(db, pair);
  if (existing) return { deal: await presentDeal(db, actor, existing), created: false };

  const kind: DealOriginKind = origin?.kind ?? (brokered ? 'broker' : (input.origin ?? (ach && dem ? 'match' : 'catalogue')));
  try {
    const deal = await change(deps, async (tx, after) => {
      const supplyOrg = await findOrganization(tx, supplyOrgId);
      const deal = await repo.insertDeal(tx, {
        ...pair,
        stage: 'lead',
        brokerId: broker?.id ?? null,
        brokerOrgId: (broker?.organizationId as string | null) ?? null,
        originKind: kind,
        originId: origin?.id ?? (kind === 'match' ? `${pair.demandId}:${pair.achievementId}` : null),
        title: ach?.title ?? dem!.title,
        startedBy: actor.id,
        startedByOrgId: orgId,
        zoneId: ach?.zoneId ?? dem?.zoneId ?? supplyOrg?.zoneId ?? null,
      });
      const status = (side: DealSide): 'accepted' | 'invited' => (side === actorSide || (side === 'broker' && brokered) ? 'accepted' : 'invited');
      const responded = (side: DealSide) => (status(side) === 'accepted' ? { respondedBy: actor.id, respondedAt: new Date() } : {});
      await repo.insertParticipants(tx, [
        { dealId: deal.id, side: 'supply', orgId: supplyOrgId, status: status('supply'), invitedBy: actor.id, ...responded('supply') },
        { dealId: deal.id, side: 'demand', orgId: demandOrgId, status: status('demand'), invitedBy: actor.id, ...responded('demand') },
        ...(broker ? [{ dealId: deal.id, side: 'broker' as const, orgId: broker.organizationId as string, userId: broker.id, status: status('broker'), invitedBy: actor.id, ...responded('broker') }] : []),
      ]);
      const mySide: DealSide = brokered ? 'broker' : actorSide!;
      await repo.addMember(tx, deal.id, actor.id, mySide);
      let row = deal;
      if (input.message) {
        const seq = await repo.nextSeq(tx, deal.id);
        await repo.insertMessage(tx, { dealId: deal.id, seq, senderId: actor.id, senderSide: mySide, kind: 'text', body: input.message, clientMsgId: `open:${deal.id}` });
        await repo.markRead(tx, deal.id, actor.id, seq);
        row = (await repo.findDeal(tx, deal.id))!;
      }
      await audit(tx, { actorId: actor.id, action: 'deal.create', entityType: 'deal', entityId: deal.id, data: { origin: kind, originId: row.originId, achievementId: pair.achievementId, demandId: pair.demandId, brokerId: broker?.id ?? null } });
      const parts = await repo.participantsOf(tx, deal.id);
      const who = brokered ? `技术经纪人${actor.name}` : (actor.organization?.name ?? actor.name);
      await tell(tx, after, row, parts, actor.id, 'deal_invite', `${who}邀请您洽谈「${row.title}」`);
      return row;
    });
    return { deal: await presentDeal(db, actor, deal), created: true };
  } catch (err) {
    // Two requests for the same pair at once: the partial unique index lets one in; the other answers the winner.
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      const winner = await repo.findOpenDeal(db, pair);
      if (winner) return { deal: await presentDeal(db, actor, winner), created: false };
    }
    throw err;
  }
}

/**
 * A deal lead from elsewhere (e.g. a roadshow viewer's intent): the actor's organization shows
 * interest in an achievement. Same rules as `POST /api/deals`; the origin is recorded on the deal.
 */
export function createDealLead(deps: DealsDeps, actor: Actor, input: { achievementId: string; origin: { kind: 'roadshow' | 'catalogue' | 'match'; id?: string | null }; message?: string }) {
  return createDeal(deps, actor, { achievementId: input.achievementId, message: input.message, lead: input.origin });
}

// Reading

export async function getDeal(deps: DealsDeps, actor: Actor, { id }: { id: string }) {
  const deal = await repo.findDeal(deps.db, id);
  if (!deal) throw notFound();
  const parts = await repo.participantsOf(deps.db, id);
  if (!policy.canSee(actor, parts)) throw notFound();
  const [base, offers, trail, ratings] = await Promise.all([presentDeal(deps.db, actor, deal, parts), repo.offersOf(deps.db, id), auditTrail(deps.db, 'deal', id), repo.ratingsOfDeal(deps.db, id)]);
  const names = await repo.userCards(deps.db, trail.map((t) => t.actorId).filter((a): a is string => !!a));
  return {
    ...base,
    offers: offers.map(presentOffer),
    timeline: trail.map((t) => ({ action: t.action, actorId: t.actorId, actorName: t.actorId ? (names.get(t.actorId)?.name ?? null) : '系统', reason: t.reason, data: t.data, at: t.createdAt.toISOString() })),
    ratings: ratings.map((r) => ({ raterOrgId: r.raterOrgId, ratedOrgId: r.ratedOrgId, score: r.score, tags: r.tags, comment: r.comment, createdAt: r.createdAt.toISOString() })),
  };
}

export async function listDeals(deps: DealsDeps, actor: Actor, q: { stage?: string; role?: string; overdue?: string; page: number; pageSize: number }) {
  const { items, total } = await repo.listDeals(deps.db, { orgId: actor.organizationId as string | null, userId: actor.id }, { ...q, overdue: q.overdue === 'true' ? new Date() : undefined });
  const parts = await repo.participantsOfMany(deps.db, items.map((d) => d.id));
  const reads = await repo.readMarkers(deps.db, actor.id, items.map((d) => d.id));
  return {
    items: await Promise.all(items.map((d) => presentDeal(deps.db, actor, d, parts.filter((p) => p.dealId === d.id), reads.get(d.id) ?? 0))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Negotiation history after `afterSeq`, ascending (the recovery path after any reconnect). */
export async function listMessages(deps: DealsDeps, actor: Actor, { id, afterSeq, limit }: { id: string; afterSeq: number; limit: number }) {
  const deal = await repo.findDeal(deps.db, id);
  if (!deal) throw notFound();
  policy.participantOrNotFound(actor, await repo.participantsOf(deps.db, id));
  const rows = await repo.messagesAfter(deps.db, id, afterSeq, limit);
  return { items: await presentMessages(deps.db, rows), lastSeq: deal.lastSeq };
}

/** The join check of the socket room: participants only; answers the last seq. */
export async function joinDeal(deps: DealsDeps, actor: Actor, { id }: { id: string }) {
  const deal = await repo.findDeal(deps.db, id);
  if (!deal) throw notFound();
  policy.participantOrNotFound(actor, await repo.participantsOf(deps.db, id));
  return { lastSeq: deal.lastSeq };
}

// Invitations and stages

export async function acceptDeal(deps: DealsDeps, actor: Actor, { id }: { id: string }) {
  policy.requireOrganization(actor);
  const deal = await change(deps, async (tx, after) => {
    const { deal, me } = await lockDeal(tx, actor, id);
    if (policy.isClosed(deal)) throw stageConflict(deal, '接受邀请');
    if (me.status !== 'invited') throw AppError.conflict(me.status === 'accepted' ? '已接受该洽谈' : '已谢绝该洽谈', { status: me.status });
    await repo.updateParticipant(tx, id, me.side, { status: 'accepted', respondedBy: actor.id, respondedAt: new Date() });
    await repo.addMember(tx, id, actor.id, me.side);
    await audit(tx, { actorId: actor.id, action: 'deal.accept', entityType: 'deal', entityId: id, data: { side: me.side } });
    const now = await repo.participantsOf(tx, id);
    const open = now.filter((p) => p.side !== 'broker').every((p) => p.status === 'accepted');
    if (deal.stage === 'lead' && open) return setStage(tx, after, deal, now, actor.id, 'contacted');
    await tell(tx, after, deal, now, actor.id, 'deal_accept', `${SIDE_NAMES[me.side]}已接受洽谈「${deal.title}」`);
    after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
    return deal;
  });
  return presentDeal(deps.db, actor, deal);
}

export async function declineDeal(deps: DealsDeps, actor: Actor, { id, reason }: { id: string; reason?: string }) {
  const deal = await change(deps, async (tx, after) => {
    const { deal, parts, me } = await lockDeal(tx, actor, id);
    if (policy.isClosed(deal)) throw stageConflict(deal, '谢绝');
    if (me.status !== 'invited') throw AppError.conflict(me.status === 'accepted' ? '已接受该洽谈，如需终止请将洽谈标记为终止' : '已谢绝该洽谈', { status: me.status });
    await repo.updateParticipant(tx, id, me.side, { status: 'declined', respondedBy: actor.id, respondedAt: new Date() });
    await audit(tx, { actorId: actor.id, action: 'deal.decline', entityType: 'deal', entityId: id, reason: reason ?? null, data: { side: me.side } });
    if (me.side === 'broker') {
      const updated = await repo.updateDeal(tx, id, { brokerId: null, brokerOrgId: null });
      await tell(tx, after, deal, parts, actor.id, 'deal_decline', `技术经纪人谢绝参与洽谈「${deal.title}」`);
      after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
      return updated;
    }
    return setStage(tx, after, deal, parts, actor.id, 'lost', { lostReason: 'declined', lostNote: reason ?? null }, reason);
  });
  return presentDeal(deps.db, actor, deal);
}

/** The moves a person makes: contacted → negotiating; open → lost (with a reason); contracted → closed once both sides confirm. */
export async function patchDeal(deps: DealsDeps, actor: Actor, { id, ...input }: { id: string; stage: 'negotiating' | 'lost' | 'closed'; lostReason?: string; lostNote?: string }) {
  const deal = await change(deps, async (tx, after) => {
    const { deal, parts, me } = await lockDeal(tx, actor, id);
    policy.requireAccepted(me);
    await repo.addMember(tx, id, actor.id, me.side);
    if (input.stage === 'negotiating') {
      if (deal.stage !== 'contacted') throw stageConflict(deal, '进入洽谈');
      return setStage(tx, after, deal, parts, actor.id, 'negotiating');
    }
    if (input.stage === 'lost') {
      if (!['lead', 'contacted', 'negotiating', 'agreed'].includes(deal.stage)) throw stageConflict(deal, '终止');
      const note = [LOST_REASON_NAMES[input.lostReason as keyof typeof LOST_REASON_NAMES], input.lostNote].filter(Boolean).join('：');
      const updated = await setStage(tx, after, deal, parts, actor.id, 'lost', { lostReason: input.lostReason, lostNote: input.lostNote ?? null }, note);
      await expireLiveOffers(tx, id);
      return updated;
    }
    if (deal.stage !== 'contracted') throw stageConflict(deal, '确认完成');
    if (me.side === 'broker') throw AppError.forbidden('由成果方和需求方确认交易完成');
    const field = me.side === 'supply' ? 'supplyConfirmedAt' : 'demandConfirmedAt';
    if (deal[field]) throw AppError.conflict('本方已确认完成，等待对方确认');
    const confirmed = await repo.updateDeal(tx, id, { [field]: new Date() });
    await audit(tx, { actorId: actor.id, action: 'deal.confirm_completion', entityType: 'deal', entityId: id, data: { side: me.side } });
    if (confirmed.supplyConfirmedAt && confirmed.demandConfirmedAt) return setStage(tx, after, confirmed, parts, actor.id, 'closed');
    await tell(tx, after, deal, parts, actor.id, 'deal_confirm', `${SIDE_NAMES[me.side]}已确认「${deal.title}」交易完成，请您确认`);
    after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
    return confirmed;
  });
  return presentDeal(deps.db, actor, deal);
}

async function expireLiveOffers(tx: Tx, dealId: string) {
  for (const purpose of ['price', 'commission']) {
    const live = await repo.liveOffer(tx, dealId, purpose);
    if (live) await repo.updateOffer(tx, live.id, { status: 'expired', decidedAt: new Date() });
  }
}

/** Either side invites a broker (when none has accepted); the broker accepts or declines. */
export async function inviteBroker(deps: DealsDeps, actor: Actor, { id, brokerId }: { id: string; brokerId: string }) {
  const deal = await change(deps, async (tx, after) => {
    const { deal, parts, me } = await lockDeal(tx, actor, id);
    policy.requireAccepted(me);
    if (me.side === 'broker') throw AppError.forbidden('由成果方或需求方邀请技术经纪人');
    if (policy.isClosed(deal) || deal.stage === 'contracted') throw stageConflict(deal, '邀请技术经纪人');
    const current = parts.find((p) => p.side === 'broker');
    if (current && current.status !== 'declined') throw AppError.conflict('该洽谈已有技术经纪人');
    const broker = await loadActor(tx, brokerId);
    if (!policy.canBeBroker(broker)) throw AppError.validation([{ path: 'brokerId', message: '所选技术经纪人不存在' }]);
    if (broker.organizationId === deal.supplyOrgId || broker.organizationId === deal.demandOrgId) throw AppError.validation([{ path: 'brokerId', message: '不能邀请本交易双方单位的人员担任经纪人' }]);
    await repo.upsertParticipant(tx, { dealId: id, side: 'broker', orgId: broker.organizationId as string, userId: broker.id, status: 'invited', invitedBy: actor.id });
    const updated = await repo.updateDeal(tx, id, { brokerId: broker.id, brokerOrgId: broker.organizationId as string });
    await audit(tx, { actorId: actor.id, action: 'deal.invite_broker', entityType: 'deal', entityId: id, data: { brokerId } });
    after.notes.push(...(await notify(tx, [{ userId: broker.id, kind: 'deal_invite', title: `${actor.organization?.name ?? actor.name}邀请您担任「${deal.title}」的技术经纪人`, link: `/deals/${id}` }])));
    after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
    return updated;
  });
  return presentDeal(deps.db, actor, deal);
}

/** 保密承诺: the user undertakes to keep the counterpart's confidential information; recorded with its time. */
export async function acceptUndertaking(deps: DealsDeps, actor: Actor, { id }: { id: string }) {
  const deal = await change(deps, async (tx) => {
    const { deal, me } = await lockDeal(tx, actor, id);
    policy.requireAccepted(me);
    await repo.addMember(tx, id, actor.id, me.side);
    const member = await repo.findMember(tx, id, actor.id);
    if (!member?.undertakingAt) {
      await repo.setUndertaking(tx, id, actor.id, new Date());
      await audit(tx, { actorId: actor.id, action: 'deal.undertaking', entityType: 'deal', entityId: id, data: { side: me.side } });
    }
    return deal;
  });
  return presentDeal(deps.db, actor, deal);
}

/** Follow-up date on the deal board (brokers and parties). */
export async function setFollowUp(deps: DealsDeps, actor: Actor, { id, followUpAt: at }: { id: string; followUpAt: string | null }) {
  const deal = await change(deps, async (tx) => {
    const { me } = await lockDeal(tx, actor, id);
    policy.requireAccepted(me);
    const updated = await repo.updateDeal(tx, id, { followUpAt: at ? new Date(at) : null });
    await audit(tx, { actorId: actor.id, action: 'deal.follow_up', entityType: 'deal', entityId: id, data: { at } });
    return updated;
  });
  return presentDeal(deps.db, actor, deal);
}

export async function markRead(deps: DealsDeps, actor: Actor, { id, seq }: { id: string; seq: number }) {
  const deal = await repo.findDeal(deps.db, id);
  if (!deal) throw notFound();
  const me = policy.participantOrNotFound(actor, await repo.participantsOf(deps.db, id));
  await repo.addMember(deps.db, id, actor.id, me.side);
  const lastReadSeq = await repo.markRead(deps.db, id, actor.id, seq);
  return { lastReadSeq, unread: Math.max(0, deal.lastSeq - lastReadSeq) };
}

// Messages and offers

/**
 * Stores one negotiation message (text or an offer action) and returns it with its seq. The same
 * `clientMsgId` from the same sender returns the stored message (`duplicate: true`), nothing new.
 */
export async function sendMessage(deps: DealsDeps, actor: Actor, { id, ...input }: { id: string } & SendMessageInput): Promise<{ message: PresentedMessage; duplicate: boolean }> {
  const now = new Date();
  const modes = input.offer ? new Set((await getTaxonomy(deps.db)).transferModes.map((m) => m.code)) : new Set<string>();
  const result = await change(deps, async (tx, after) => {
    // One round trip: lock, participants, an earlier message with this clientMsgId.
    const locked = await repo.lockForMessage(tx, id, actor.id, input.clientMsgId);
    if (!locked) throw notFound();
    const me = policy.participantOrNotFound(actor, locked.parts);
    if (locked.existing) return { row: locked.existing, duplicate: true, memberIds: [] as string[] };
    policy.requireAccepted(me);
    if (locked.stage === 'lead') throw AppError.conflict('对方接受洽谈邀请后才能发送消息', { stage: locked.stage });
    if (locked.stage === 'closed' || locked.stage === 'lost') throw AppError.conflict(`洽谈当前阶段为「${DEAL_STAGE_NAMES[locked.stage as DealStage]}」，不能发送消息`, { stage: locked.stage });
    if (input.kind === 'text') {
      // The hot path: one more statement (seq, row, membership, members), then commit.
      const { row, memberIds } = await repo.appendText(tx, { dealId: id, senderId: actor.id, side: me.side, body: input.body ?? null, attachments: input.attachments, clientMsgId: input.clientMsgId });
      if (input.attachments.length) await linkFiles(tx, actor, 'deal_message', row.id, input.attachments);
      return { row, duplicate: false, memberIds };
    }
    const deal = (await repo.findDeal(tx, id))!;
    const parts = locked.parts;

    let offerId: string;
    let offerSnapshot: Record<string, unknown>;
    let agreed = false;
    const seq = await repo.nextSeq(tx, id);
    if (input.kind === 'offer' || input.kind === 'counter') {
      const terms = input.offer!;
      if (terms.purpose === 'price' && me.side === 'broker') throw AppError.forbidden('价格报价由成果方或需求方提出，经纪人可提出佣金条款');
      if (terms.purpose === 'price' && !['contacted', 'negotiating'].includes(deal.stage)) throw stageConflict(deal, '报价');
      if (terms.purpose === 'commission' && (!deal.brokerId || !parts.some((p) => p.side === 'broker' && p.status === 'accepted'))) throw AppError.conflict('该洽谈没有已接受邀请的技术经纪人，无需佣金条款');
      if (terms.purpose === 'commission' && deal.commissionOfferId) throw AppError.conflict('佣金条款已经达成');
      if (new Date(terms.validUntil).getTime() <= now.getTime()) throw AppError.validation([{ path: 'offer.validUntil', message: '报价有效期须晚于当前时间' }]);
      terms.modes.forEach((m, i) => {
        if (!modes.has(m)) throw AppError.validation([{ path: `offer.modes.${i}`, message: '转化方式无效' }]);
      });
      const live = await repo.liveOffer(tx, id, terms.purpose);
      const liveExpired = live && live.validUntil.getTime() <= now.getTime();
      if (live && liveExpired) await repo.updateOffer(tx, live.id, { status: 'expired', decidedAt: now });
      const current = liveExpired ? undefined : live;
      if (input.kind === 'offer' && current) throw AppError.conflict(current.fromSide === me.side ? '您已有一个有效报价，请先撤回再重新报价' : '对方的报价仍然有效，请接受、拒绝或还价', { offerId: current.id });
      if (input.kind === 'counter') {
        if (!current) throw AppError.conflict('没有可还价的有效报价');
        if (current.fromSide === me.side) throw AppError.conflict('不能对本方的报价还价');
        await repo.updateOffer(tx, current.id, { status: 'superseded', decidedBy: actor.id, decidedAt: now });
      }
      const offer = await repo.insertOffer(tx, {
        dealId: id,
        purpose: terms.purpose,
        seq,
        fromSide: me.side,
        fromUserId: actor.id,
        amount: terms.amount !== undefined ? terms.amount.toFixed(2) : null,
        commissionRate: terms.commissionRate ?? null,
        payerSide: terms.payerSide ?? null,
        terms,
        validUntil: new Date(terms.validUntil),
      });
      offerId = offer.id;
      offerSnapshot = presentOffer(offer);
    } else {
      const offer = await repo.findOffer(tx, input.offerId!);
      if (!offer || offer.dealId !== id) throw AppError.validation([{ path: 'offerId', message: '报价不存在' }]);
      if (offer.status !== 'live') throw AppError.conflict(`该报价已${OFFER_STATUS_NAMES[offer.status]}，不能${ACTION_NAMES[input.kind]}`, { offerStatus: offer.status });
      if (input.kind !== 'withdraw' && offer.validUntil.getTime() <= now.getTime()) throw AppError.conflict('该报价已过有效期，不能接受或拒绝', { offerStatus: 'expired' });
      if (input.kind === 'withdraw') {
        if (offer.fromSide !== me.side) throw AppError.forbidden('只能撤回本方的报价');
      } else if (!mayAnswer(offer, me.side)) {
        throw AppError.forbidden(offer.fromSide === me.side ? '不能接受或拒绝本方的报价' : '该报价应由另一方回应');
      }
      const status = ({ accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn' } as const)[input.kind];
      const decided = await repo.updateOffer(tx, offer.id, { status, decidedBy: actor.id, decidedAt: now });
      offerId = offer.id;
      offerSnapshot = presentOffer(decided);
      agreed = input.kind === 'accept';
    }
    const row = await repo.insertMessage(tx, {
      dealId: id,
      seq,
      senderId: actor.id,
      senderSide: me.side,
      kind: input.kind,
      body: input.body ?? null,
      offerId,
      offer: offerSnapshot,
      attachments: input.attachments,
      clientMsgId: input.clientMsgId,
      createdAt: now,
    });
    if (input.attachments.length) await linkFiles(tx, actor, 'deal_message', row.id, input.attachments);
    await repo.touchMember(tx, id, actor.id, me.side, seq);
    const memberIds = (await repo.membersOf(tx, id)).map((m) => m.userId);
    await audit(tx, { actorId: actor.id, action: `deal.offer.${input.kind}`, entityType: 'deal', entityId: id, data: { offerId, seq, side: me.side } });
    // Stage effects after the message row, so the message keeps the seq it was given.
    if ((input.kind === 'offer' || input.kind === 'counter') && deal.stage === 'contacted' && input.offer!.purpose === 'price') await setStage(tx, after, deal, parts, actor.id, 'negotiating');
    if (agreed) {
      const offer = (await repo.findOffer(tx, offerId!))!;
      if (offer.purpose === 'price') await setStage(tx, after, (await repo.findDeal(tx, id))!, parts, actor.id, 'agreed', { agreedOfferId: offer.id, agreedAmount: offer.amount });
      else {
        await repo.updateDeal(tx, id, { commissionOfferId: offer.id });
        await audit(tx, { actorId: actor.id, action: 'deal.commission_agreed', entityType: 'deal', entityId: id, data: { offerId: offer.id, rate: offer.commissionRate, amount: offer.amount, payerSide: offer.payerSide } });
        after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
      }
    } else {
      after.events.push({ type: 'deal', dealId: id, stage: deal.stage });
    }
    return { row, duplicate: false, memberIds };
  });
  const [message] = await presentMessages(deps.db, [result.row], { id: actor.id, name: actor.name });
  if (!result.duplicate) emit([{ type: 'message', dealId: id, message: message!, senderId: actor.id, memberIds: result.memberIds ?? [] }]);
  return { message: message!, duplicate: result.duplicate };
}

/** Who answers an offer: for a price, the other side; for a commission, the payer if the broker proposed, else the broker. */
function mayAnswer(offer: repo.OfferRow, side: DealSide): boolean {
  if (offer.fromSide === side) return false;
  if (offer.purpose === 'price') return side !== 'broker';
  return offer.fromSide === 'broker' ? side === offer.payerSide : side === 'broker';
}

const OFFER_STATUS_NAMES = { live: '生效', accepted: '被接受', rejected: '被拒绝', withdrawn: '撤回', superseded: '被还价取代', expired: '过期' } as const;
const ACTION_NAMES = { accept: '接受', reject: '拒绝', withdraw: '撤回', text: '', offer: '', counter: '' } as const;

/**
 * People of the deal who were not in the room when a message arrived get one notification per deal
 * until they read it (no flood of one notification per message).
 */
export async function notifyAbsent(deps: DealsDeps, dealId: string, seq: number, senderId: string | null, presentUserIds: Set<string>) {
  const notes = await deps.db.transaction(async (tx) => {
    const deal = await repo.findDeal(tx, dealId);
    if (!deal) return [];
    const members = await repo.membersOf(tx, dealId);
    const absent = members.filter((m) => m.userId !== senderId && !presentUserIds.has(m.userId) && m.lastReadSeq < seq).map((m) => m.userId);
    const quiet = await repo.usersWithUnreadDealNotice(tx, absent, `/deals/${dealId}`);
    const targets = absent.filter((u) => !quiet.has(u));
    return notify(tx, targets.map((userId) => ({ userId, kind: 'deal_message', title: `洽谈「${deal.title}」有新消息`, link: `/deals/${dealId}` })));
  });
  deliver(notes);
}

// Contract draft and the link to registration

const MODE_CONTRACT: Record<string, { type: string; subtype: string }> = {
  transfer: { type: 'transfer', subtype: 'transfer_patent' },
  equity: { type: 'transfer', subtype: 'transfer_patent' },
  license: { type: 'license', subtype: 'license_patent' },
  joint_dev: { type: 'development', subtype: 'dev_joint' },
  commissioned_dev: { type: 'development', subtype: 'dev_commissioned' },
  service: { type: 'service', subtype: 'service_technical' },
};

/** The contract body prefilled from the accepted offer, ready for `POST /api/contracts` once completed. */
export async function contractDraft(deps: DealsDeps, actor: Actor, { id }: { id: string }) {
  const { db } = deps;
  const deal = await repo.findDeal(db, id);
  if (!deal) throw notFound();
  const parts = await repo.participantsOf(db, id);
  policy.participantOrNotFound(actor, parts);
  if (!deal.agreedOfferId || !['agreed', 'contracted', 'closed'].includes(deal.stage)) throw stageConflict(deal, '生成合同草稿（须先接受报价）');
  const offer = (await repo.findOffer(db, deal.agreedOfferId))!;
  const ach = deal.achievementId ? await findListing(db, 'achievement', deal.achievementId) : undefined;
  const mode = offer.terms.modes[0] ?? 'transfer';
  const mapped = MODE_CONTRACT[mode] ?? MODE_CONTRACT.transfer!;
  const hasPatent = (ach?.ipItems ?? []).some((ip) => ip.type === 'invention' || ip.type === 'utility_model' || ip.type === 'design');
  const subtype = mapped.type === 'transfer' && !hasPatent ? 'transfer_trade_secret' : mapped.type === 'license' && !hasPatent ? 'license_trade_secret' : mapped.subtype;
  const tax = await getTaxonomy(db);
  const typeName = tax.contractTypes.find((t) => t.code === mapped.type)?.name ?? '技术';
  const today = beijingDate(new Date());
  const lastDue = offer.terms.terms.map((t) => t.dueDate).sort().at(-1);
  const validTo = lastDue && lastDue > today ? lastDue : `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const paymentTerms = offer.terms.terms.length
    ? offer.terms.terms.map((t, i) => `第${i + 1}期 ${t.dueDate} 支付 ${centsToString(toCents(String(t.amount)))} 元${t.note ? `（${t.note}）` : ''}`).join('；')
    : `一次性支付 ${offer.amount} 元`;
  const brokerAccepted = parts.some((p) => p.side === 'broker' && p.status === 'accepted');
  return {
    name: `${deal.title}${typeName}合同`.slice(0, 200),
    type: mapped.type,
    subtype,
    seller: { organizationId: deal.supplyOrgId },
    buyer: { organizationId: deal.demandOrgId },
    amount: Number(offer.amount),
    techAmount: Number(offer.amount),
    signedAt: today,
    validFrom: today,
    validTo,
    zoneId: deal.zoneId,
    technicalField: ach?.technicalField ?? null,
    paymentTerms,
    dealId: deal.id,
    achievementId: deal.achievementId,
    demandId: deal.demandId,
    brokerId: brokerAccepted ? deal.brokerId : null,
    attachments: [] as string[],
    transferModes: offer.terms.modes,
    contractId: deal.contractId,
  };
}

/**
 * Run by contracts inside their transactions: a contract naming a deal must come from one of its
 * participants once agreed; registration moves the deal to `contracted` and books the commission.
 * A contract withdrawn or refused before registration is unlinked (the deal stays `agreed`, a new
 * contract can be submitted from the draft); a registered contract cancelled (撤销) moves a
 * `contracted` deal back to `agreed` (confirmations reset) and voids a commission still `due`.
 */
export async function onContract(tx: Tx, event: { type: string; contract: { id: string; dealId: string | null; techAmount: string; name: string; status: string; decisionNote?: string | null }; actor: Actor }): Promise<Notes> {
  const { contract, actor } = event;
  if (!contract.dealId) return [];
  const deal = await repo.findDeal(tx, contract.dealId, true);
  const parts = deal ? await repo.participantsOf(tx, deal.id) : [];
  const after: After = { notes: [], events: [] };
  if (event.type === 'submitted' || event.type === 'corrected') {
    const me = policy.sideOf(actor, parts);
    if (!deal || !me || me.status !== 'accepted') throw AppError.validation([{ path: 'dealId', message: '关联洽谈不存在或您不是其参与方' }]);
    if (deal.stage !== 'agreed') throw AppError.validation([{ path: 'dealId', message: `关联洽谈当前阶段为「${DEAL_STAGE_NAMES[deal.stage as DealStage]}」，须在双方接受报价（已达成一致）后提交合同` }]);
    await repo.updateDeal(tx, deal.id, { contractId: contract.id });
    await audit(tx, { actorId: actor.id, action: 'deal.contract_submitted', entityType: 'deal', entityId: deal.id, data: { contractId: contract.id } });
    await tell(tx, after, deal, parts, actor.id, 'deal_contract', `洽谈「${deal.title}」的合同已提交登记`);
  } else if (event.type === 'registered' && deal && deal.stage === 'agreed') {
    const updated = await setStage(tx, after, deal, parts, actor.id, 'contracted', { contractId: contract.id });
    await bookCommission(tx, after, updated, parts, contract);
  } else if (deal && (event.type === 'refused' || event.type === 'withdrawn')) {
    const linked = deal.contractId === contract.id;
    if (linked) await repo.updateDeal(tx, deal.id, { contractId: null });
    await audit(tx, { actorId: actor.id, action: `deal.contract_${event.type}`, entityType: 'deal', entityId: deal.id, data: { contractId: contract.id, unlinked: linked } });
    const what = event.type === 'refused' ? '不予登记' : '已撤回';
    await tell(tx, after, deal, parts, actor.id, 'deal_contract', `洽谈「${deal.title}」的合同${what}${linked && deal.stage === 'agreed' ? '，可重新提交合同' : ''}`);
  } else if (deal && event.type === 'cancelled') {
    await audit(tx, { actorId: actor.id, action: 'deal.contract_cancelled', entityType: 'deal', entityId: deal.id, reason: contract.decisionNote ?? null, data: { contractId: contract.id } });
    if (deal.stage === 'contracted' && deal.contractId === contract.id) {
      await setStage(tx, after, deal, parts, actor.id, 'agreed', { contractId: null, supplyConfirmedAt: null, demandConfirmedAt: null }, '合同登记已撤销', `洽谈「${deal.title}」的合同登记已撤销，洽谈退回「${DEAL_STAGE_NAMES.agreed}」阶段，可重新提交合同`);
    } else {
      // A closed deal stays closed (it was performed and may carry ratings); staff decide what follows.
      await tell(tx, after, deal, parts, actor.id, 'deal_contract', `洽谈「${deal.title}」的合同登记已撤销`);
    }
    await voidCommission(tx, after, deal, contract.id, actor.id);
  }
  // Open deal pages refresh on the notification (delivered by contracts after their commit).
  return after.notes;
}

/** The contract a commission was booked on is cancelled: a `due` row is voided; an invoiced or paid one stays for staff to settle (audited). */
async function voidCommission(tx: Tx, after: After, deal: repo.DealRow, contractId: string, actorId: string) {
  const c = await repo.commissionOf(tx, deal.id, contractId, true);
  if (!c) return;
  if (c.status === 'due') {
    await repo.updateCommission(tx, c.id, { status: 'cancelled' });
    await audit(tx, { actorId, action: 'commission.cancelled', entityType: 'commission', entityId: c.id, reason: '合同登记已撤销', data: { from: 'due', to: 'cancelled', dealId: deal.id, contractId } });
    after.notes.push(...(await notify(tx, [{ userId: c.brokerId, kind: 'commission', title: `「${deal.title}」合同登记已撤销，应收佣金 ${c.amount} 元已作废`, link: '/deals?tab=commissions' }])));
  } else {
    await audit(tx, { actorId, action: 'commission.contract_cancelled', entityType: 'commission', entityId: c.id, reason: '合同登记已撤销', data: { status: c.status, dealId: deal.id, contractId } });
    after.notes.push(...(await notify(tx, [{ userId: c.brokerId, kind: 'commission', title: `「${deal.title}」合同登记已撤销，佣金 ${c.amount} 元（${c.status === 'paid' ? '已收款' : '已开票'}）请与支付方协商处理`, link: '/deals?tab=commissions' }])));
  }
}

async function bookCommission(tx: Tx, after: After, deal: repo.DealRow, parts: repo.ParticipantRow[], contract: { id: string; techAmount: string }) {
  const broker = parts.find((p) => p.side === 'broker' && p.status === 'accepted');
  if (!deal.commissionOfferId || !broker || !deal.brokerId) return;
  const offer = (await repo.findOffer(tx, deal.commissionOfferId))!;
  const payer = parts.find((p) => p.side === offer.payerSide)!;
  const amount = commissionAmount(contract.techAmount, offer);
  const row = await repo.insertCommission(tx, {
    dealId: deal.id,
    contractId: contract.id,
    brokerId: deal.brokerId,
    brokerOrgId: broker.orgId,
    payerOrgId: payer.orgId,
    basis: offer.commissionRate !== null ? 'rate' : 'fixed',
    rate: offer.commissionRate,
    baseAmount: contract.techAmount,
    amount,
  });
  if (!row) return;
  await audit(tx, { actorId: null, action: 'commission.due', entityType: 'commission', entityId: row.id, data: { dealId: deal.id, contractId: contract.id, amount, basis: row.basis, rate: row.rate, baseAmount: row.baseAmount } });
  after.notes.push(...(await notify(tx, [{ userId: deal.brokerId, kind: 'commission_due', title: `「${deal.title}」合同已登记，佣金 ${amount} 元应收`, link: `/deals/${deal.id}` }])));
}

// Presentation

export function presentOffer(o: repo.OfferRow) {
  return {
    id: o.id,
    purpose: o.purpose,
    seq: o.seq,
    fromSide: o.fromSide,
    fromUserId: o.fromUserId,
    amount: o.amount === null ? null : Number(o.amount),
    amountText: o.amount,
    commissionRate: o.commissionRate,
    payerSide: o.payerSide,
    modes: o.terms.modes,
    terms: o.terms.terms,
    note: o.terms.note ?? null,
    validUntil: o.validUntil.toISOString(),
    status: o.status,
    decidedAt: o.decidedAt?.toISOString() ?? null,
  };
}

function presentMessage(m: repo.MessageRow, senderName: string | null, attachments: unknown[]) {
  return {
    dealId: m.dealId,
    seq: m.seq,
    senderId: m.senderId,
    senderName,
    senderSide: m.senderSide,
    kind: m.kind,
    body: m.body,
    offerId: m.offerId,
    offer: m.offer,
    attachments,
    clientMsgId: m.clientMsgId,
    createdAt: m.createdAt.toISOString(),
  };
}

async function presentMessages(db: Tx, rows: repo.MessageRow[], known?: { id: string; name: string }) {
  const ids = rows.map((r) => r.senderId).filter((s): s is string => !!s && s !== known?.id);
  const names = ids.length ? await repo.userCards(db, ids) : new Map<string, { name: string; organizationId: string | null }>();
  if (known) names.set(known.id, { name: known.name, organizationId: null });
  return Promise.all(rows.map(async (r) => presentMessage(r, r.senderId ? (names.get(r.senderId)?.name ?? null) : null, r.attachments.length ? await filesOf(db, 'deal_message', r.id) : [])));
}

/** The API shape of a deal (API.md: id, stage, origin, participants[{ organizationId, side, accepted }]). */
export async function presentDeal(db: Tx, actor: Actor, d: repo.DealRow, parts?: repo.ParticipantRow[], lastReadSeq?: number) {
  const ps = parts ?? (await repo.participantsOf(db, d.id));
  const orgs = await repo.orgCards(db, ps.map((p) => p.orgId));
  const brokerName = d.brokerId ? (await repo.userCards(db, [d.brokerId])).get(d.brokerId)?.name ?? null : null;
  const me = policy.sideOf(actor, ps);
  const member = me ? await repo.findMember(db, d.id, actor.id) : undefined;
  const read = lastReadSeq ?? member?.lastReadSeq ?? 0;
  const [ach, dem] = await Promise.all([
    d.achievementId ? findListing(db, 'achievement', d.achievementId) : undefined,
    d.demandId ? findListing(db, 'demand', d.demandId) : undefined,
  ]);
  return {
    id: d.id,
    stage: d.stage as DealStage,
    title: d.title,
    origin: { kind: d.originKind, id: d.originId },
    achievementId: d.achievementId,
    demandId: d.demandId,
    achievement: ach ? { id: ach.id, title: ach.title, status: ach.status } : null,
    demand: dem ? { id: dem.id, title: dem.title, status: dem.status } : null,
    participants: ps.map((p) => ({
      organizationId: p.orgId,
      organizationName: orgs.get(p.orgId)?.name ?? '',
      side: p.side,
      accepted: p.status === 'accepted',
      status: p.status,
      userId: p.userId,
      respondedAt: p.respondedAt?.toISOString() ?? null,
    })),
    brokerId: d.brokerId,
    brokerName,
    mySide: me?.side ?? null,
    myStatus: me?.status ?? null,
    undertakingAcceptedAt: member?.undertakingAt?.toISOString() ?? null,
    lastSeq: d.lastSeq,
    lastReadSeq: read,
    unread: Math.max(0, d.lastSeq - read),
    lostReason: d.lostReason,
    lostNote: d.lostNote,
    agreedOfferId: d.agreedOfferId,
    agreedAmount: d.agreedAmount === null ? null : Number(d.agreedAmount),
    commissionOfferId: d.commissionOfferId,
    contractId: d.contractId,
    confirmations: { supply: d.supplyConfirmedAt?.toISOString() ?? null, demand: d.demandConfirmedAt?.toISOString() ?? null },
    followUpAt: d.followUpAt?.toISOString() ?? null,
    zoneId: d.zoneId,
    startedBy: d.startedBy,
    stageChangedAt: d.stageChangedAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** Whether an actor may download a negotiation message's attachment (participants only). */
export async function canSeeMessageFiles(db: Db, actor: Actor | null, messageId: string): Promise<boolean> {
  if (!actor) return false;
  const m = await repo.findMessageById(db, messageId);
  if (!m) return false;
  return policy.canSee(actor, await repo.participantsOf(db, m.dealId));
}

/** Rating average and count of organizations, batched (registered with the listings component for catalogue cards and listing pages). */
export const ownerRatings = (db: Db, orgIds: string[]) => repo.ratingSummaries(db, orgIds);

/** Confidential access to a listing (registered with the listings component). */
export const confidentialAccess = (db: Db, actor: Actor, listing: { id: string }) => repo.hasConfidentialAccess(db, actor.id, actor.organizationId as string | null, listing.id);

// Ratings (诚信)

/**
 * After `closed`, or `lost` once negotiation had started, each participant organization rates each
 * other participant once (the broker side rates and is rated as the broker).
 */
export async function rateDeal(deps: DealsDeps, actor: Actor, { id, ...input }: { id: string; organizationId: string; score: number; tags: string[]; comment?: string }) {
  return change(deps, async (tx, after) => {
    const { deal, parts, me } = await lockDeal(tx, actor, id);
    policy.requireAccepted(me);
    if (!(deal.stage === 'closed' || (deal.stage === 'lost' && deal.negotiatedAt))) throw stageConflict(deal, '评价（交易完成后，或进入洽谈后终止的，才能评价）');
    const rated = parts.find((p) => p.orgId === input.organizationId && p.side !== me.side && p.status === 'accepted');
    if (!rated) throw AppError.validation([{ path: 'organizationId', message: '只能评价本洽谈的其他参与方' }]);
    const row = await repo.insertRating(tx, {
      dealId: id,
      raterOrgId: me.orgId,
      raterId: actor.id,
      ratedOrgId: rated.orgId,
      ratedBrokerId: rated.side === 'broker' ? rated.userId : null,
      score: input.score,
      tags: input.tags,
      comment: input.comment ?? null,
    });
    if (!row) throw AppError.conflict('本单位已评价过该参与方');
    await audit(tx, { actorId: actor.id, action: 'deal.rate', entityType: 'deal', entityId: id, data: { ratedOrgId: rated.orgId, score: input.score } });
    const targets = rated.side === 'broker' && rated.userId ? [rated.userId] : [];
    after.notes.push(...(await notify(tx, targets.map((userId) => ({ userId, kind: 'deal_rating', title: `您在「${deal.title}」中获得了 ${input.score} 星评价`, link: `/deals/${id}` })))));
    return { id: row.id, dealId: id, raterOrgId: row.raterOrgId, ratedOrgId: row.ratedOrgId, score: row.score, tags: row.tags, comment: row.comment, createdAt: row.createdAt.toISOString() };
  });
}

/** A broker's pipeline: count and agreed amount per stage. */
export async function pipeline(deps: DealsDeps, actor: Actor) {
  const rows = await repo.pipelineOf(deps.db, actor.id);
  const overdue = await repo.listDeals(deps.db, { orgId: null, userId: actor.id }, { role: 'broker', overdue: new Date(), page: 1, pageSize: 1 });
  return {
    stages: rows.map((r) => ({ stage: r.stage, count: r.count, agreedAmount: r.agreedAmount ?? '0.00' })),
    overdueFollowUps: overdue.total,
  };
}
