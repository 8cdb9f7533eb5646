import { z } from 'zod';
import type { Db } from '../../lib/db.js';
import { apiRouter, idParams } from '../../lib/http.js';
import { pagination } from '../../lib/validate.js';
import { listInbox, readAllNotifications, readNotification } from './notifications.service.js';

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
    ({ actor, query }) => listInbox({ db }, actor, { unreadOnly: query.unread === 'true', page: query.page, pageSize: query.pageSize }),
  );
  api.post('/api/notifications/:id/read', { summary: '标记为已读', access: 'user', params: idParams('通知'), status: 204 }, async ({ actor, params }) => {
    await readNotification({ db }, actor, params);
    return undefined;
  });
  api.post('/api/notifications/read-all', { summary: '全部标记为已读', access: 'user', status: 204 }, async ({ actor }) => {
    await readAllNotifications({ db }, actor);
    return undefined;
  });
  return api.router;
}
