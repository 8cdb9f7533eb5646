import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Select, Spin, Tag, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { UPLOAD_ACCEPT, uploadFile, type UploadedFile } from '../../shared/upload';
import type { FileRef } from './types';

const DEBOUNCE_MS = 300;

export interface OrgOption {
  id: string;
  name: string;
  type: string;
  regionCode?: string;
  verified?: boolean;
}

/** Debounced search of `path?q=` for the searchable selects below. */
function useRemoteSearch<T>(path: string, query: string, extra: Record<string, string | number> = {}) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [searched, setSearched] = useState(false);
  const extraKey = JSON.stringify(extra);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      api<{ items: T[] }>(path, { query: { q, pageSize: 20, ...(JSON.parse(extraKey) as Record<string, string>) }, signal: controller.signal }).then(
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
  }, [path, query, extraKey]);
  return { items, loading, error, searched };
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
  const [query, setQuery] = useState('');
  const { items, loading, error, searched } = useRemoteSearch<OrgOption>('/api/organizations', query);
  const [picked, setPicked] = useState<OrgOption | null>(null);

  const pool = [...items];
  for (const extra of [picked, ...(known ?? [])]) if (extra && !pool.some((o) => o.id === extra.id)) pool.unshift(extra);

  let notFound: ReactNode;
  if (loading) notFound = <Spin size="small" />;
  else if (error) notFound = <Typography.Text type="danger">{describeError(error, t)}</Typography.Text>;
  else if (searched && query.trim()) notFound = t('contract.party.orgEmpty');
  else notFound = t('contract.party.orgHint');

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
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={notFound}
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
  const [query, setQuery] = useState('');
  const { items, loading, error, searched } = useRemoteSearch<{ id: string; title: string }>(`/api/${kind}`, query);
  const [picked, setPicked] = useState<{ id: string; title: string } | null>(null);
  const pool = picked && !items.some((i) => i.id === picked.id) ? [picked, ...items] : items;
  const knownValue = value && !pool.some((i) => i.id === value) ? [{ id: value, title: t('contract.linkedListing') }] : [];

  let notFound: ReactNode;
  if (loading) notFound = <Spin size="small" />;
  else if (error) notFound = <Typography.Text type="danger">{describeError(error, t)}</Typography.Text>;
  else if (searched && query.trim()) notFound = t('contract.listingEmpty');
  else notFound = t('contract.listingHint');

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
      showSearch={{ filterOption: false, onSearch: setQuery }}
      notFoundContent={notFound}
      options={[...knownValue, ...pool].map((i) => ({ value: i.id, label: i.title }))}
    />
  );
}

export const MAX_CONTRACT_FILES = 20;

/** A stored attachment as an Upload list entry. */
export function toUploadFile(file: FileRef): UploadFile<UploadedFile> {
  return {
    uid: file.id,
    name: file.name,
    size: file.size,
    type: file.mime,
    status: 'done',
    url: `/api/files/${encodeURIComponent(file.id)}`,
    response: { id: file.id, name: file.name, size: file.size, mime: file.mime },
  };
}

export const uploadedIds = (list: UploadFile<UploadedFile>[] | undefined) =>
  (list ?? []).flatMap((file) => (file.status === 'done' && file.response?.id ? [file.response.id] : []));

export const isUploading = (list: UploadFile[] | undefined) => (list ?? []).some((file) => file.status === 'uploading');

/** 合同扫描件: each file goes to `POST /api/files` on its own, with a progress bar. */
export function ContractFilesField({ id, value, onChange }: { id?: string; value?: UploadFile<UploadedFile>[]; onChange?: (value: UploadFile<UploadedFile>[]) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const customRequest: UploadProps<UploadedFile>['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const { promise, abort } = uploadFile(file as File, (percent) => onProgress?.({ percent }));
    promise.then(
      (uploaded) => onSuccess?.(uploaded),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        const text = describeError(error, t);
        message.error(t('contract.uploadFailed', { name: (file as File).name, reason: text }));
        onError?.(new Error(text));
      },
    );
    return { abort };
  };
  return (
    <Upload<UploadedFile>
      id={id}
      fileList={value ?? []}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={customRequest}
      accept={UPLOAD_ACCEPT}
      multiple
      maxCount={MAX_CONTRACT_FILES}
    >
      <Button icon={<UploadOutlined aria-hidden />} disabled={(value?.length ?? 0) >= MAX_CONTRACT_FILES}>
        {t('contract.upload')}
      </Button>
    </Upload>
  );
}
