import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  RoadshowAck,
  RoadshowChatMessage,
  RoadshowClientEvents,
  RoadshowIntentPush,
  RoadshowQuestion,
  RoadshowServerEvents,
  RoadshowState,
} from '@common/realtime.js';
import { SOCKET_AUTH } from '../../shared/socket';

type RoomSocket = Socket<RoadshowServerEvents, RoadshowClientEvents>;

export interface Room {
  connected: boolean;
  /** A refusal of the join (e.g. registration required), shown instead of the room. */
  joinError: { code: string; message: string } | null;
  state: RoadshowState | null;
  role: { host: boolean; moderator: boolean };
  questions: RoadshowQuestion[];
  chat: RoadshowChatMessage[];
  intents: RoadshowIntentPush[];
  mutedUsers: Set<string>;
  /** Emits an event and resolves with its ack (errors are `{ ok:false, error }`). */
  emit: <E extends keyof RoadshowClientEvents>(event: E, payload: Parameters<RoadshowClientEvents[E]>[0]) => Promise<RoadshowAck<Record<string, unknown>>>;
}

const byVotes = (a: RoadshowQuestion, b: RoadshowQuestion) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt);

/** Joins the `/roadshow` room of one roadshow; rejoins after every reconnect (the ack carries the current state). */
export function useRoadshowRoom(roadshowId: string | undefined, onState?: (s: RoadshowState) => void): Room {
  const [connected, setConnected] = useState(false);
  const [joinError, setJoinError] = useState<Room['joinError']>(null);
  const [state, setState] = useState<RoadshowState | null>(null);
  const [role, setRole] = useState({ host: false, moderator: false });
  const [questions, setQuestions] = useState<RoadshowQuestion[]>([]);
  const [chat, setChat] = useState<RoadshowChatMessage[]>([]);
  const [intents, setIntents] = useState<RoadshowIntentPush[]>([]);
  const [mutedUsers, setMuted] = useState<Set<string>>(new Set());
  const socketRef = useRef<RoomSocket | null>(null);
  const stateCallback = useRef(onState);
  stateCallback.current = onState;

  useEffect(() => {
    if (!roadshowId) return;
    const socket: RoomSocket = io('/roadshow', { withCredentials: true, auth: SOCKET_AUTH });
    socketRef.current = socket;
    const join = () => {
      socket.emit('roadshow:join', { roadshowId }, (ack) => {
        if (!ack.ok) {
          setJoinError(ack.error);
          return;
        }
        setJoinError(null);
        setState(ack.state);
        setRole(ack.role);
        setQuestions([...ack.questions].sort(byVotes));
        setChat(ack.chat);
        stateCallback.current?.(ack.state);
      });
    };
    socket.on('connect', () => {
      setConnected(true);
      join();
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('roadshow:state', (s) => {
      if (s.roadshowId !== roadshowId) return;
      setState(s);
      stateCallback.current?.(s);
    });
    socket.on('presence:count', (p) => p.roadshowId === roadshowId && setState((s) => (s ? { ...s, viewers: p.viewers } : s)));
    const upsert = (q: RoadshowQuestion) =>
      q.roadshowId === roadshowId && setQuestions((list) => [...list.filter((x) => x.id !== q.id), q].sort(byVotes));
    socket.on('question:new', upsert);
    socket.on('question:updated', upsert);
    socket.on('chat:new', (m) => m.roadshowId === roadshowId && setChat((list) => [...list.slice(-199), m]));
    socket.on('chat:muted', (m) => m.roadshowId === roadshowId && setMuted((s) => new Set(s).add(m.userId)));
    socket.on('intent:new', (i) => i.roadshowId === roadshowId && setIntents((list) => [i, ...list.filter((x) => x.id !== i.id)]));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [roadshowId]);

  const emit = useCallback<Room['emit']>(
    (event, payload) =>
      new Promise((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) {
          resolve({ ok: false, error: { code: 'offline', message: '' } });
          return;
        }
        (socket.timeout(10_000) as unknown as Socket).emit(event, payload, (err: Error | null, ack: RoadshowAck<Record<string, unknown>>) =>
          resolve(err ? { ok: false, error: { code: 'timeout', message: '' } } : ack),
        );
      }),
    [],
  );

  return { connected, joinError, state, role, questions, chat, intents, mutedUsers, emit };
}
