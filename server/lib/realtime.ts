/** Socket.IO on the HTTP server: the session cookie or a bearer token authenticates each connection. */
import type http from 'node:http';
import type { RequestHandler } from 'express';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { SocketRefusal } from '../../common/realtime.js';
import type { Db } from './db.js';
import type { Actor } from '../components/auth/index.js';
import { actorFromToken, loadActor, onSessionEnded } from '../components/auth/index.js';

export interface SocketData {
  actor: Actor;
}

const sessionRoom = (sessionId: string) => `session:${sessionId}`;
const refuse = (code: SocketRefusal, message: string) => Object.assign(new Error(message), { data: { code } });

export interface Realtime {
  io: Server;
  /** Stops listening for logouts (server shutdown). */
  close(): void;
  /** A namespace whose every connection is authenticated (`socket.data.actor`); unknown namespaces stay refused. */
  namespace<C extends object, S extends object>(name: string): Namespace<C, S, Record<string, never>, SocketData>;
}

/**
 * One Socket.IO server for every namespace. The express-session middleware runs on the handshake, so
 * a browser tab shares its login; integrations pass `auth: { token }` (an API token).
 */
export function createRealtime(server: http.Server, deps: { db: Db; session: RequestHandler; publicOrigins: string[] }): Realtime {
  // Same origin only: no CORS, so another site's page cannot read the polling transport's answers.
  const io = new Server(server, { serveClient: false });
  io.engine.use(deps.session);
  const namespaces: Namespace[] = [];
  // A logout closes the connections its session opened, in every tab (a shared office computer).
  const off = onSessionEnded((sessionId) => {
    for (const nsp of namespaces) nsp.in(sessionRoom(sessionId)).disconnectSockets(true);
  });
  return {
    io,
    close: off,
    namespace: <C extends object, S extends object>(name: string) => {
      const nsp = io.of(name) as unknown as Namespace<C, S, Record<string, never>, SocketData>;
      namespaces.push(nsp as unknown as Namespace);
      nsp.use((socket, next) => {
        authenticateSocket(socket, deps).then(
          (actor) => {
            socket.data.actor = actor;
            next();
          },
          (err: Error) => next(err),
        );
      });
      nsp.on('connection', (socket) => {
        const sessionId = (socket.request as { sessionID?: string }).sessionID;
        if (!socket.handshake.auth?.token && sessionId) void socket.join(sessionRoom(sessionId));
      });
      return nsp;
    },
  };
}

async function authenticateSocket(socket: Socket, deps: { db: Db; publicOrigins: string[] }): Promise<Actor> {
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token === 'string' && token) {
    const actor = await actorFromToken(deps.db, token);
    if (!actor) throw refuse('unauthenticated', '访问令牌无效或已撤销');
    return actor;
  }
  // Cookie logins: a WebSocket from another site's page carries our cookie and its own Origin (cross-site WebSocket hijacking).
  const origin = socket.handshake.headers.origin;
  if (origin && !deps.publicOrigins.includes(origin) && hostOf(origin) !== socket.handshake.headers.host) throw refuse('csrf_failed', '请求来源校验失败（跨站连接已拦截）');
  const userId = (socket.request as { session?: { passport?: { user?: string } } }).session?.passport?.user;
  const actor = userId ? await loadActor(deps.db, userId) : null;
  if (!actor) throw refuse('unauthenticated', '请先登录');
  return actor;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
