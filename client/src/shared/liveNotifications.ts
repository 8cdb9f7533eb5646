import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import type { NotificationPush } from '@common/realtime.js';

const EVENT = 'gjt:notification';

/** Passes a live notification (from the header bell's socket) on to the pages that show its subject. */
export function announceNotification(push: NotificationPush): void {
  window.dispatchEvent(new CustomEvent<NotificationPush>(EVENT, { detail: push }));
}

/**
 * Calls `onNews` when a live notification links to the page being shown (its path, any query), so a
 * listing or contract the user is looking at updates when a reviewer or registrar decides on it.
 */
export function useLiveRefresh(onNews: () => void): void {
  const { pathname } = useLocation();
  const callback = useRef(onNews);
  callback.current = onNews;
  useEffect(() => {
    const listener = (event: Event) => {
      const link = (event as CustomEvent<NotificationPush>).detail.link;
      if (link && link.split('?')[0] === pathname) callback.current();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [pathname]);
}
