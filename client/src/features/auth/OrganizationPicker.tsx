import { useEffect, useState, type ReactNode } from 'react';
import { Select, Spin, Typography } from 'antd';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';

interface OrganizationItem {
  id: string;
  name: string;
  type: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  'aria-invalid'?: boolean;
}

const DEBOUNCE_MS = 300;

/** Searches `GET /api/organizations?q=` as the user types and picks one organization id. */
export function OrganizationPicker({ id, value, onChange, ...rest }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<OrganizationItem[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [searched, setSearched] = useState(false);
  const [selected, setSelected] = useState<OrganizationItem | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      api<{ items: OrganizationItem[] }>('/api/organizations', { query: { q, pageSize: 20 }, signal: controller.signal }).then(
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
  }, [query]);

  // Keep the chosen organization listed after a new search so its name stays visible.
  const shown = selected && value === selected.id && !items.some((item) => item.id === value) ? [selected, ...items] : items;

  let notFound: ReactNode;
  if (loading) notFound = <Spin size="small" />;
  else if (error) notFound = <Typography.Text type="danger">{t('common.withReason', { what: t('register.existingOrgFailed'), reason: describeError(error, t) })}</Typography.Text>;
  else if (searched && query.trim()) notFound = t('register.existingOrgEmpty');
  else notFound = t('register.existingOrgHint');

  return (
    <Select
      id={id}
      aria-invalid={rest['aria-invalid']}
      value={value}
      onChange={(next: string | undefined) => {
        setSelected(shown.find((item) => item.id === next) ?? null);
        onChange?.(next);
      }}
      allowClear
      placeholder={t('register.existingOrgPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={notFound}
      options={shown.map((item) => ({ value: item.id, label: `${item.name}（${t.orgType(item.type)}）` }))}
    />
  );
}
