import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Input, Select, Table, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { LevelTag, ZoneStatusTag, hostTypeName, zoneStatusName } from './shared';
import { ZONE_STATUSES, type ZoneItem } from './types';
import { formatDate } from '../../shared/format';

/** `/zones`: every demonstration zone with its city, level and status (public). */
export default function ZonesPage(_props: PageProps) {
  const t = useT();
  const { names, taxonomy } = useTaxonomyNames();
  const { data, loading, error, reload } = useApiData<{ items: ZoneItem[] }>('/api/zones');
  const [city, setCity] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [text, setText] = useState('');

  const rows = useMemo(
    () =>
      (data?.items ?? []).filter(
        (z) => (!city || z.cityCode === city) && (!status || z.status === status) && (!text.trim() || z.name.includes(text.trim())),
      ),
    [data, city, status, text],
  );

  const columns: TableProps<ZoneItem>['columns'] = [
    {
      title: t('zone.col.name'),
      key: 'name',
      render: (_, z) => (
        <Flex vertical gap={2}>
          <Link to={`/zones/${encodeURIComponent(z.id)}`} data-testid="zone-link">
            {z.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hostTypeName(t, z.hostType)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('zone.col.city'), key: 'city', width: 120, render: (_, z) => names.city(z.cityCode), sorter: (a, b) => a.cityCode.localeCompare(b.cityCode) },
    { title: t('zone.col.level'), key: 'level', width: 120, render: (_, z) => <LevelTag level={z.level} /> },
    { title: t('zone.col.status'), key: 'status', width: 150, render: (_, z) => <ZoneStatusTag status={z.status} /> },
    { title: t('zone.col.approvedAt'), key: 'approvedAt', width: 130, responsive: ['md'], render: (_, z) => (z.approvedAt ? formatDate(z.approvedAt) : t('common.none')) },
    {
      title: t('contract.col.actions'),
      key: 'actions',
      width: 170,
      render: (_, z) => (
        <Flex gap={12}>
          <Link to={`/zones/${encodeURIComponent(z.id)}`}>{t('zone.dashboard')}</Link>
          <Link to={`/zones/${encodeURIComponent(z.id)}/indicators`}>{t('zone.indicators')}</Link>
        </Flex>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('nav.zones')} subtitle={t('zone.list.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('zone.search')} aria-label={t('zone.search')} onSearch={setText} onChange={(e) => !e.target.value && setText('')} style={{ width: 280 }} />
          <Select
            allowClear
            aria-label={t('zone.col.city')}
            placeholder={t('zone.filter.city')}
            value={city}
            onChange={setCity}
            options={(taxonomy?.cities ?? []).filter((c) => c.code !== '450000').map((c) => ({ value: c.code, label: t.locale === 'en' && c.nameEn ? c.nameEn : c.name }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            aria-label={t('zone.col.status')}
            placeholder={t('zone.filter.status')}
            value={status}
            onChange={setStatus}
            options={ZONE_STATUSES.map((s) => ({ value: s, label: zoneStatusName(t, s) }))}
            style={{ width: 180 }}
          />
        </Flex>
        {error !== null && !loading ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : (
          <Table<ZoneItem>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={loading}
            scroll={{ x: 800 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('zone.total', { n }) }}
            locale={{ emptyText: <Empty description={data?.items.length ? t('zone.emptyFiltered') : t('zone.empty')} /> }}
          />
        )}
      </Card>
    </div>
  );
}
