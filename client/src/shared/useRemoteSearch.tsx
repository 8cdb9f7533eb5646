import { useEffect, useState, type ReactNode } from 'react';
import { Spin, Typography } from 'antd';
import { api, describeError } from './api';
import { useT } from './i18n';

const DEBOUNCE_MS = 300;

interface SearchTexts {
  /** Shown before the user types. */
  hint: string;
  /** Shown when the search found nothing. */
  empty: string;
  /** Wraps the reason of a failed search; the bare reason without it. */
  failed?: (reason: string) => string;
}

/**
 * A searchable select's options from `GET path?q=`, asked for 300 ms after the user stops typing.
 * Spread `selectProps` on the Select: it sends the typed text here and shows the search's state
 * (loading, failed, nothing found, type to search) in the empty dropdown.
 */
export function useRemoteSearch<T>(path: string, texts: SearchTexts) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [searched, setSearched] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      api<{ items: T[] }>(path, { query: { q, pageSize: 20 }, signal: controller.signal }).then(
        (result) => {
          setItems(result.items);
          setError(null);
          setSearched(true);
          setLoading(false);
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          setItems([]);
          setError(reason);
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [path, query]);

  let notFound: ReactNode;
  if (loading) notFound = <Spin size="small" />;
  else if (error) notFound = <Typography.Text type="danger">{texts.failed ? texts.failed(describeError(error, t)) : describeError(error, t)}</Typography.Text>;
  else if (searched && query.trim()) notFound = texts.empty;
  else notFound = texts.hint;

  return { items, selectProps: { showSearch: { filterOption: false, onSearch: setQuery }, notFoundContent: notFound } };
}
