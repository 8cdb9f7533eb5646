import { useEffect } from 'react';

const SITE = '桂技通';
const DEFAULT_DESCRIPTION = document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';

/**
 * Sets the document's <title> ("… · 桂技通") and description while a page shows it. Routes set
 * their page name; a detail page sets its object's title once loaded (later, so it wins).
 * Nothing is set while `title` is null (still loading).
 */
export function usePageMeta(title: string | null | undefined, description?: string | null): void {
  useEffect(() => {
    if (!title) return;
    document.title = title === SITE ? `${SITE} · 广西科技成果转移转化服务平台` : `${title} · ${SITE}`;
    const meta = document.querySelector('meta[name="description"]');
    meta?.setAttribute('content', description || DEFAULT_DESCRIPTION);
  }, [title, description]);
}
