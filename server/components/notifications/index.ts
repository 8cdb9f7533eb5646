import type { Tx } from '../../lib/db.js';
import type { NotificationPush } from '../../../common/realtime.js';
import { insertNotifications, type NotificationRow } from './notifications.repository.js';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
}

type Listener = (n: NotificationPush & { userId: string }) => void;
const listeners = new Set<Listener>();
/** Real-time delivery hooks in here (Socket.IO /notifications); rows are the source of truth. Returns the unsubscribe. */
export function onNotification(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Writes notification rows (inside the caller's transaction) and returns them for delivery after commit. */
export async function notify(db: Tx, items: NewNotification[]) {
  if (!items.length) return [];
  return insertNotifications(db, items);
}

/** Pushes committed notifications to live listeners. */
export function deliver(rows: NotificationRow[]): void {
  for (const r of rows) for (const l of listeners) l({ id: r.id, userId: r.userId, kind: r.kind, title: r.title, link: r.link, createdAt: r.createdAt.toISOString() });
}

export { notificationRoutes } from './notifications.routes.js';
export { notificationSockets } from './notifications.socket.js';
