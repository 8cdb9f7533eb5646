/** Socket.IO events shared by server and client (API.md "Real-time"), named `component:action`. */

/** What the `/notifications` namespace pushes to the logged-in user. */
export interface NotificationPush {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  createdAt: string;
}

export interface NotificationsServerEvents {
  'notification:new': (n: NotificationPush) => void;
}

/** The `/notifications` namespace takes nothing from the client: it only listens. */
export type NotificationsClientEvents = Record<string, never>;

/** Error codes a connection can be refused with (`connect_error` → `err.data.code`). */
export type SocketRefusal = 'unauthenticated' | 'csrf_failed';
