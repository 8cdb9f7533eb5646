import type { Namespace, Server } from 'socket.io';
import type { NotificationsClientEvents, NotificationsServerEvents } from '../../../common/realtime.js';
import type { SocketData } from '../../lib/realtime.js';
import { onNotification } from './index.js';

const room = (userId: string) => `user:${userId}`;

/**
 * Namespace `/notifications`: each connection joins its user's room and receives `notification:new`
 * for every notification row committed for that user. Returns the unsubscribe (server shutdown).
 */
export function notificationSockets(io: Server): () => void {
  const nsp = io.of('/notifications') as Namespace<NotificationsClientEvents, NotificationsServerEvents, Record<string, never>, SocketData>;
  nsp.on('connection', (socket) => {
    void socket.join(room(socket.data.actor.id));
  });
  return onNotification(({ userId, ...push }) => {
    nsp.to(room(userId)).emit('notification:new', push);
  });
}
