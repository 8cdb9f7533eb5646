import { z } from 'zod';
import type { NegotiationClientEvents, NegotiationServerEvents, SocketError } from '../../../common/realtime.js';
import { socketSendSchema } from '../../../common/schemas/deals.js';
import { AppError } from '../../lib/errors.js';
import { logger } from '../../lib/logger.js';
import type { Realtime } from '../../lib/realtime.js';
import { parse } from '../../lib/validate.js';
import * as service from './deals.service.js';

const room = (dealId: string) => `deal:${dealId}`;
const dealRef = z.strictObject({ dealId: z.uuid({ error: '洽谈编号无效' }) });
const syncSchema = z.strictObject({ dealId: z.uuid({ error: '洽谈编号无效' }), afterSeq: z.number({ error: 'afterSeq 应为整数' }).int().min(0).default(0) });
const readSchema = z.strictObject({ dealId: z.uuid({ error: '洽谈编号无效' }), seq: z.number().int().min(0) });
/** deal:sync answers at most this many messages; the client asks again from the last seq it got. */
const SYNC_LIMIT = 500;

/** AppErrors keep their code; a deal the user may not see is `forbidden` here (API.md), whether it exists or not. */
function toSocketError(err: unknown): SocketError {
  if (err instanceof AppError) {
    if (err.code === 'not_found') return { code: 'forbidden', message: '您不是该洽谈的参与方' };
    return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
  logger.error({ err }, 'negotiation event failed');
  return { code: 'internal', message: '服务器内部错误，请稍后重试' };
}

function handle<T extends object>(ack: unknown, work: () => Promise<T>): void {
  const reply = typeof ack === 'function' ? (ack as (a: unknown) => void) : () => undefined;
  work().then(
    (result) => reply({ ok: true, ...result }),
    (err: unknown) => reply({ ok: false, error: toSocketError(err) }),
  );
}

/**
 * Namespace `/negotiation` (API.md): join (participants only), send (acked after the row commits),
 * sync from a seq, read markers. Every handler calls the same use case as its REST twin. Messages are
 * emitted to the room from the committed-event hook, so REST-sent messages reach the room too, and
 * with the PostgreSQL adapter the broadcast reaches every process. Returns the unsubscribe.
 */
export function negotiationSockets(realtime: Realtime, deps: service.DealsDeps): () => void {
  const nsp = realtime.namespace<NegotiationClientEvents, NegotiationServerEvents>('/negotiation');
  nsp.on('connection', (socket) => {
    const actor = socket.data.actor;
    socket.on('deal:join', (p, ack) =>
      handle(ack, async () => {
        const { dealId } = parse(dealRef, p);
        const joined = await service.joinDeal(deps, actor, { id: dealId });
        await socket.join(room(dealId));
        return joined;
      }),
    );
    socket.on('deal:leave', (p, ack) =>
      handle(ack, async () => {
        const { dealId } = parse(dealRef, p);
        await socket.leave(room(dealId));
        return {};
      }),
    );
    socket.on('message:send', (p, ack) =>
      handle(ack, async () => {
        const { dealId, ...input } = parse(socketSendSchema, p);
        const { message, duplicate } = await service.sendMessage(deps, actor, { id: dealId, ...input });
        return { seq: message.seq, duplicate };
      }),
    );
    socket.on('deal:sync', (p, ack) =>
      handle(ack, async () => {
        const { dealId, afterSeq } = parse(syncSchema, p);
        const { items, lastSeq } = await service.listMessages(deps, actor, { id: dealId, afterSeq, limit: SYNC_LIMIT });
        return { messages: items, lastSeq };
      }),
    );
    socket.on('deal:read', (p, ack) =>
      handle(ack, async () => {
        const { dealId, seq } = parse(readSchema, p);
        return service.markRead(deps, actor, { id: dealId, seq });
      }),
    );
  });

  return service.onDealEvent((e) => {
    if (e.type === 'deal') {
      nsp.to(room(e.dealId)).emit('deal:updated', { dealId: e.dealId, stage: e.stage });
      return;
    }
    nsp.to(room(e.dealId)).emit('message:new', e.message as Parameters<NegotiationServerEvents['message:new']>[0]);
    // Who is in the room right now (across processes with the adapter); the others get a notification.
    const others = e.memberIds.filter((u) => u !== e.senderId);
    if (!others.length) return;
    nsp
      .in(room(e.dealId))
      .fetchSockets()
      .then((sockets) => {
        const present = new Set(sockets.map((s) => s.data.actor.id));
        return others.every((u) => present.has(u)) ? undefined : service.notifyAbsent(deps, e.dealId, e.message.seq, e.senderId, present);
      })
      .catch((err: unknown) => logger.warn({ err, dealId: e.dealId }, 'could not notify absent deal participants'));
  });
}
