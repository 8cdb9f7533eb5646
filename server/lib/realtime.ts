/** Socket.IO on the HTTP server: the session cookie or a bearer token authenticates each connection. */
import type http from 'node:http';
import type { RequestHandler } from 'express';
import { Server, type Namespace, type ServerOptions, type Socket } from 'socket.io';
import type { SocketRefusal } from '../../common/realtime.js';
import type { Db } from './db.js';
import { languageTag, localizeError, parseAcceptLanguage, translateMessage, type ErrorBody, type Language } from './i18n.js';
import type { Actor, Credential } from '../components/auth/index.js';
import { activeActor, onCredentialEnded, tokenLogin } from '../components/auth/index.js';

export interface SocketData {
  actor: Actor;
  /** What the connection was opened with; it closes when that session logs out or that token is revoked. */
  credential: Credential;
  /** The language of error messages in acks: the client's `auth.lang`, else the handshake's Accept-Language. */
  lang: Language;
}

export interface Realtime {
  io: Server;
  /** Stops listening for logouts and revocations (server shutdown). */
  close(): void;
  /** A namespace whose every connection is authenticated (`socket.data.actor`); undeclared namespaces are refused. */
  namespace<C extends object, S extends object>(name: string): Namespace<C, S, Record<string, never>, SocketData>;
}

const credentialRoom = (c: Credential) => `${c.kind}:${c.id}`;
const refuse = (code: SocketRefusal, message: string) => Object.assign(new Error(message), { data: { code } });

/** The language a connection asked for: `auth: { lang }` (the web client's UI language), else Accept-Language. */
export function socketLanguage(socket: Socket): Language {
  return languageTag((socket.handshake.auth as { lang?: unknown } | undefined)?.lang) ?? parseAcceptLanguage(socket.handshake.headers['accept-language']);
}

/** A refusal (`{ data: { code } }`) with its message in `lang`; other errors pass unchanged. */
function localizeRefusal(err: Error, lang: Language): Error {
  const data = (err as { data?: unknown }).data;
  return data ? Object.assign(new Error(translateMessage(err.message, lang)), { data }) : err;
}

/** An ack `{ ok: false, error: { code, message, details } }` with its messages in `lang`; anything else unchanged. */
function localizeAck(reply: unknown, lang: Language): unknown {
  if (lang === 'zh-CN' || !reply || typeof reply !== 'object') return reply;
  const error = (reply as { error?: unknown }).error;
  if (!error || typeof error !== 'object' || typeof (error as { message?: unknown }).message !== 'string') return reply;
  return { ...reply, error: localizeError(error as ErrorBody, lang) };
}

/**
 * One Socket.IO server for every namespace. The express-session middleware runs on the handshake, so
 * a browser tab shares its login; integrations pass `auth: { token }` (an API token).
 */
export function createRealtime(server: http.Server, deps: { db: Db; session: RequestHandler; publicOrigins: string[]; trustProxy: boolean; options?: Partial<ServerOptions> }): Realtime {
  // Same origin only: no CORS, so another site's page cannot read the polling transport's answers.
  // `options`: the adapter that spans processes and the transports (server/serve.ts).
  const io = new Server(server, { serveClient: false, ...deps.options });
  // The session is read once, at the handshake (the first request carries no engine.io `sid`), not on every polling request.
  io.engine.use(((req, res, next) => ((req as unknown as { _query: { sid?: string } })._query.sid === undefined ? deps.session(req, res, next) : next())) as RequestHandler);
  // The default namespace serves nothing: refuse it rather than hold anonymous connections.
  io.use((socket, next) => next(localizeRefusal(refuse('unauthenticated', '请连接具体的命名空间'), socketLanguage(socket))));
  const namespaces: Namespace[] = [];
  const off = onCredentialEnded((credential) => {
    for (const nsp of namespaces) nsp.in(credentialRoom(credential)).disconnectSockets(true);
  });
  return {
    io,
    close: off,
    namespace: <C extends object, S extends object>(name: string) => {
      const nsp = io.of(name) as unknown as Namespace<C, S, Record<string, never>, SocketData>;
      namespaces.push(nsp as unknown as Namespace);
      nsp.use((socket, next) => {
        socket.data.lang = socketLanguage(socket as unknown as Socket);
        authenticateSocket(socket, deps).then(
          (login) => {
            socket.data.actor = login.actor;
            socket.data.credential = login.credential;
            next();
          },
          (err: Error) => next(localizeRefusal(err, socket.data.lang)),
        );
      });
      nsp.on('connection', (socket) => {
        void socket.join(credentialRoom(socket.data.credential));
        // Error acks in the connection's language: every handler's ack (the last argument) is wrapped once, here.
        socket.use((packet, next) => {
          const last = packet.length - 1;
          const ack = packet[last] as unknown;
          if (typeof ack === 'function') packet[last] = (reply: unknown) => (ack as (r: unknown) => void)(localizeAck(reply, socket.data.lang));
          next();
        });
      });
      return nsp;
    },
  };
}

async function authenticateSocket(socket: Socket, deps: { db: Db; publicOrigins: string[]; trustProxy: boolean }): Promise<{ actor: Actor; credential: Credential }> {
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token === 'string' && token) {
    const login = await tokenLogin(deps.db, token);
    if (!login) throw refuse('unauthenticated', '访问令牌无效或已撤销');
    return { actor: login.actor, credential: { kind: 'token', id: login.tokenId } };
  }
  // Cookie logins: a WebSocket from another site's page carries our cookie and its own Origin (cross-site
  // WebSocket hijacking). The whole origin must match: ours as this connection sees it (the scheme from
  // X-Forwarded-Proto only when TRUST_PROXY), or one of PUBLIC_ORIGINS (set it behind a TLS proxy).
  const origin = socket.handshake.headers.origin;
  if (origin && !deps.publicOrigins.includes(origin) && origin !== selfOrigin(socket, deps.trustProxy)) throw refuse('csrf_failed', '请求来源校验失败（跨站连接已拦截）');
  const request = socket.request as { session?: { passport?: { user?: string } }; sessionID?: string };
  const userId = request.session?.passport?.user;
  const actor = userId ? await activeActor(deps.db, userId) : null;
  if (!actor || !request.sessionID) throw refuse('unauthenticated', '请先登录');
  return { actor, credential: { kind: 'session', id: request.sessionID } };
}

function selfOrigin(socket: Socket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-proto'];
  const proto = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : socket.handshake.secure ? 'https' : 'http';
  return `${proto}://${socket.handshake.headers.host ?? ''}`;
}
