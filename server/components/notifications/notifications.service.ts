/** The notification inbox: list, mark one read, mark all read. Writing is `notify()` inside the caller's transaction. */
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { listNotifications, markAllRead, markRead } from './notifications.repository.js';
import { recipientOf } from './notifications.policy.js';

export interface NotificationsDeps {
  db: Db;
}

export async function listInbox(deps: NotificationsDeps, actor: Actor, input: { unreadOnly: boolean; page: number; pageSize: number }) {
  const found = await listNotifications(deps.db, recipientOf(actor), input);
  return { ...found, page: input.page, pageSize: input.pageSize };
}

export async function readNotification(deps: NotificationsDeps, actor: Actor, input: { id: string }): Promise<void> {
  if (!(await markRead(deps.db, recipientOf(actor), input.id))) throw AppError.notFound('通知');
}

export async function readAllNotifications(deps: NotificationsDeps, actor: Actor): Promise<void> {
  await markAllRead(deps.db, recipientOf(actor));
}
