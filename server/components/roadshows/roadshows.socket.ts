/**
 * Namespace `/roadshow` (API.md): one room per roadshow. Every event runs through a zod schema with
 * parse() and a use case of roadshows.service; the ack carries `{ ok, ... }` or `{ ok:false, error }`.
 * Shared state (status, current item) is read from the roadshow row. Presence: each process counts its own
 * sockets in the room and tells the others its counts (a server-side emit through the adapter, when they
 * change and every few seconds); each pushes the sum to its own sockets, at most once a second.
 */
import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { RoadshowAck, RoadshowClientEvents, RoadshowServerEvents } from '../../../common/realtime.js';
import { askPayload, chatPayload, intentPayload, joinPayload, mutePayload, presentPayload, questionPayload } from '../../../common/schemas/roadshows.js';
import { isDbUnavailable, type Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { Realtime, SocketData } from '../../lib/realtime.js';
import { spansProcesses } from '../../lib/realtime-adapter.js';
import { parse } from '../../lib/validate.js';
import * as service from './roadshows.service.js';

const room = (id: string) => `rs:${id}`;
const leadsRoom = (id: string) => `rs:${id}:leads`;
const supplierRoom = (id: string, orgId: string) => `rs:${id}:org:${orgId}`;

type RoadshowSocket = Socket<RoadshowClientEvents, RoadshowServerEvents, Record<string, never>, SocketData>;

export interface RoadshowSocketDeps {
  db: Db;
  log: Logger;
  room: service.RoomConfig;
  /** Presence push interval (ms); 1000 in production. */
  presenceIntervalMs?: number;
}

/** What a process tells the others about its viewers (server-side emit `roadshow:presence`). */
interface PresenceReport {
  from: string;
  /** Roadshow id → sockets of that process in the room (rooms with none are left out). */
  counts: Record<string, number>;
}
/** A process re-sends its counts this often when nothing changed (ms), and counts older than STALE_MS are dropped. */
const PRESENCE_REPORT_MS = 5_000;
const PRESENCE_STALE_MS = 15_000;

/** Registers `/roadshow` on the shared Socket.IO server; returns the unsubscribe (server shutdown). */
export function roadshowSockets(realtime: Realtime, deps: RoadshowSocketDeps): () => void {
  const nsp = realtime.namespace<RoadshowClientEvents, RoadshowServerEvents>('/roadshow');
  const { db, log } = deps;
  const joined = new WeakMap<RoadshowSocket, Set<string>>();
  const dirty = new Set<string>();
  const local = (id: string) => nsp.adapter.rooms.get(room(id))?.size ?? 0;
  // The other processes' counts (only when the adapter spans processes: workers, app machines).
  const self = randomUUID();
  const clustered = spansProcesses(nsp.adapter);
  const others = new Map<string, { at: number; counts: Record<string, number> }>();
  /** Viewers of a roadshow on every process: this one's sockets plus the latest report of each other process. */
  const viewers = (id: string) => {
    let n = local(id);
    const now = Date.now();
    for (const [from, r] of others) {
      if (now - r.at > PRESENCE_STALE_MS) {
        others.delete(from);
        for (const rid of Object.keys(r.counts)) dirty.add(rid);
      } else n += r.counts[id] ?? 0;
    }
    return n;
  };
  const serverSide = nsp as unknown as Namespace;
  const onReport = (r: PresenceReport) => {
    if (!r || typeof r.from !== 'string' || r.from === self || typeof r.counts !== 'object') return;
    const before = others.get(r.from)?.counts ?? {};
    others.set(r.from, { at: Date.now(), counts: r.counts });
    for (const id of new Set([...Object.keys(before), ...Object.keys(r.counts)])) if (before[id] !== r.counts[id]) dirty.add(id);
  };
  if (clustered) serverSide.on('roadshow:presence', onReport);

  // PostgreSQL out of reach or its pool exhausted: the same answer as HTTP's 503, logged as a warning without
  // the stack, at most once a second (a failed chat batch refuses every message in it).
  let lastDbWarning = 0;
  const fail = (err: unknown): RoadshowAck => {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    if (isDbUnavailable(err)) {
      if (Date.now() - lastDbWarning > 1000) {
        lastDbWarning = Date.now();
        let cause = err as { message?: unknown; cause?: unknown };
        while (cause.cause && typeof cause.cause === 'object') cause = cause.cause as typeof cause;
        log.warn({ err: { message: String(cause.message) } }, 'roadshow socket: database unavailable');
      }
      return { ok: false, error: { code: 'db_unavailable', message: '数据库暂时不可用，请稍后重试' } };
    }
    log.error({ err }, 'roadshow socket handler failed');
    return { ok: false, error: { code: 'internal', message: '服务器内部错误，请稍后重试' } };
  };

  /** One handler shape: validate, run, ack (a missing ack is tolerated). */
  function on<S extends z.ZodType, R extends object>(socket: RoadshowSocket, event: keyof RoadshowClientEvents, schema: S, run: (p: z.output<S>) => Promise<R>) {
    (socket as unknown as Socket).on(event, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: RoadshowAck) => void) : () => undefined;
      try {
        const p = parse(schema, payload ?? {});
        reply({ ok: true, ...(await run(p)) });
      } catch (err) {
        reply(fail(err));
      }
    });
  }
  const requireJoined = (socket: RoadshowSocket, id: string) => {
    if (!joined.get(socket)?.has(id)) throw AppError.forbidden('请先进入路演直播间');
  };

  nsp.on('connection', (socket: RoadshowSocket) => {
    const actor = () => socket.data.actor;
    joined.set(socket, new Set());

    on(socket, 'roadshow:join', joinPayload, async ({ roadshowId }) => {
      const j = await service.joinRoom(deps, actor(), { id: roadshowId });
      await socket.join(room(roadshowId));
      if (j.host) await socket.join(leadsRoom(roadshowId));
      const orgId = actor().organizationId;
      if (orgId && j.supplierOrgs.includes(orgId)) await socket.join(supplierRoom(roadshowId, orgId));
      joined.get(socket)!.add(roadshowId);
      dirty.add(roadshowId);
      return { state: service.stateOf(j.row, viewers(roadshowId)), questions: j.questions, chat: j.chat, role: { host: j.host, moderator: j.moderator } };
    });

    on(socket, 'roadshow:leave', joinPayload, async ({ roadshowId }) => {
      for (const r of [...socket.rooms]) if (r === room(roadshowId) || r.startsWith(`${room(roadshowId)}:`)) await socket.leave(r);
      joined.get(socket)!.delete(roadshowId);
      dirty.add(roadshowId);
      return {};
    });

    on(socket, 'roadshow:present', presentPayload, async ({ roadshowId, itemIndex }) => {
      const row = await service.present(deps, actor(), { id: roadshowId, itemIndex });
      return { state: service.stateOf(row, viewers(roadshowId)) };
    });

    on(socket, 'question:ask', askPayload, async ({ roadshowId, text }) => {
      requireJoined(socket, roadshowId);
      return { question: await service.ask(deps, actor(), { id: roadshowId, text }) };
    });
    on(socket, 'question:upvote', questionPayload, async ({ questionId }) => ({ question: await service.upvoteQuestion(deps, actor(), { questionId }) }));
    on(socket, 'question:answer', questionPayload, async ({ questionId }) => ({ question: await service.decideQuestion(deps, actor(), { questionId, status: 'answered' }) }));
    on(socket, 'question:hide', questionPayload, async ({ questionId }) => ({ question: await service.decideQuestion(deps, actor(), { questionId, status: 'hidden' }) }));

    on(socket, 'chat:send', chatPayload, async ({ roadshowId, text }) => {
      requireJoined(socket, roadshowId);
      return { message: await service.sendChat(deps, actor(), { id: roadshowId, text }) };
    });
    on(socket, 'chat:mute', mutePayload, async ({ roadshowId, userId }) => {
      await service.mute(deps, actor(), { id: roadshowId, userId });
      return {};
    });

    on(socket, 'intent:express', intentPayload, async ({ roadshowId, achievementId, note }) => {
      requireJoined(socket, roadshowId);
      return service.expressIntent(deps, actor(), { id: roadshowId, achievementId, note: note ?? null });
    });

    socket.on('disconnecting', () => {
      for (const id of joined.get(socket) ?? []) dirty.add(id);
    });
  });

  const off = service.onRoadshowEvent((e) => {
    switch (e.type) {
      case 'state':
        nsp.to(room(e.roadshowId)).emit('roadshow:state', { roadshowId: e.roadshowId, status: e.status, currentItem: e.currentItem, viewers: viewers(e.roadshowId) });
        break;
      case 'question:new':
      case 'question:updated':
        nsp.to(room(e.roadshowId)).emit(e.type, e.question);
        break;
      case 'chat:new':
        nsp.to(room(e.roadshowId)).emit('chat:new', e.message);
        break;
      case 'chat:muted':
        nsp.to(room(e.roadshowId)).emit('chat:muted', { roadshowId: e.roadshowId, userId: e.userId });
        break;
      case 'intent:new':
        nsp.to([leadsRoom(e.roadshowId), supplierRoom(e.roadshowId, e.supplierOrgId)]).emit('intent:new', e.intent);
        break;
    }
  });

  // presence:count at most once a second per room, and only when it changed; the peak is kept in the row.
  // Each process pushes the sum to its own sockets only (`local`): the count is the same everywhere, so
  // nothing crosses processes but the reports. Volatile: a connection that is still writing earlier packets
  // skips a count rather than queue it, so a count that did not reach everyone is sent again (unchanged)
  // every REFRESH_TICKS intervals.
  const REFRESH_TICKS = 10;
  const last = new Map<string, { n: number; ticks: number }>();
  const reported = new Map<string, number>();
  let lastReport = 0;
  const report = () => {
    const counts: Record<string, number> = {};
    for (const [name, sockets] of nsp.adapter.rooms) {
      const m = /^rs:([^:]+)$/.exec(name);
      if (m && sockets.size > 0) counts[m[1]!] = sockets.size;
    }
    const changed = Object.keys(counts).length !== reported.size || Object.entries(counts).some(([id, n]) => reported.get(id) !== n);
    // Unchanged: again every PRESENCE_REPORT_MS while there are viewers here (an empty report is not repeated).
    if (!changed && (reported.size === 0 || Date.now() - lastReport < PRESENCE_REPORT_MS)) return;
    reported.clear();
    for (const [id, n] of Object.entries(counts)) reported.set(id, n);
    lastReport = Date.now();
    serverSide.serverSideEmit('roadshow:presence', { from: self, counts } satisfies PresenceReport);
  };
  const timer = setInterval(() => {
    if (clustered) report();
    for (const [id, seen] of last) if (++seen.ticks >= REFRESH_TICKS) dirty.add(id);
    for (const id of [...dirty]) {
      dirty.delete(id);
      const n = viewers(id);
      const seen = last.get(id);
      if (seen?.n === n && seen.ticks < REFRESH_TICKS) continue;
      if (n === 0) last.delete(id);
      else last.set(id, { n, ticks: 0 });
      if (local(id) > 0) nsp.local.to(room(id)).volatile.emit('presence:count', { roadshowId: id, viewers: n });
      if (n > 0 && seen?.n !== n) service.recordPeak(db, id, n).catch((err: unknown) => log.warn({ err }, 'roadshow peak not recorded'));
    }
  }, deps.presenceIntervalMs ?? 1000);
  timer.unref();

  return () => {
    off();
    clearInterval(timer);
    if (clustered) {
      serverSide.off('roadshow:presence', onReport);
      // The others drop this process's viewers now rather than when its report goes stale.
      serverSide.serverSideEmit('roadshow:presence', { from: self, counts: {} } satisfies PresenceReport);
    }
    // Chat messages waiting for their batch are written (and acked) before the sockets close.
    service.flushChat().catch((err: unknown) => log.warn({ err }, 'roadshow chat batch not written at shutdown'));
  };
}
