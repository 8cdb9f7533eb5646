import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { serverLanguage } from './api';

/** The handshake's `auth`: the UI language for error acks, read again at every (re)connection. */
export const SOCKET_AUTH: SocketOptions['auth'] = (cb) => cb({ lang: serverLanguage() });

/**
 * Options for every Socket.IO connection of the web client: `io('/namespace', SOCKET_OPTIONS)`. WebSocket first:
 * one TCP connection, so it works whatever process (WORKERS > 1) or machine (behind nginx) it reaches, and servers
 * with several workers accept only it (SOCKET_POLLING=false). HTTP long-polling stays as the fallback where a proxy
 * blocks WebSocket (single-process servers accept it).
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = { withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true, auth: SOCKET_AUTH };
