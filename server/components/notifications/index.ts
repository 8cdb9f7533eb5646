import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import { idParam, pagination } from '../../lib/validate.js';
import type { NotificationPush } from '../../../common/realtime.js';
import { notifications } from './notifications.tables.js';

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
  const rows = await db.insert(notifications).values(items.map((n) => ({ ...n, body: n.body ?? null, link: n.link ?? null }))).returning();
  return rows;
}

/** Pushes committed notifications to live listeners. */
export function deliver(rows: (typeof notifications.$inferSelect)[]): void {
  for (const r of rows) for (const l of listeners) l({ id: r.id, userId: r.userId, kind: r.kind, title: r.title, link: r.link, createdAt: r.createdAt.toISOString() });
}

export function notificationRoutes(db: Db) {
  const api = apiRouter('notifications');
  api.get(
    '/api/notifications',
    { summary: '我的通知', access: 'user', query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pagination }) },
    async ({ actor, query }) => {
      const conds: SQL[] = [eq(notifications.userId, actor.id)];
      if (query.unread === 'true') conds.push(isNull(notifications.readAt));
      const [items, [total], [unread]] = await Promise.all([
        db.select().from(notifications).where(and(...conds)).orderBy(desc(notifications.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(notifications).where(and(...conds)),
        db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))),
      ]);
      return { items, total: total?.n ?? 0, unread: unread?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },
  );
  api.post('/api/notifications/:id/read', { summary: '标记为已读', access: 'user', status: 204 }, async ({ req, actor }) => {
    const rows = await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, idParam(req, 'id', '通知')), eq(notifications.userId, actor.id)))
      .returning({ id: notifications.id });
    if (!rows.length) throw AppError.notFound('通知');
    return undefined;
  });
  api.post('/api/notifications/read-all', { summary: '全部标记为已读', access: 'user', status: 204 }, async ({ actor }) => {
    await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
    return undefined;
  });
  return api.router;
}

export { notifications } from './notifications.tables.js';
export { notificationSockets } from './notifications.socket.js';
