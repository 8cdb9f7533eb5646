import { useState } from 'react';
import { Select } from 'antd';
import { useT } from '../../shared/i18n';
import { useRemoteSearch } from '../../shared/useRemoteSearch';

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

/** Searches `GET /api/organizations?q=` as the user types and picks one organization id. */
export function OrganizationPicker({ id, value, onChange, ...rest }: Props) {
  const t = useT();
  const { items, selectProps } = useRemoteSearch<OrganizationItem>('/api/organizations', {
    hint: t('register.existingOrgHint'),
    empty: t('register.existingOrgEmpty'),
    failed: (reason) => t('common.withReason', { what: t('register.existingOrgFailed'), reason }),
  });
  const [selected, setSelected] = useState<OrganizationItem | null>(null);

  // Keep the chosen organization listed after a new search so its name stays visible.
  const shown = selected && value === selected.id && !items.some((item) => item.id === value) ? [selected, ...items] : items;

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
      {...selectProps}
      options={shown.map((item) => ({ value: item.id, label: `${item.name}（${t.orgType(item.type)}）` }))}
    />
  );
}
