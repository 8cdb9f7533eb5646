import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { io, type Socket } from 'socket.io-client';
import { SOCKET_OPTIONS } from '../../shared/socket';
import type { NotificationsClientEvents, NotificationsServerEvents } from '@common/realtime.js';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { announceNotification } from '../../shared/liveNotifications';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body?: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
}

/** The count is re-read this often only while the live connection is down. */
const POLL_MS = 30_000;
const LIST_SIZE = 10;

/** Only links inside the app are followed. */
const internal = (link: string | null) => !!link && link.startsWith('/') && !link.startsWith('//');

/**
 * The bell in the header: unread count, pushed live over Socket.IO (/notifications) with a short toast,
 * re-read every 30 s while that connection is down; the latest notifications on click; opening one
 * marks it read and goes to its page.
 */
export function NotificationBell({ userId }: { userId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);
  const { notification } = App.useApp();
  // Read through a ref so a language switch does not reconnect the socket.
  const toast = useRef((_title: string) => {});
  toast.current = (title: string) => notification.info({ message: t('notify.title'), description: title, placement: 'bottomRight', duration: 6 });

  const poll = useCallback(async () => {
    try {
      const page = await api<NotificationPage>('/api/notifications', { query: { unread: 'true', pageSize: 1 } });
      setUnread(page.unread ?? page.total);
    } catch {
      // The count is a hint; the next poll tries again.
    }
  }, []);

  useEffect(() => {
    void poll();
    if (live) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) void poll();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [poll, userId, live]);

  // One connection per logged-in user; it re-authenticates with the session cookie on every reconnect.
  useEffect(() => {
    const socket: Socket<NotificationsServerEvents, NotificationsClientEvents> = io('/notifications', SOCKET_OPTIONS);
    socket.on('connect', () => setLive(true));
    socket.on('disconnect', () => setLive(false));
    socket.on('notification:new', (n) => {
      setUnread((count) => count + 1);
      setItems((prev) => (prev && !prev.some((p) => p.id === n.id) ? [{ ...n, readAt: null }, ...prev] : prev));
      setTotal((count) => count + 1);
      toast.current(n.title);
      announceNotification(n);
    });
    return () => {
      socket.disconnect();
    };
  }, [userId]);

  /** The first page again (on open), or the next one appended ("more"). */
  const load = useCallback(async (next = 1) => {
    setLoading(true);
    try {
      const result = await api<NotificationPage>('/api/notifications', { query: { page: next, pageSize: LIST_SIZE } });
      setItems((prev) => (next === 1 || !prev ? result.items : [...prev, ...result.items.filter((n) => !prev.some((p) => p.id === n.id))]));
      setTotal(result.total);
      setPage(next);
      setUnread(result.unread);
      setError(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, []);

  const openItem = async (item: Notification) => {
    setOpen(false);
    if (!item.readAt) {
      setItems((prev) => prev?.map((n) => (n.id === item.id ? { ...n, readAt: new Date().toISOString() } : n)) ?? null);
      setUnread((n) => Math.max(0, n - 1));
      try {
        await api<unknown>(`/api/notifications/${encodeURIComponent(item.id)}/read`, { method: 'POST' });
      } catch {
        void poll();
      }
    }
    if (item.link && internal(item.link)) navigate(item.link);
  };

  const readAll = async () => {
    try {
      await api<unknown>('/api/notifications/read-all', { method: 'POST' });
      const now = new Date().toISOString();
      setItems((prev) => prev?.map((n) => (n.readAt ? n : { ...n, readAt: now })) ?? null);
      setUnread(0);
    } catch (caught) {
      setError(caught);
    }
  };

  let list;
  if (error !== null && !items) {
    list = (
      <Flex vertical align="center" gap={8} style={{ padding: 16 }}>
        <Typography.Text type="danger">{describeError(error, t)}</Typography.Text>
        <Button size="small" onClick={() => void load()}>
          {t('common.retry')}
        </Button>
      </Flex>
    );
  } else if (!items) {
    list = (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  } else if (!items.length) {
    list = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />;
  } else {
    list = (
      <Spin spinning={loading}>
        <ul className="gjt-notifications" data-testid="notification-list">
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className={item.readAt ? 'gjt-notification' : 'gjt-notification gjt-notification-unread'} onClick={() => void openItem(item)}>
                {!item.readAt && <span className="gjt-unread-dot" role="img" aria-label={t('notify.unread')} />}
                <span className="gjt-notification-title">{item.title}</span>
                {item.body && <span className="gjt-notification-body">{item.body}</span>}
                <span className="gjt-notification-time">{dayjs(item.createdAt).format('MM-DD HH:mm')}</span>
              </button>
            </li>
          ))}
        </ul>
        {items.length < total && (
          <Flex justify="center" style={{ paddingTop: 8 }}>
            <Button type="link" size="small" loading={loading} onClick={() => void load(page + 1)}>
              {t('notify.more')}
            </Button>
          </Flex>
        )}
      </Spin>
    );
  }

  const panel = (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8, borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => void readAll()}>
          {t('notify.readAll')}
        </Button>
      </Flex>
      {list}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
      trigger="click"
      placement="bottomRight"
      content={panel}
      arrow={false}
    >
      <Button
        type="text"
        className="gjt-header-button"
        aria-label={unread ? t('notify.ariaUnread', { n: unread }) : t('notify.title')}
        data-testid="notification-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
            <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
