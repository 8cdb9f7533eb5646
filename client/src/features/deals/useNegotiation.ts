import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SOCKET_OPTIONS } from '../../shared/socket';
import type { NegotiationClientEvents, NegotiationMessage, NegotiationServerEvents } from '@common/realtime.js';

export interface Outgoing {
  clientMsgId: string;
  kind: NegotiationMessage['kind'];
  body?: string;
  offer?: Record<string, unknown>;
  offerId?: string;
  /** File ids (POST /api/files) sent with the message. */
  attachments?: string[];
  /** Their names, shown while the message is pending. */
  attachmentNames?: string[];
}
export interface PendingMessage extends Outgoing {
  error: string | null;
}

type Answer = { ok: true; seq?: number; lastSeq?: number; messages?: NegotiationMessage[] } | { ok: false; error: { code: string; message: string } };

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The negotiation room of one deal: joins, catches up with deal:sync after every (re)connect, keeps
 * the history by seq (no duplicates), and resends every unacknowledged message with its clientMsgId
 * after a reconnect, so nothing typed is lost or doubled.
 */
export function useNegotiation(dealId: string, onDealChanged: () => void) {
  const [messages, setMessages] = useState<NegotiationMessage[]>([]);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [online, setOnline] = useState(false);
  const socketRef = useRef<Socket<NegotiationServerEvents, NegotiationClientEvents> | null>(null);
  const pendingRef = useRef(new Map<string, PendingMessage>());
  const lastSeq = useRef(0);
  const changed = useRef(onDealChanged);
  changed.current = onDealChanged;

  const merge = useCallback((incoming: NegotiationMessage[]) => {
    if (!incoming.length) return;
    for (const m of incoming) {
      lastSeq.current = Math.max(lastSeq.current, m.seq);
      if (m.clientMsgId) pendingRef.current.delete(m.clientMsgId);
    }
    setPending([...pendingRef.current.values()]);
    setMessages((current) => {
      const bySeq = new Map(current.map((m) => [m.seq, m]));
      for (const m of incoming) bySeq.set(m.seq, m);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
  }, []);

  const emitSend = useCallback(
    (out: Outgoing) => {
      const socket = socketRef.current;
      if (!socket?.connected) return;
      const { attachmentNames: _names, ...wire } = out;
      socket.timeout(15_000).emit('message:send', { dealId, ...wire }, (err: Error | null, answer?: Answer) => {
        if (err || !answer) return; // no answer: resent after the next reconnect
        if (!answer.ok) {
          const p = pendingRef.current.get(out.clientMsgId);
          if (p) pendingRef.current.set(out.clientMsgId, { ...p, error: answer.error.message });
          setPending([...pendingRef.current.values()]);
          return;
        }
        // The message itself arrives as message:new (or through the next sync).
      });
    },
    [dealId],
  );

  useEffect(() => {
    const socket: Socket<NegotiationServerEvents, NegotiationClientEvents> = io('/negotiation', SOCKET_OPTIONS);
    socketRef.current = socket;
    const sync = async () => {
      for (;;) {
        const answer = (await socket.timeout(15_000).emitWithAck('deal:sync', { dealId, afterSeq: lastSeq.current })) as Answer;
        if (!answer.ok || !answer.messages?.length) return;
        merge(answer.messages);
        if (lastSeq.current >= (answer.lastSeq ?? 0)) return;
      }
    };
    socket.on('connect', () => {
      setOnline(true);
      void (async () => {
        const joined = (await socket.timeout(15_000).emitWithAck('deal:join', { dealId })) as Answer;
        if (!joined.ok) return;
        await sync();
        for (const p of pendingRef.current.values()) if (!p.error) emitSend(p);
      })().catch(() => undefined);
    });
    socket.on('disconnect', () => setOnline(false));
    socket.on('message:new', (m) => {
      if (m.dealId !== dealId) return;
      merge([m]);
      if (m.kind !== 'text') changed.current();
    });
    socket.on('deal:updated', (p) => p.dealId === dealId && changed.current());
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [dealId, merge, emitSend]);

  const send = useCallback(
    (out: Omit<Outgoing, 'clientMsgId'>) => {
      const message: PendingMessage = { ...out, clientMsgId: newId(), error: null };
      pendingRef.current.set(message.clientMsgId, message);
      setPending([...pendingRef.current.values()]);
      emitSend(message);
    },
    [emitSend],
  );

  const discard = useCallback((clientMsgId: string) => {
    pendingRef.current.delete(clientMsgId);
    setPending([...pendingRef.current.values()]);
  }, []);

  const lastMarked = useRef(0);
  /** Moves the read marker (once per new seq: pages call it on every render). */
  const markRead = useCallback(
    (seq: number) => {
      if (seq <= lastMarked.current || !socketRef.current?.connected) return;
      lastMarked.current = seq;
      socketRef.current.emit('deal:read', { dealId, seq });
    },
    [dealId],
  );

  return { messages, pending, online, send, discard, markRead };
}
