import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { api, type Query } from './api';

export interface ApiData<T> {
  data: T | null;
  loading: boolean;
  error: unknown;
  /** Loads again (keeps showing the previous data meanwhile). */
  reload: () => void;
  /** Local edits, e.g. removing an item the user just dismissed. */
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * GETs `path` whenever it or the query changes; a null path loads nothing. Requests that are
 * superseded are aborted and never reported as errors.
 */
export function useApiData<T>(path: string | null, query?: Query): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    api<T>(path, { query: JSON.parse(queryKey) as Query, signal: controller.signal }).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, queryKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, loading, error, reload, setData };
}
