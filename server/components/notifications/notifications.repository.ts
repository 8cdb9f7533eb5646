import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../lib/db.js';
import { notifications } from './notifications.tables.js';
import type { NewNotification } from './index.js';

export type NotificationRow = typeof notifications.$inferSelect;

export function insertNotifications(db: Tx, items: NewNotification[]): Promise<NotificationRow[]> {
  return db.insert(notifications).values(items.map((n) => ({ ...n, body: n.body ?? null, link: n.link ?? null }))).returning();
}

/** A user's notifications, newest first, with the total of the filter and the unread count. */
export async function listNotifications(db: Db, userId: string, f: { unreadOnly: boolean; page: number; pageSize: number }) {
  const conds: SQL[] = [eq(notifications.userId, userId)];
  if (f.unreadOnly) conds.push(isNull(notifications.readAt));
  const [items, [total], [unread]] = await Promise.all([
    db.select().from(notifications).where(and(...conds)).orderBy(desc(notifications.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(notifications).where(and(...conds)),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, total: total?.n ?? 0, unread: unread?.n ?? 0 };
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, userId: string): Promise<void> {
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
