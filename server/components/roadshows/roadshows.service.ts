/**
 * 在线路演: scheduling, registration, the live room's use cases (the socket layer calls these),
 * leads from intents, applications to present, statistics, reminders and indicator 23.
 * State that every server process must agree on (status, current item) lives in the roadshow row.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { audit } from '../audit/index.js';
import { orgOf, type Actor } from '../auth/index.js';
import { filesOf, linkFiles } from '../files/index.js';
import { deliver, notify, type NewNotification } from '../notifications/index.js';
import type { RoadshowChatMessage, RoadshowIntentPush, RoadshowQuestion, RoadshowState } from '../../../common/realtime.js';
import {
  ROADSHOW_IMAGE_MAX_BYTES,
  ROADSHOW_IMAGE_TYPES,
  ROADSHOW_STATUS_NAMES,
  type CreateRoadshowInput,
  type RoadshowStatus,
  type UpdateRoadshowInput,
} from '../../../common/schemas/roadshows.js';
import * as policy from './roadshows.policy.js';
import * as repo from './roadshows.repository.js';

type Notified = Awaited<ReturnType<typeof notify>>;

// Live events: the socket layer subscribes; rows are the source of truth, pushes happen after commit.

/** What the roadshow use cases need. */
export interface RoadshowsDeps {
  db: Db;
}

export type RoadshowEvent =
  | { type: 'state'; roadshowId: string; status: RoadshowStatus; currentItem: number }
  | { type: 'question:new' | 'question:updated'; roadshowId: string; question: RoadshowQuestion }
  | { type: 'chat:new'; roadshowId: string; message: RoadshowChatMessage }
  | { type: 'chat:muted'; roadshowId: string; userId: string }
  | { type: 'intent:new'; roadshowId: string; supplierOrgId: string; intent: RoadshowIntentPush };
const listeners = new Set<(e: RoadshowEvent) => void>();
export function onRoadshowEvent(listener: (e: RoadshowEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function emit(e: RoadshowEvent): void {
  if (e.type === 'state') rooms.delete(e.roadshowId);
  for (const l of listeners) l(e);
}

// The hot paths of a live room (chat, questions, the host's switches) read the roadshow row and its
// mutes from a short-lived per-process cache instead of the database on every event. A change made
// by this process clears it at once; one made by another process is seen within the TTL.
const ROOM_TTL_MS = 1000;
const rooms = new Map<string, { row: repo.RoadshowRow; at: number }>();
const mutes = new Map<string, { users: Set<string>; at: number }>();

async function roomRow(db: Db, id: string): Promise<repo.RoadshowRow | undefined> {
  const hit = rooms.get(id);
  if (hit && Date.now() - hit.at < ROOM_TTL_MS) return hit.row;
  const row = await repo.findRoadshow(db, id);
  if (row) rooms.set(id, { row, at: Date.now() });
  else rooms.delete(id);
  if (rooms.size > 10_000) rooms.clear();
  return row;
}

async function mutedUsers(db: Db, id: string): Promise<Set<string>> {
  const hit = mutes.get(id);
  if (hit && Date.now() - hit.at < ROOM_TTL_MS * 2) return hit.users;
  const users = new Set(await repo.mutedUserIds(db, id));
  mutes.set(id, { users, at: Date.now() });
  if (mutes.size > 10_000) mutes.clear();
  return users;
}

async function liveRoomOr404(db: Db, actor: Actor, id: string): Promise<repo.RoadshowRow> {
  const r = await roomRow(db, id);
  if (!r || !policy.canSee(actor, r)) throw AppError.notFound('路演');
  return r;
}

/** Runs `work` in a transaction, then delivers its notifications and live events (after commit only). */
async function change<T>(db: Db, work: (tx: Tx, out: { notes: NewNotification[]; events: RoadshowEvent[] }) => Promise<T>): Promise<T> {
  const out = { notes: [] as NewNotification[], events: [] as RoadshowEvent[] };
  let rows: Notified = [];
  const result = await db.transaction(async (tx) => {
    const r = await work(tx, out);
    rows = await notify(tx, out.notes);
    return r;
  });
  deliver(rows);
  for (const e of out.events) emit(e);
  return result;
}

// Presentation

type Achievement = Awaited<ReturnType<typeof repo.achievementsByIds>>[number];

function achievementCard(a: Achievement | undefined, orgName: string | undefined) {
  if (!a) return null;
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    industry: a.industry,
    technicalField: a.technicalField,
    trl: a.trl,
    transferModes: a.transferModes ?? [],
    ipItems: a.ipItems ?? [],
    price: a.price === null ? null : Number(a.price),
    ownerOrgId: a.ownerOrgId,
    ownerOrgName: orgName ?? null,
  };
}

function presentBase(r: repo.RoadshowRow) {
  return {
    id: r.id,
    title: r.title,
    zoneId: r.zoneId,
    organizerOrgId: r.organizerOrgId,
    hostId: r.hostId,
    status: r.status,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    description: r.description,
    coverFileId: r.coverFileId,
    capacity: r.capacity,
    registrationRequired: r.registrationRequired,
    streamUrl: r.streamUrl,
    recordingUrl: r.recordingUrl,
    industries: r.industries,
    currentItem: r.currentItem,
    peakViewers: r.peakViewers,
    cancelReason: r.cancelReason,
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

async function presentMany(db: Tx, rows: repo.RoadshowRow[]) {
  const ids = rows.map((r) => r.id);
  const [items, regs] = await Promise.all([repo.itemsOfMany(db, ids), repo.registrationCounts(db, ids)]);
  const achievements = await repo.achievementsByIds(db, [...new Set(items.map((i) => i.achievementId))]);
  const names = await repo.orgNames(db, [...rows.map((r) => r.organizerOrgId), ...achievements.map((a) => a.ownerOrgId)]);
  const zoneNames = new Map<string, string>();
  for (const z of new Set(rows.map((r) => r.zoneId))) zoneNames.set(z, (await repo.zoneExists(db, z))?.name ?? '');
  const byId = new Map(achievements.map((a) => [a.id, a]));
  return rows.map((r) => ({
    ...presentBase(r),
    zoneName: zoneNames.get(r.zoneId) ?? null,
    organizerName: r.organizerOrgId ? (names.get(r.organizerOrgId) ?? null) : null,
    registrations: regs.get(r.id) ?? 0,
    items: items
      .filter((i) => i.roadshowId === r.id)
      .map((i) => ({ position: i.position, achievementId: i.achievementId, title: byId.get(i.achievementId)?.title ?? '', minutes: i.minutes, organizationName: names.get(byId.get(i.achievementId)?.ownerOrgId ?? '') ?? null })),
  }));
}

async function presentDetail(db: Tx, actor: Actor | null, r: repo.RoadshowRow) {
  const [base] = await presentMany(db, [r]);
  const items = await repo.itemsOf(db, r.id);
  const achievements = await repo.achievementsByIds(db, items.map((i) => i.achievementId));
  const names = await repo.orgNames(db, achievements.map((a) => a.ownerOrgId));
  const presenters = await repo.userNames(db, items.map((i) => i.presenterId).filter((x): x is string => !!x));
  const byId = new Map(achievements.map((a) => [a.id, a]));
  const host = policy.isHost(actor, r);
  const suppliers = new Set(achievements.map((a) => a.ownerOrgId));
  return {
    ...base!,
    agenda: items.map((i) => {
      const a = byId.get(i.achievementId);
      return {
        position: i.position,
        achievementId: i.achievementId,
        presenterId: i.presenterId,
        presenterName: i.presenterId ? (presenters.get(i.presenterId)?.name ?? null) : null,
        minutes: i.minutes,
        achievement: achievementCard(a, a ? names.get(a.ownerOrgId) : undefined),
      };
    }),
    me: actor
      ? {
          registered: await repo.isRegistered(db, r.id, actor.id),
          host,
          moderator: policy.canModerate(actor, r),
          supplier: !!actor.organizationId && suppliers.has(actor.organizationId),
        }
      : null,
  };
}

export type PresentedRoadshow = Awaited<ReturnType<typeof presentDetail>>;

function presentQuestion(q: repo.QuestionRow): RoadshowQuestion {
  return { id: q.id, roadshowId: q.roadshowId, authorName: q.authorName, itemIndex: q.itemIndex, text: q.text, votes: q.votes, status: q.status, createdAt: q.createdAt.toISOString() };
}

/**
 * Attaches pictures (the cover, event photos): the files component checks they are the organization's
 * uploads; here each must be a PNG, JPEG or WebP (by its checked content) of at most 5 MB. A bad one is a
 * validation error on its field, and the transaction rolls back.
 */
async function linkImages(tx: Tx, actor: Actor, entityType: string, entityId: string, ids: string[], field: string, many: boolean): Promise<void> {
  await linkFiles(tx, actor, entityType, entityId, ids, field);
  const stored = new Map((await filesOf(tx, entityType, entityId)).map((f) => [f.id, f]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const f = stored.get(id);
    const path = many ? `${field}.${i}` : field;
    if (f && !(ROADSHOW_IMAGE_TYPES as readonly string[]).includes(f.mime)) errors.push({ path, message: `「${f.name}」不是图片，请上传 PNG、JPEG 或 WebP 图片` });
    else if (f && f.size > ROADSHOW_IMAGE_MAX_BYTES) errors.push({ path, message: `「${f.name}」超过 ${ROADSHOW_IMAGE_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传` });
  });
  if (errors.length) throw AppError.validation(errors);
}

// Reading

async function visibleOr404(db: Tx, actor: Actor | null, id: string, lock = false): Promise<repo.RoadshowRow> {
  const r = await repo.findRoadshow(db, id, lock);
  if (!r || !policy.canSee(actor, r)) throw AppError.notFound('路演');
  return r;
}

async function hostedOr404(db: Tx, actor: Actor, id: string, lock = false): Promise<repo.RoadshowRow> {
  const r = await visibleOr404(db, actor, id, lock);
  if (!policy.isHost(actor, r)) throw AppError.forbidden('只有路演的主持人（组织者）可以执行此操作');
  return r;
}

/** For the files component: a roadshow's cover downloads for whoever may see the roadshow. */
export async function roadshowVisible(db: Db, actor: Actor | null, id: string): Promise<boolean> {
  const r = await repo.findRoadshow(db, id);
  return !!r && policy.canSee(actor, r);
}

export async function getRoadshow({ db }: RoadshowsDeps, actor: Actor | null, { id }: { id: string }) {
  return presentDetail(db, actor, await visibleOr404(db, actor, id));
}

export async function listRoadshows({ db }: RoadshowsDeps, actor: Actor | null, q: { when?: 'upcoming' | 'live' | 'replay' | 'all'; zone?: string; industry?: string; mine?: 'true' | 'false'; page: number; pageSize: number }) {
  if (q.mine === 'true' && !actor) throw AppError.unauthenticated();
  const { rows, total } = await repo.listRoadshows(db, { when: q.when, zoneId: q.zone, industry: q.industry, hostId: q.mine === 'true' ? actor!.id : undefined, page: q.page, pageSize: q.pageSize });
  return { items: await presentMany(db, rows), total, page: q.page, pageSize: q.pageSize };
}

// Creating and editing

/** Checks the agenda: published achievements, presenters from the achievement's organization. */
async function checkAgenda(db: Tx, items: CreateRoadshowInput['items']): Promise<string[]> {
  const achievements = await repo.achievementsByIds(db, items.map((i) => i.achievementId));
  const presenters = await repo.userNames(db, items.map((i) => i.presenterId).filter((x): x is string => !!x));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const a = achievements.find((x) => x.id === it.achievementId);
    if (!a || a.status !== 'published') errors.push({ path: `items.${i}.achievementId`, message: '该科技成果不存在或尚未发布' });
    else if (seen.has(a.id)) errors.push({ path: `items.${i}.achievementId`, message: '同一项成果在议程中只能出现一次' });
    if (a) seen.add(a.id);
    if (it.presenterId) {
      const p = presenters.get(it.presenterId);
      if (!p || (a && p.organizationId !== a.ownerOrgId)) errors.push({ path: `items.${i}.presenterId`, message: '主讲人应为该成果所属单位的成员' });
    }
  });
  if (errors.length) throw AppError.validation(errors);
  return [...new Set(achievements.map((a) => a.industry))];
}

/**
 * Who may present an achievement in an agenda item: the active members of its organization (the agenda
 * accepts no one else). For organizers, on a published achievement; names only.
 */
export async function presenterCandidates({ db }: RoadshowsDeps, actor: Actor, { achievementId }: { achievementId: string }) {
  if (!policy.canCreate(actor)) throw AppError.forbidden('只有示范区管理员、技术经纪人和平台管理员可以组织路演');
  const [a] = await repo.achievementsByIds(db, [achievementId]);
  if (!a || a.status !== 'published') throw AppError.notFound('科技成果');
  return { items: await repo.activeMembers(db, a.ownerOrgId) };
}

export async function createRoadshow({ db }: RoadshowsDeps, actor: Actor, input: CreateRoadshowInput) {
  if (!policy.canCreate(actor)) throw AppError.forbidden('只有示范区管理员、技术经纪人和平台管理员可以组织路演');
  return change(db, async (tx) => {
    if (!(await repo.zoneExists(tx, input.zoneId))) throw AppError.validation([{ path: 'zoneId', message: '示范区不存在' }]);
    if (!policy.canCreateInZone(actor, input.zoneId)) throw AppError.validation([{ path: 'zoneId', message: '示范区管理员只能在本示范区组织路演' }]);
    const industries = await checkAgenda(tx, input.items);
    const row = await repo.insertRoadshow(tx, {
      title: input.title,
      zoneId: input.zoneId,
      organizerOrgId: actor.organizationId,
      hostId: actor.id,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      description: input.description ?? null,
      coverFileId: input.coverFileId ?? null,
      capacity: input.capacity ?? null,
      registrationRequired: input.registrationRequired ?? false,
      streamUrl: input.streamUrl ?? null,
      industries,
    });
    if (input.coverFileId) await linkImages(tx, actor, 'roadshow', row.id, [input.coverFileId], 'coverFileId', false);
    await repo.replaceItems(tx, row.id, input.items);
    await audit(tx, { actorId: actor.id, action: 'roadshow.create', entityType: 'roadshow', entityId: row.id, data: { title: row.title, items: input.items.length } });
    return presentDetail(tx, actor, row);
  });
}

export async function updateRoadshow({ db }: RoadshowsDeps, actor: Actor, { id, ...input }: { id: string } & UpdateRoadshowInput) {
  return change(db, async (tx) => {
    const r = await hostedOr404(tx, actor, id, true);
    const planning = r.status === 'draft' || r.status === 'scheduled';
    const keys = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    const late = keys.filter((k) => k !== 'recordingUrl' && k !== 'description' && k !== 'streamUrl');
    if (!planning && late.length) throw AppError.conflict(`路演${ROADSHOW_STATUS_NAMES[r.status]}，只能修改介绍、直播流和回放地址`, { status: r.status, fields: late });
    if (r.status === 'cancelled') throw AppError.conflict('路演已取消，不能修改', { status: r.status });
    const startsAt = input.startsAt ? new Date(input.startsAt) : r.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : r.endsAt;
    if (endsAt <= startsAt) throw AppError.validation([{ path: 'endsAt', message: '结束时间应晚于开始时间' }]);
    if (input.zoneId && input.zoneId !== r.zoneId) {
      if (!(await repo.zoneExists(tx, input.zoneId))) throw AppError.validation([{ path: 'zoneId', message: '示范区不存在' }]);
      if (!policy.canCreateInZone(actor, input.zoneId)) throw AppError.validation([{ path: 'zoneId', message: '示范区管理员只能在本示范区组织路演' }]);
    }
    const set: Partial<repo.NewRoadshow> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.zoneId !== undefined) set.zoneId = input.zoneId;
    if (input.startsAt !== undefined) {
      set.startsAt = startsAt;
      set.reminderSentAt = null;
    }
    if (input.endsAt !== undefined) set.endsAt = endsAt;
    if (input.description !== undefined) set.description = input.description;
    if (input.capacity !== undefined) set.capacity = input.capacity;
    if (input.registrationRequired !== undefined) set.registrationRequired = input.registrationRequired;
    if (input.streamUrl !== undefined) set.streamUrl = input.streamUrl;
    if (input.recordingUrl !== undefined) set.recordingUrl = input.recordingUrl;
    if (input.coverFileId !== undefined) {
      set.coverFileId = input.coverFileId;
      await linkImages(tx, actor, 'roadshow', r.id, input.coverFileId ? [input.coverFileId] : [], 'coverFileId', false);
    }
    if (input.items) {
      set.industries = await checkAgenda(tx, input.items);
      await repo.replaceItems(tx, r.id, input.items);
    }
    const row = await repo.updateRoadshow(tx, r.id, set);
    await audit(tx, { actorId: actor.id, action: 'roadshow.update', entityType: 'roadshow', entityId: r.id, data: { fields: keys } });
    return presentDetail(tx, actor, row);
  });
}

const TRANSITIONS: Record<'publish' | 'start' | 'end' | 'cancel', { from: RoadshowStatus[]; to: RoadshowStatus; verb: string }> = {
  publish: { from: ['draft'], to: 'scheduled', verb: '发布' },
  start: { from: ['scheduled'], to: 'live', verb: '开始直播' },
  end: { from: ['live'], to: 'ended', verb: '结束' },
  cancel: { from: ['draft', 'scheduled'], to: 'cancelled', verb: '取消' },
};

/** publish (draft → scheduled), start (scheduled → live), end (live → ended), cancel (before live, with a notice to registrants). */
export async function transition({ db }: RoadshowsDeps, actor: Actor, { id, action, reason }: { id: string; action: keyof typeof TRANSITIONS; reason?: string }) {
  const t = TRANSITIONS[action];
  return change(db, async (tx, out) => {
    const r = await hostedOr404(tx, actor, id, true);
    if (!t.from.includes(r.status)) throw AppError.conflict(`路演当前状态为「${ROADSHOW_STATUS_NAMES[r.status]}」，不能${t.verb}`, { status: r.status });
    const now = new Date();
    const set: Partial<repo.NewRoadshow> = { status: t.to };
    if (action === 'start') Object.assign(set, { startedAt: now, currentItem: 0 });
    if (action === 'end') set.endedAt = now;
    if (action === 'cancel') set.cancelReason = reason ?? null;
    const row = await repo.updateRoadshow(tx, r.id, set);
    await audit(tx, { actorId: actor.id, action: `roadshow.${action}`, entityType: 'roadshow', entityId: r.id, reason: reason ?? null, data: { from: r.status, to: t.to } });
    const link = `/roadshows/${r.id}`;
    if (action === 'cancel' || action === 'start') {
      const registrants = await repo.registrantIds(tx, r.id);
      const title = action === 'cancel' ? `您报名的路演「${r.title}」已取消` : `您报名的路演「${r.title}」正在直播`;
      out.notes.push(...registrants.map((userId) => ({ userId, kind: `roadshow_${action}`, title, body: action === 'cancel' ? `取消原因：${reason ?? ''}` : null, link })));
    }
    out.events.push({ type: 'state', roadshowId: r.id, status: row.status, currentItem: row.currentItem });
    return presentDetail(tx, actor, row);
  });
}

// Registration (报名)

export async function register({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }) {
  const orgId = orgOf(actor);
  return change(db, async (tx) => {
    const r = await visibleOr404(tx, actor, id, true);
    if (r.status !== 'scheduled' && r.status !== 'live') throw AppError.conflict(`路演${ROADSHOW_STATUS_NAMES[r.status]}，不能报名`, { status: r.status });
    if (await repo.isRegistered(tx, r.id, actor.id)) return { registered: true, created: false };
    if (r.capacity !== null) {
      const n = (await repo.registrationCounts(tx, [r.id])).get(r.id) ?? 0;
      if (n >= r.capacity) throw AppError.conflict(`报名人数已满（上限 ${r.capacity} 人）`, { capacity: r.capacity });
    }
    const created = await repo.insertRegistration(tx, r.id, actor.id, orgId);
    return { registered: true, created };
  });
}

export async function unregister({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await visibleOr404(tx, actor, id);
    if (!(await repo.deleteRegistration(tx, r.id, actor.id))) throw AppError.notFound('报名记录');
  });
}

export async function listRegistrations({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }) {
  const r = await hostedOr404(db, actor, id);
  const items = await repo.registrationsOf(db, r.id);
  return { items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), total: items.length };
}

// ICS (RFC 5545)

const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** Folds a content line at 75 octets (UTF-8 aware). */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export async function calendarFile({ db }: RoadshowsDeps, actor: Actor | null, { id, origin }: { id: string; origin: string }): Promise<string> {
  const r = await visibleOr404(db, actor, id);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//guijitong//roadshows//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:roadshow-${r.id}@guijitong`,
    `DTSTAMP:${icsTime(r.updatedAt)}`,
    `DTSTART:${icsTime(r.startsAt)}`,
    `DTEND:${icsTime(r.endsAt)}`,
    `SUMMARY:${icsText(`【在线路演】${r.title}`)}`,
    `DESCRIPTION:${icsText(`${r.description ?? ''}\n观看地址：${origin}/roadshows/${r.id}`)}`,
    `URL:${origin}/roadshows/${r.id}`,
    `STATUS:${r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT30M',
    `DESCRIPTION:${icsText(r.title)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

// Statistics

export async function roadshowStats({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }) {
  const r = await visibleOr404(db, actor, id);
  if (!policy.canSeeStats(actor, r)) throw AppError.forbidden('只有主持人、本示范区管理员和平台管理员可以查看路演统计');
  return { ...(await repo.stats(db, r.id)), peakViewers: r.peakViewers };
}

/** Questions: the answered ones for everyone (replay), all but hidden for the room, everything for moderators. */
export async function listQuestions({ db }: RoadshowsDeps, actor: Actor | null, { id }: { id: string }) {
  const r = await visibleOr404(db, actor, id);
  const rows = await repo.questionsOf(db, r.id, policy.canModerate(actor, r) ? {} : r.status === 'ended' ? { answeredOnly: true } : { visibleOnly: true });
  return { items: rows.map(presentQuestion) };
}

// Applications (申请路演)

export async function applyToPresent({ db }: RoadshowsDeps, actor: Actor, { id, ...input }: { id: string; achievementId: string; note?: string | null }) {
  const orgId = orgOf(actor);
  return change(db, async (tx, out) => {
    const r = await visibleOr404(tx, actor, id);
    if (r.status !== 'draft' && r.status !== 'scheduled') throw AppError.conflict(`路演${ROADSHOW_STATUS_NAMES[r.status]}，不再接受路演申请`, { status: r.status });
    const [a] = await repo.achievementsByIds(tx, [input.achievementId]);
    if (!a || a.status !== 'published' || a.ownerOrgId !== orgId) throw AppError.validation([{ path: 'achievementId', message: '只能申请路演本单位已发布的科技成果' }]);
    if ((await repo.itemsOf(tx, r.id)).some((i) => i.achievementId === a.id)) throw AppError.conflict('该成果已在路演议程中');
    const app = await repo.insertApplication(tx, { roadshowId: r.id, achievementId: a.id, applicantId: actor.id, organizationId: orgId, note: input.note ?? null });
    if (!app) throw AppError.conflict('该成果已申请过这场路演');
    await audit(tx, { actorId: actor.id, action: 'roadshow.apply', entityType: 'roadshow_application', entityId: app.id, data: { roadshowId: r.id, achievementId: a.id } });
    out.notes.push({ userId: r.hostId, kind: 'roadshow_application', title: `「${a.title}」申请参加路演「${r.title}」`, link: `/roadshows/${r.id}` });
    return presentApplication(app, a.title);
  });
}

function presentApplication(a: repo.ApplicationRow, achievementTitle: string) {
  return { ...a, achievementTitle, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null };
}

export async function listApplications({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }) {
  const r = await visibleOr404(db, actor, id);
  const host = policy.isHost(actor, r);
  if (!host && !actor.organizationId) return { items: [] };
  const rows = await repo.applicationsOf(db, r.id, host ? undefined : actor.organizationId!);
  const titles = new Map((await repo.achievementsByIds(db, rows.map((x) => x.achievementId))).map((a) => [a.id, a.title]));
  const orgs = await repo.orgNames(db, rows.map((x) => x.organizationId));
  return { items: rows.map((x) => ({ ...presentApplication(x, titles.get(x.achievementId) ?? ''), organizationName: orgs.get(x.organizationId) ?? null })) };
}

export async function decideApplication({ db }: RoadshowsDeps, actor: Actor, { id, appId, ...input }: { id: string; appId: string; decision: 'accept' | 'decline'; reason?: string | null }) {
  return change(db, async (tx, out) => {
    const r = await hostedOr404(tx, actor, id, true);
    const app = await repo.findApplication(tx, r.id, appId, true);
    if (!app) throw AppError.notFound('路演申请');
    if (app.status !== 'pending') throw AppError.conflict('该申请已处理', { status: app.status });
    if (input.decision === 'accept' && r.status !== 'draft' && r.status !== 'scheduled') throw AppError.conflict(`路演${ROADSHOW_STATUS_NAMES[r.status]}，不能再加入议程`);
    const decided = await repo.decideApplication(tx, app.id, { status: input.decision === 'accept' ? 'accepted' : 'declined', reason: input.reason ?? null, decidedBy: actor.id });
    const [a] = await repo.achievementsByIds(tx, [app.achievementId]);
    if (input.decision === 'accept') {
      await repo.appendItem(tx, r.id, app.achievementId, app.applicantId);
      if (a && !r.industries.includes(a.industry)) await repo.updateRoadshow(tx, r.id, { industries: [...r.industries, a.industry] });
    }
    await audit(tx, { actorId: actor.id, action: `roadshow.application.${input.decision}`, entityType: 'roadshow_application', entityId: app.id, reason: input.reason ?? null, data: { roadshowId: r.id } });
    out.notes.push({
      userId: app.applicantId,
      kind: `roadshow_application_${decided.status}`,
      title: input.decision === 'accept' ? `「${a?.title ?? ''}」已加入路演「${r.title}」的议程` : `「${a?.title ?? ''}」的路演申请未被接受`,
      body: input.reason ?? null,
      link: `/roadshows/${r.id}`,
    });
    return presentApplication(decided, a?.title ?? '');
  });
}

// Leads (「我有意向」)

async function presentIntents(db: Tx, rows: (repo.IntentRow & { roadshowTitle?: string })[]) {
  const titles = new Map((await repo.achievementsByIds(db, rows.map((x) => x.achievementId))).map((a) => [a.id, a.title]));
  const orgs = await repo.orgNames(db, rows.map((x) => x.organizationId));
  const people = await repo.userNames(db, rows.map((x) => x.userId));
  return rows.map((x) => ({
    id: x.id,
    roadshowId: x.roadshowId,
    roadshowTitle: x.roadshowTitle ?? null,
    achievementId: x.achievementId,
    achievementTitle: titles.get(x.achievementId) ?? '',
    organizationId: x.organizationId,
    organizationName: orgs.get(x.organizationId) ?? '',
    userId: x.userId,
    userName: people.get(x.userId)?.name ?? '',
    note: x.note,
    status: x.status,
    dealId: x.dealId,
    createdAt: x.createdAt.toISOString(),
  }));
}

/** Leads of one roadshow: all for the host, a supplier organization's own for its members. */
export async function roadshowIntents({ db }: RoadshowsDeps, actor: Actor, { id, page, pageSize }: { id: string; page: number; pageSize: number }) {
  const r = await visibleOr404(db, actor, id);
  const host = policy.isHost(actor, r);
  if (!host && !actor.organizationId) return { items: [], total: 0, page, pageSize };
  const { rows, total } = await repo.listIntents(db, repo.intentsWhere({ roadshowId: r.id, supplierOrgId: host ? undefined : actor.organizationId! }), page, pageSize);
  return { items: await presentIntents(db, rows), total, page, pageSize };
}

/** My leads: intents on my organization's achievements, and on roadshows I host. */
export async function myLeads({ db }: RoadshowsDeps, actor: Actor, { page, pageSize }: { page: number; pageSize: number }) {
  const { rows, total } = await repo.listIntents(db, repo.intentsWhere({ supplierOrgId: actor.organizationId ?? undefined, hostId: actor.id }), page, pageSize);
  return { items: await presentIntents(db, rows), total, page, pageSize };
}

// Offline events (indicator 23)

export async function recordOfflineEvent({ db }: RoadshowsDeps, actor: Actor, { zoneId, ...input }: { zoneId: string; heldOn: string; title: string; participants: number; photos?: string[] }) {
  if (!(await repo.zoneExists(db, zoneId))) throw AppError.notFound('示范区');
  if (!policy.canRecordEvents(actor, zoneId)) throw AppError.forbidden('只有本示范区管理员可以登记线下对接活动');
  return db.transaction(async (tx) => {
    const e = await repo.insertOfflineEvent(tx, { zoneId, heldOn: input.heldOn, title: input.title, participants: input.participants, photoFileIds: input.photos ?? [], createdBy: actor.id });
    if (input.photos?.length) await linkImages(tx, actor, 'offline_event', e.id, input.photos, 'photos', true);
    await audit(tx, { actorId: actor.id, action: 'offline_event.create', entityType: 'offline_event', entityId: e.id, data: { zoneId, heldOn: input.heldOn } });
    return { ...e, createdAt: e.createdAt.toISOString() };
  });
}

export async function listOfflineEvents({ db }: RoadshowsDeps, _actor: Actor | null, { zoneId, year }: { zoneId: string; year?: number }) {
  if (!(await repo.zoneExists(db, zoneId))) throw AppError.notFound('示范区');
  const rows = await repo.offlineEventsOf(db, zoneId, year);
  return { items: rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) };
}

/** Indicator 23 for a zone and year. */
export async function eventsHeld(db: Db, zoneId: string, year: number): Promise<number> {
  const { roadshows, offline } = await repo.eventsHeld(db, zoneId, year);
  return roadshows + offline;
}

// Reminders (a job every minute)

export const REMINDER_MINUTES = 30;
/** Notifies the registrants of roadshows starting within 30 minutes, once per roadshow. Returns how many roadshows. */
export async function sendDueReminders(db: Db, now = new Date()): Promise<number> {
  return change(db, async (tx, out) => {
    const due = await repo.dueForReminder(tx, now, new Date(now.getTime() + REMINDER_MINUTES * 60_000));
    for (const r of due) {
      const minutes = Math.max(1, Math.round((r.startsAt.getTime() - now.getTime()) / 60_000));
      for (const userId of await repo.registrantIds(tx, r.id))
        out.notes.push({ userId, kind: 'roadshow_reminder', title: `路演「${r.title}」将于 ${minutes} 分钟后开始`, link: `/roadshows/${r.id}/live` });
      await repo.updateRoadshow(tx, r.id, { reminderSentAt: now });
    }
    return due.length;
  });
}

// The live room (called by the /roadshow socket layer)

export interface RoomConfig {
  sensitiveWords: string[];
  chatMaxLength: number;
  /** Messages per user within chatWindowMs. */
  chatPerWindow: number;
  chatWindowMs: number;
}

/** May this user enter the room? Returns the row and the user's role in it. */
export async function joinRoom({ db }: RoadshowsDeps, actor: Actor, { id }: { id: string }) {
  const r = await visibleOr404(db, actor, id);
  const host = policy.isHost(actor, r);
  const moderator = policy.canModerate(actor, r);
  if (r.status === 'cancelled') throw AppError.conflict('路演已取消');
  const items = await repo.itemsOf(db, r.id);
  const achievements = await repo.achievementsByIds(db, items.map((i) => i.achievementId));
  const supplierOrgs = new Set(achievements.map((a) => a.ownerOrgId));
  const presenter = items.some((i) => i.presenterId === actor.id) || (!!actor.organizationId && supplierOrgs.has(actor.organizationId));
  if (r.registrationRequired && !moderator && !presenter && !(await repo.isRegistered(db, r.id, actor.id)))
    throw AppError.forbidden('本场路演需要报名后观看，请先报名');
  // The audience counts (statistics, indicator 23); the host and moderators do not.
  if (r.status === 'live' && !moderator) await repo.recordViewer(db, r.id, actor.id);
  const [questions, chat] = await Promise.all([repo.questionsOf(db, r.id, moderator ? {} : { visibleOnly: true }), repo.recentChat(db, r.id, 50)]);
  rememberQuestions(questions);
  return {
    row: r,
    host,
    moderator,
    supplierOrgs: [...supplierOrgs],
    questions: questions.map(presentQuestion),
    chat: chat.map((m) => ({ id: m.id, roadshowId: m.roadshowId, userId: m.userId, authorName: m.authorName, text: m.text, createdAt: m.createdAt.toISOString() })),
  };
}

export function stateOf(r: repo.RoadshowRow, viewers: number): RoadshowState {
  return { roadshowId: r.id, status: r.status, currentItem: r.currentItem, viewers };
}

export async function currentState(db: Db, id: string) {
  return repo.findRoadshow(db, id);
}

/**
 * Host only: switches the current agenda item (while live). One conditional UPDATE (live, index within
 * the agenda) on the row every process reads; a switch is presentation, not a decision, so it is not
 * audited (start, end and moderation are).
 */
export async function present({ db }: RoadshowsDeps, actor: Actor, { id, itemIndex }: { id: string; itemIndex: number }) {
  const r = await liveRoomOr404(db, actor, id);
  if (!policy.isHost(actor, r)) throw AppError.forbidden('只有路演的主持人（组织者）可以执行此操作');
  const row = await repo.setCurrentItem(db, r.id, itemIndex);
  if (!row) {
    const fresh = await repo.findRoadshow(db, r.id);
    if (fresh?.status !== 'live') throw AppError.conflict('路演不在直播中', { status: fresh?.status });
    const items = await repo.itemsOf(db, r.id);
    throw AppError.validation([{ path: 'itemIndex', message: `议程只有 ${items.length} 项` }]);
  }
  emit({ type: 'state', roadshowId: r.id, status: row.status, currentItem: row.currentItem });
  return row;
}

export async function ask({ db }: RoadshowsDeps, actor: Actor, { id, text }: { id: string; text: string }) {
  const r = await liveRoomOr404(db, actor, id);
  if (r.status !== 'live') throw AppError.conflict('路演不在直播中，暂不能提问', { status: r.status });
  const q = await repo.insertQuestion(db, { roadshowId: r.id, userId: actor.id, authorName: actor.name, itemIndex: r.currentItem, text });
  rememberQuestions([q]);
  const question = presentQuestion(q);
  emit({ type: 'question:new', roadshowId: r.id, question });
  return question;
}

// Which roadshow a question belongs to never changes: the room's hot paths (upvote, answer, hide) keep it
// per process, filled when a question is asked here, listed at a join, or looked up on a miss.
const questionRoadshow = new Map<string, string>();
function rememberQuestions(qs: { id: string; roadshowId: string }[]): void {
  if (questionRoadshow.size > 100_000) questionRoadshow.clear();
  for (const q of qs) questionRoadshow.set(q.id, q.roadshowId);
}
async function roadshowOfQuestion(db: Db, questionId: string): Promise<string | undefined> {
  const hit = questionRoadshow.get(questionId);
  if (hit) return hit;
  const q = await repo.questionRef(db, questionId);
  if (q) rememberQuestions([{ id: questionId, roadshowId: q.roadshowId }]);
  return q?.roadshowId;
}

/** Once per user (a vote row): one statement on the cached room; `conflict` for a second vote. */
export async function upvoteQuestion({ db }: RoadshowsDeps, actor: Actor, { questionId }: { questionId: string }) {
  const roadshowId = await roadshowOfQuestion(db, questionId);
  if (!roadshowId) throw AppError.notFound('问题');
  const r = await roomRow(db, roadshowId);
  if (!r || !policy.canSee(actor, r)) throw AppError.notFound('问题');
  const updated = await repo.upvote(db, questionId, actor.id);
  if (!updated) {
    const q = await repo.questionRef(db, questionId);
    if (!q || q.status === 'hidden') throw AppError.notFound('问题');
    throw AppError.conflict('您已经为这个问题点过赞');
  }
  const question = presentQuestion(updated);
  emit({ type: 'question:updated', roadshowId, question });
  return question;
}

/**
 * Host or reviewer: marks a question answered (shown in the replay) or hides it. The change and its
 * audit row are one statement; the room row comes from the per-process cache.
 */
export async function decideQuestion({ db }: RoadshowsDeps, actor: Actor, { questionId, status }: { questionId: string; status: 'answered' | 'hidden' }) {
  const roadshowId = await roadshowOfQuestion(db, questionId);
  if (!roadshowId) throw AppError.notFound('问题');
  const r = await roomRow(db, roadshowId);
  if (!r || !policy.canSee(actor, r)) throw AppError.notFound('问题');
  if (!policy.canModerate(actor, r)) throw AppError.forbidden('只有主持人或审核员可以处理问题');
  const updated = await repo.decideQuestion(db, questionId, roadshowId, status, actor.id);
  if (!updated) throw AppError.notFound('问题');
  const question = presentQuestion(updated);
  emit({ type: 'question:updated', roadshowId, question });
  return question;
}

/** Masks each configured word with ＊ of its length (case-insensitive). */
export function maskWords(text: string, words: string[]): { text: string; masked: boolean } {
  let out = text;
  for (const w of words) {
    if (!w) continue;
    const re = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    out = out.replace(re, (m) => '＊'.repeat([...m].length));
  }
  return { text: out, masked: out !== text };
}

/** Per-process sliding window per user and roadshow (approximate across workers, like presence). */
const chatHistory = new Map<string, number[]>();
function takeChatSlot(key: string, cfg: RoomConfig, now: number): boolean {
  const recent = (chatHistory.get(key) ?? []).filter((t) => now - t < cfg.chatWindowMs);
  if (recent.length >= cfg.chatPerWindow) {
    chatHistory.set(key, recent);
    return false;
  }
  recent.push(now);
  chatHistory.set(key, recent);
  if (chatHistory.size > 50_000) for (const [k, v] of chatHistory) if (!v.some((t) => now - t < cfg.chatWindowMs)) chatHistory.delete(k);
  return true;
}

/**
 * Chat is written in batches: a message that passed the checks waits at most CHAT_FLUSH_MS (or until
 * CHAT_FLUSH_MAX are waiting) and goes in with the others in one multi-row INSERT. Only after that commits
 * is each message broadcast (`chat:new`, in arrival order) and its sender acked; a failed batch refuses
 * every message in it. Batches of one process are written one after another, so the room sees the order
 * of arrival. The id and time are set here, at arrival.
 */
export const CHAT_FLUSH_MS = 100;
export const CHAT_FLUSH_MAX = 200;
interface PendingChat {
  row: repo.NewChat;
  message: RoadshowChatMessage;
  settle: (err?: unknown) => void;
}
interface ChatQueue {
  items: PendingChat[];
  timer: NodeJS.Timeout | null;
  /** The batch being written (the next waits for it). */
  writing: Promise<void>;
}
const chatQueues = new Map<Db, ChatQueue>();

function flushChatQueue(db: Db, q: ChatQueue): Promise<void> {
  if (q.timer) clearTimeout(q.timer);
  q.timer = null;
  const batch = q.items.splice(0);
  if (!batch.length) return q.writing;
  q.writing = q.writing.then(async () => {
    try {
      await repo.insertChats(db, batch.map((b) => b.row));
    } catch (err) {
      for (const b of batch) b.settle(err);
      return;
    }
    for (const b of batch) {
      emit({ type: 'chat:new', roadshowId: b.message.roadshowId, message: b.message });
      b.settle();
    }
  });
  return q.writing;
}

function queueChat(db: Db, row: repo.NewChat, message: RoadshowChatMessage): Promise<void> {
  let q = chatQueues.get(db);
  if (!q) chatQueues.set(db, (q = { items: [], timer: null, writing: Promise.resolve() }));
  const queue = q;
  const done = new Promise<void>((resolve, reject) => queue.items.push({ row, message, settle: (err) => (err ? reject(err) : resolve()) }));
  if (queue.items.length >= CHAT_FLUSH_MAX) void flushChatQueue(db, queue);
  else if (!queue.timer) queue.timer = setTimeout(() => void flushChatQueue(db, queue), CHAT_FLUSH_MS);
  return done;
}

/** Writes every waiting chat message now (server shutdown); resolves when they are stored. */
export async function flushChat(): Promise<void> {
  await Promise.all([...chatQueues].map(([db, q]) => flushChatQueue(db, q)));
}

export async function sendChat({ db, room: cfg }: RoadshowsDeps & { room: RoomConfig }, actor: Actor, { id, text }: { id: string; text: string }) {
  if ([...text].length > cfg.chatMaxLength) throw AppError.validation([{ path: 'text', message: `消息最多 ${cfg.chatMaxLength} 字` }]);
  const r = await liveRoomOr404(db, actor, id);
  if (r.status !== 'live') throw AppError.conflict('路演不在直播中，暂不能发言', { status: r.status });
  if ((await mutedUsers(db, r.id)).has(actor.id)) throw AppError.forbidden('您已被禁言，本场路演内不能发言');
  if (!takeChatSlot(`${r.id}:${actor.id}`, cfg, Date.now()))
    throw new AppError('rate_limited', `发言太频繁，请稍后再试（每 ${Math.round(cfg.chatWindowMs / 1000)} 秒最多 ${cfg.chatPerWindow} 条）`);
  const m = maskWords(text, cfg.sensitiveWords);
  const row: repo.NewChat = { id: randomUUID(), roadshowId: r.id, userId: actor.id, authorName: actor.name, text: m.text, masked: m.masked, createdAt: new Date() };
  const message: RoadshowChatMessage = { id: row.id, roadshowId: r.id, userId: actor.id, authorName: actor.name, text: row.text, createdAt: row.createdAt.toISOString() };
  await queueChat(db, row, message);
  return message;
}

export async function mute({ db }: RoadshowsDeps, actor: Actor, { id, userId }: { id: string; userId: string }): Promise<void> {
  await change(db, async (tx, out) => {
    const r = await visibleOr404(tx, actor, id);
    if (!policy.canModerate(actor, r)) throw AppError.forbidden('只有主持人或审核员可以禁言');
    if (userId === actor.id) throw AppError.validation([{ path: 'userId', message: '不能禁言自己' }]);
    mutes.get(r.id)?.users.add(userId);
    if (await repo.insertMute(tx, r.id, userId, actor.id)) {
      await audit(tx, { actorId: actor.id, action: 'roadshow.mute', entityType: 'roadshow', entityId: r.id, data: { userId } });
      out.notes.push({ userId, kind: 'roadshow_muted', title: `您在路演「${r.title}」中已被禁言`, link: `/roadshows/${r.id}/live` });
      out.events.push({ type: 'chat:muted', roadshowId: r.id, userId });
    }
  });
}

/** A lead-maker supplied by the deals component once it exists (intent → deal lead). */
type DealLeadMaker = (db: Db, actor: Actor, input: { achievementId: string; roadshowId: string; note: string | null }) => Promise<string | null>;
let dealLeadMaker: DealLeadMaker | null = null;
export function registerDealLeadMaker(fn: DealLeadMaker): void {
  dealLeadMaker = fn;
}

/** 「我有意向」 on an agenda achievement: a stored lead for the supplier and organizer, notified and pushed live. */
export async function expressIntent({ db }: RoadshowsDeps, actor: Actor, { id, achievementId, note }: { id: string; achievementId: string; note: string | null }) {
  const orgId = orgOf(actor);
  const result = await change(db, async (tx, out) => {
    const r = await visibleOr404(tx, actor, id);
    if (r.status !== 'live' && r.status !== 'scheduled' && r.status !== 'ended') throw AppError.conflict(`路演${ROADSHOW_STATUS_NAMES[r.status]}`, { status: r.status });
    const items = await repo.itemsOf(tx, r.id);
    if (!items.some((i) => i.achievementId === achievementId)) throw AppError.validation([{ path: 'achievementId', message: '该成果不在本场路演的议程中' }]);
    const [a] = await repo.achievementsByIds(tx, [achievementId]);
    if (!a) throw AppError.notFound('科技成果');
    if (a.ownerOrgId === orgId) throw AppError.validation([{ path: 'achievementId', message: '不能对本单位的成果表达合作意向' }]);
    const { intent, created } = await repo.insertIntent(tx, { roadshowId: r.id, achievementId, supplierOrgId: a.ownerOrgId, userId: actor.id, organizationId: orgId, note });
    if (created) {
      await audit(tx, { actorId: actor.id, action: 'roadshow.intent', entityType: 'roadshow_intent', entityId: intent.id, data: { roadshowId: r.id, achievementId } });
      const orgName = (await repo.orgNames(tx, [orgId])).get(orgId) ?? '';
      const title = `${orgName}对「${a.title}」表达了合作意向（路演「${r.title}」）`;
      const recipients = new Set([...(await repo.orgMemberIds(tx, a.ownerOrgId)), r.hostId]);
      recipients.delete(actor.id);
      out.notes.push(...[...recipients].map((userId) => ({ userId, kind: 'roadshow_intent', title, body: note, link: `/roadshows/${r.id}/leads` })));
      out.events.push({
        type: 'intent:new',
        roadshowId: r.id,
        supplierOrgId: a.ownerOrgId,
        intent: { id: intent.id, roadshowId: r.id, achievementId, achievementTitle: a.title, organizationName: orgName, userName: actor.name, note, createdAt: intent.createdAt.toISOString() },
      });
    }
    return { intentId: intent.id, created, dealId: intent.dealId };
  });
  if (result.created && dealLeadMaker) {
    // The lead is stored whatever happens here; a deal the deals component refuses leaves it 「待对接」.
    const dealId = await dealLeadMaker(db, actor, { achievementId, roadshowId: id, note }).catch(() => null);
    if (dealId) await repo.setIntentDeal(db, result.intentId, dealId);
  }
  return { intentId: result.intentId, created: result.created };
}

export async function recordPeak(db: Db, id: string, viewers: number): Promise<void> {
  await repo.raisePeak(db, id, viewers);
}

/** What the portal's front page shows (registered with the portal component). */
export async function portalFeed(db: Db) {
  const { live, upcoming, held } = await repo.portalFeed(db, 5);
  const card = (r: (typeof live)[number]) => ({ id: r.id, title: r.title, status: r.status as 'live' | 'scheduled', startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), zoneName: r.zoneName });
  return { live: live.map(card), upcoming: upcoming.map(card), held };
}
