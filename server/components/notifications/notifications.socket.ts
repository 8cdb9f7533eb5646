import type { NotificationsClientEvents, NotificationsServerEvents } from '../../../common/realtime.js';
import type { Realtime } from '../../lib/realtime.js';
import { onNotification } from './index.js';

const room = (userId: string) => `user:${userId}`;

/**
 * Namespace `/notifications`: each connection joins its user's room and receives `notification:new`
 * for every notification row committed for that user. Returns the unsubscribe (server shutdown).
 */
export function notificationSockets(realtime: Realtime): () => void {
  const nsp = realtime.namespace<NotificationsClientEvents, NotificationsServerEvents>('/notifications');
  nsp.on('connection', (socket) => {
    void socket.join(room(socket.data.actor.id));
  });
  return onNotification(({ userId, ...push }) => {
    nsp.to(room(userId)).emit('notification:new', push);
  });
}
