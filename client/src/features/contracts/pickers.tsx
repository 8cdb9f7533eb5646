import { useState } from 'react';
import { Select, Tag, Typography } from 'antd';
import { useT } from '../../shared/i18n';
import { useRemoteSearch } from '../../shared/useRemoteSearch';

export interface OrgOption {
  id: string;
  name: string;
  type: string;
  regionCode?: string;
  verified?: boolean;
}

interface SelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  'aria-invalid'?: boolean;
  placeholder?: string;
}

/** Platform organizations via `GET /api/organizations?q=`; `known` keeps an already chosen one labelled. */
export function OrgSelect({ id, value, onChange, placeholder, known, ...rest }: SelectProps & { known?: OrgOption[] }) {
  const t = useT();
  const { items, selectProps } = useRemoteSearch<OrgOption>('/api/organizations', { hint: t('contract.party.orgHint'), empty: t('contract.party.orgEmpty') });
  const [picked, setPicked] = useState<OrgOption | null>(null);

  const pool = [...items];
  for (const extra of [picked, ...(known ?? [])]) if (extra && !pool.some((o) => o.id === extra.id)) pool.unshift(extra);

  return (
    <Select
      id={id}
      aria-invalid={rest['aria-invalid']}
      value={value ?? undefined}
      onChange={(next: string | undefined) => {
        setPicked(pool.find((o) => o.id === next) ?? null);
        onChange?.(next ?? null);
      }}
      allowClear
      placeholder={placeholder ?? t('contract.party.orgPlaceholder')}
      {...selectProps}
      options={pool.map((o) => ({
        value: o.id,
        title: o.name,
        label: (
          <span>
            {o.name}
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {t.orgType(o.type)}
              {o.regionCode ? ` · ${o.regionCode}` : ''}
            </Typography.Text>
            {o.verified && (
              <Tag color="green" style={{ marginInlineStart: 6 }}>
                {t('contract.party.verified')}
              </Tag>
            )}
          </span>
        ),
      }))}
    />
  );
}

/** A published achievement or demand via the catalogue search (`GET /api/achievements?q=`). */
export function ListingSelect({ id, value, onChange, kind, ...rest }: SelectProps & { kind: 'achievements' | 'demands' }) {
  const t = useT();
  const { items, selectProps } = useRemoteSearch<{ id: string; title: string }>(`/api/${kind}`, { hint: t('contract.listingHint'), empty: t('contract.listingEmpty') });
  const [picked, setPicked] = useState<{ id: string; title: string } | null>(null);
  const pool = picked && !items.some((i) => i.id === picked.id) ? [picked, ...items] : items;
  const knownValue = value && !pool.some((i) => i.id === value) ? [{ id: value, title: t('contract.linkedListing') }] : [];

  return (
    <Select
      id={id}
      aria-invalid={rest['aria-invalid']}
      value={value ?? undefined}
      onChange={(next: string | undefined) => {
        setPicked(pool.find((i) => i.id === next) ?? null);
        onChange?.(next ?? null);
      }}
      allowClear
      placeholder={rest.placeholder ?? t('contract.listingPlaceholder')}
      {...selectProps}
      options={[...knownValue, ...pool].map((i) => ({ value: i.id, label: i.title }))}
    />
  );
}
