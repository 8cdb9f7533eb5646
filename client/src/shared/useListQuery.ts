import { useSearchParams } from 'react-router-dom';

export type ListQueryChange = Record<string, string | number | undefined>;

/**
 * A list page's filters and page number, kept in the address so a reload or a shared link shows the
 * same list. Empty values and page 1 stay out of the address; any change but a page turn starts
 * again at page 1.
 */
export function useListQuery() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setQuery = (next: ListQueryChange) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === '' || (key === 'page' && value === 1)) p.delete(key);
      else p.set(key, String(value));
    }
    if (!('page' in next)) p.delete('page');
    setParams(p);
  };
  return { params, page, setQuery };
}
