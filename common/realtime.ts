/** Socket.IO events shared by server and client (API.md "Real-time"), named `component:action`. */
import type { z } from 'zod';
import type { negotiationMessageSchema } from './schemas/deals.js';

/** What the `/notifications` namespace pushes to the logged-in user. */
export interface NotificationPush {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  createdAt: string;
}

export interface NotificationsServerEvents {
  'notification:new': (n: NotificationPush) => void;
}

/** The `/notifications` namespace takes nothing from the client: it only listens. */
export type NotificationsClientEvents = Record<string, never>;

/** Error codes a connection can be refused with (`connect_error` → `err.data.code`). */
export type SocketRefusal = 'unauthenticated' | 'csrf_failed';

/** A stored negotiation message as `message:new`, `deal:sync` and `GET /api/deals/:id/messages` carry it. */
export type NegotiationMessage = z.infer<typeof negotiationMessageSchema>;

export interface SocketError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
export type Ack<T> = (answer: ({ ok: true } & T) | { ok: false; error: SocketError }) => void;

/** Namespace `/negotiation` (API.md): what the client sends, each with an acknowledgement. */
export interface NegotiationClientEvents {
  'deal:join': (p: { dealId: string }, ack: Ack<{ lastSeq: number }>) => void;
  'deal:leave': (p: { dealId: string }, ack?: Ack<object>) => void;
  /** Acked `{ ok, seq }` only after the message is stored; the same clientMsgId acks the same seq. */
  'message:send': (p: Record<string, unknown>, ack: Ack<{ seq: number; duplicate: boolean }>) => void;
  'deal:sync': (p: { dealId: string; afterSeq: number }, ack: Ack<{ messages: NegotiationMessage[]; lastSeq: number }>) => void;
  'deal:read': (p: { dealId: string; seq: number }, ack?: Ack<{ lastReadSeq: number; unread: number }>) => void;
}

export interface NegotiationServerEvents {
  'message:new': (m: NegotiationMessage) => void;
  /** The deal changed (stage, participants, offers): refetch it. */
  'deal:updated': (p: { dealId: string; stage: string }) => void;
}

// Namespace `/roadshow` (API.md): the room of one roadshow.

export interface RoadshowState {
  roadshowId: string;
  status: 'draft' | 'scheduled' | 'live' | 'ended' | 'cancelled';
  /** Agenda index of the item being presented. */
  currentItem: number;
  viewers: number;
}

export interface RoadshowQuestion {
  id: string;
  roadshowId: string;
  authorName: string;
  itemIndex: number | null;
  text: string;
  votes: number;
  status: 'open' | 'answered' | 'hidden';
  createdAt: string;
}

export interface RoadshowChatMessage {
  id: string;
  roadshowId: string;
  userId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface RoadshowIntentPush {
  id: string;
  roadshowId: string;
  achievementId: string;
  achievementTitle: string;
  organizationName: string;
  userName: string;
  note: string | null;
  createdAt: string;
}

export type RoadshowAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; details?: unknown } };

export interface RoadshowServerEvents {
  'roadshow:state': (s: RoadshowState) => void;
  'presence:count': (p: { roadshowId: string; viewers: number }) => void;
  'question:new': (q: RoadshowQuestion) => void;
  'question:updated': (q: RoadshowQuestion) => void;
  'chat:new': (m: RoadshowChatMessage) => void;
  'chat:muted': (m: { roadshowId: string; userId: string }) => void;
  'intent:new': (i: RoadshowIntentPush) => void;
}

type RoadshowAckFn<T extends object = object> = (r: RoadshowAck<T>) => void;
export interface RoadshowClientEvents {
  'roadshow:join': (p: { roadshowId: string }, ack: RoadshowAckFn<{ state: RoadshowState; questions: RoadshowQuestion[]; chat: RoadshowChatMessage[]; role: { host: boolean; moderator: boolean } }>) => void;
  'roadshow:leave': (p: { roadshowId: string }, ack?: RoadshowAckFn) => void;
  'roadshow:present': (p: { roadshowId: string; itemIndex: number }, ack: RoadshowAckFn<{ state: RoadshowState }>) => void;
  'question:ask': (p: { roadshowId: string; text: string }, ack: RoadshowAckFn<{ question: RoadshowQuestion }>) => void;
  'question:upvote': (p: { questionId: string }, ack: RoadshowAckFn<{ question: RoadshowQuestion }>) => void;
  'question:answer': (p: { questionId: string }, ack: RoadshowAckFn<{ question: RoadshowQuestion }>) => void;
  'question:hide': (p: { questionId: string }, ack: RoadshowAckFn<{ question: RoadshowQuestion }>) => void;
  'chat:send': (p: { roadshowId: string; text: string }, ack: RoadshowAckFn<{ message: RoadshowChatMessage }>) => void;
  'chat:mute': (p: { roadshowId: string; userId: string }, ack: RoadshowAckFn) => void;
  'intent:express': (p: { roadshowId: string; achievementId: string; note?: string | null }, ack: RoadshowAckFn<{ intentId: string; created: boolean }>) => void;
}
