import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import { apiRouter } from '../../lib/http.js';
import { idParam, pagination } from '../../lib/validate.js';
import { listNotifications, markAllRead, markRead } from './notifications.repository.js';

const notificationSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export function notificationRoutes(db: Db) {
  const api = apiRouter('notifications');
  api.get(
    '/api/notifications',
    {
      summary: '我的通知',
      access: 'user',
      query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pagination }),
      response: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() }),
    },
    async ({ actor, query }) => {
      const found = await listNotifications(db, actor.id, { unreadOnly: query.unread === 'true', page: query.page, pageSize: query.pageSize });
      return { ...found, page: query.page, pageSize: query.pageSize };
    },
  );
  api.post('/api/notifications/:id/read', { summary: '标记为已读', access: 'user', status: 204 }, async ({ req, actor }) => {
    if (!(await markRead(db, actor.id, idParam(req, 'id', '通知')))) throw AppError.notFound('通知');
    return undefined;
  });
  api.post('/api/notifications/read-all', { summary: '全部标记为已读', access: 'user', status: 204 }, async ({ actor }) => {
    await markAllRead(db, actor.id);
    return undefined;
  });
  return api.router;
}
