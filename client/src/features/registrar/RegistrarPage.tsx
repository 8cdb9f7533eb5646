import { useState } from 'react';
import { Button, Card, Col, Drawer, Empty, Flex, Input, Row, Select, Statistic, Tabs, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../shared/i18n';
import { zoneOptions } from '../../shared/taxonomy';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { LinkButton } from '../../shared/components/LinkButton';
import { PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import {
  AttachmentList,
  CONTRACT_PAGE_SIZE,
  ContractDescriptions,
  ContractStatusTag,
  ContractTable,
  ContractTimeline,
  DueDate,
  ExpertReviewTag,
  PartiesCell,
  PartiesRow,
  YearFilter,
  useContractTypeNames,
  useWorkCalendar,
} from '../contracts';
import type { Contract, ContractDetail, ContractStatus, PageOf } from '../contracts';
import { ReviewPanel } from './ReviewPanel';
import './registrar.css';
import { formatDateTime, formatYuan } from '../../shared/format';

/** Queue tabs: what each one asks the list endpoint for. */
const TABS: { key: string; status?: ContractStatus; overdue?: boolean }[] = [
  { key: 'queue', status: 'submitted' },
  { key: 'overdue', overdue: true },
  { key: 'needs_correction', status: 'needs_correction' },
  { key: 'registered', status: 'registered' },
  { key: 'amended', status: 'amended' },
  { key: 'refused', status: 'refused' },
  { key: 'cancelled', status: 'cancelled' },
  { key: 'all' },
];

/** How many contracts match (a one-row page), for the counters above the queue. */
function useCount(query: Record<string, string>) {
  const { data, reload } = useApiData<PageOf<Contract>>('/api/contracts', { ...query, pageSize: 1 });
  return { total: data?.total, reload };
}

function ContractDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { data, loading, error, reload } = useApiData<ContractDetail>(id ? `/api/contracts/${encodeURIComponent(id)}` : null);
  const contract = data && data.id === id ? data : null;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={contract ? contract.name : t('registrar.drawerTitle')}
      extra={contract && <ContractStatusTag status={contract.status} />}
      data-testid="contract-drawer"
      destroyOnHidden
    >
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : !contract ? (
        <PageLoading />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small" title={t('registrar.panelTitle')} styles={{ header: { background: '#fafafa' } }}>
            <ReviewPanel
              contract={contract}
              onChanged={() => {
                reload();
                onChanged();
              }}
            />
          </Card>
          {contract.decisionNote && (
            <Typography.Text type="secondary">
              {t('registrar.lastNote')}：{contract.decisionNote}
            </Typography.Text>
          )}
          <ContractDescriptions contract={contract} column={1} />
          <PartiesRow contract={contract} />
          <Card size="small" title={t('contract.field.attachments')}>
            <AttachmentList files={contract.attachments} />
          </Card>
          <Card size="small" title={t('contract.history')}>
            <ContractTimeline history={contract.history} />
          </Card>
          <LinkButton to={`/contracts/${encodeURIComponent(contract.id)}`}>{t('registrar.openDetail')}</LinkButton>
        </Flex>
      )}
    </Drawer>
  );
}

/** `/registrar`: the 技术合同认定登记 desk — queue by due date, overdue in red, decisions in a drawer. */
export default function RegistrarPage(_props: PageProps) {
  const t = useT();
  const { params, page, setQuery } = useListQuery();
  const calendar = useWorkCalendar();
  const typeNames = useContractTypeNames();
  const [openId, setOpenId] = useState<string | null>(null);

  const tab = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0]!;
  const zone = params.get('zone') ?? '';
  const type = params.get('type') ?? '';
  const year = params.get('year') ?? '';
  const q = params.get('q') ?? '';
  const list = useApiData<PageOf<Contract>>('/api/contracts', {
    status: tab.status,
    overdue: tab.overdue ? 'true' : undefined,
    zone,
    type,
    year,
    q,
    page,
    pageSize: CONTRACT_PAGE_SIZE,
  });
  const counters = {
    queue: useCount({ status: 'submitted' }),
    overdue: useCount({ overdue: 'true' }),
    needs_correction: useCount({ status: 'needs_correction' }),
    registered: useCount({ status: 'registered' }),
  };
  const counts = {
    queue: counters.queue.total,
    overdue: counters.overdue.total,
    needs_correction: counters.needs_correction.total,
    registered: counters.registered.total,
  };

  const refresh = () => {
    list.reload();
    Object.values(counters).forEach((c) => c.reload());
  };

  const columns: TableProps<Contract>['columns'] = [
    {
      title: t('contract.field.name'),
      key: 'name',
      render: (_, c) => (
        <Flex vertical gap={2} align="flex-start">
          <Button type="link" style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }} aria-label={t('registrar.openAria', { name: c.name })} onClick={() => setOpenId(c.id)}>
            {c.name}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeNames.type(c.type)} · {typeNames.subtype(c.type, c.subtype)} · {c.zoneId ? typeNames.names.zone(c.zoneId) : t('contract.noZone')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('contract.col.parties'),
      key: 'parties',
      responsive: ['xl'],
      render: (_, c) => <PartiesCell contract={c} />,
    },
    {
      title: t('contract.field.amount'),
      key: 'amount',
      align: 'right',
      width: 170,
      render: (_, c) => (
        <Flex vertical align="flex-end" gap={2}>
          <span>{formatYuan(t, c.amount)}</span>
          <ExpertReviewTag contract={c} />
        </Flex>
      ),
    },
    { title: t('contract.field.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', width: 140, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
    {
      title: t('registrar.col.due'),
      key: 'due',
      width: 160,
      render: (_, c) => <DueDate contract={c} calendar={calendar} />,
    },
    {
      title: t('contract.col.status'),
      key: 'status',
      width: 160,
      render: (_, c) => (
        <Flex vertical gap={2} align="flex-start">
          <ContractStatusTag status={c.status} />
          {c.registrationNumber && (
            <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="row-registration-number">
              {c.registrationNumber}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('contract.col.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button size="small" type={c.status === 'submitted' ? 'primary' : 'default'} onClick={() => setOpenId(c.id)} aria-label={t('registrar.handleAria', { name: c.name })}>
          {c.status === 'submitted' ? t('registrar.handle') : t('contract.view')}
        </Button>
      ),
    },
  ];

  const stat = (key: 'queue' | 'overdue' | 'needs_correction' | 'registered', label: string, color?: string) => (
    <Col xs={12} md={6}>
      <Card
        size="small"
        className={`gjt-stat-card${tab.key === key ? ' gjt-stat-active' : ''}`}
        onClick={() => setQuery({ tab: key === 'queue' ? undefined : key })}
        role="button"
        tabIndex={0}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setQuery({ tab: key === 'queue' ? undefined : key })}
        data-testid={`stat-${key}`}
      >
        <Statistic title={label} value={counts[key] ?? '—'} styles={{ content: color ? { color } : undefined }} />
      </Card>
    </Col>
  );

  const filtered = !!(zone || type || year || q);
  return (
    <div>
      <PageHeader
        title={t('nav.registrar')}
        subtitle={t('registrar.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={`/api/contracts/ledger?${new URLSearchParams(Object.entries({ status: tab.status ?? '', zone, type, year, q }).filter(([, v]) => v)).toString()}`}
            data-testid="ledger-export"
          >
            {t('registrar.exportLedger')}
          </Button>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {stat('queue', t('registrar.stat.queue'))}
        {stat('overdue', t('registrar.stat.overdue'), (counts.overdue ?? 0) > 0 ? '#cf1322' : undefined)}
        {stat('needs_correction', t('registrar.stat.correction'), undefined)}
        {stat('registered', t('registrar.stat.registered'), '#389e0d')}
      </Row>
      <Card>
        <Tabs
          activeKey={tab.key}
          onChange={(key) => setQuery({ tab: key === 'queue' ? undefined : key })}
          items={TABS.map((x) => ({
            key: x.key,
            label:
              x.key === 'overdue' && (counts.overdue ?? 0) > 0 ? (
                <span>
                  {t(`registrar.tab.${x.key}` as 'registrar.tab.queue')} <Tag color="red">{counts.overdue}</Tag>
                </span>
              ) : (
                t(`registrar.tab.${x.key}` as 'registrar.tab.queue')
              ),
          }))}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            key={q}
            defaultValue={q}
            placeholder={t('registrar.searchPlaceholder')}
            aria-label={t('registrar.searchPlaceholder')}
            onSearch={(value) => setQuery({ q: value.trim() || undefined })}
            style={{ width: 320 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('registrar.filter.zone')}
            placeholder={t('registrar.filter.zone')}
            value={zone || undefined}
            onChange={(v: string | undefined) => setQuery({ zone: v })}
            options={zoneOptions(typeNames.taxonomy)}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            aria-label={t('registrar.filter.type')}
            placeholder={t('registrar.filter.type')}
            value={type || undefined}
            onChange={(v: string | undefined) => setQuery({ type: v })}
            options={typeNames.typeOptions}
            style={{ width: 150 }}
          />
          <YearFilter value={year} onChange={(v) => setQuery({ year: v })} width={150} />
          {filtered && <Button onClick={() => setQuery({ zone: undefined, type: undefined, year: undefined, q: undefined })}>{t('registrar.clearFilters')}</Button>}
        </Flex>
        {tab.key === 'queue' && <Typography.Paragraph type="secondary">{t('registrar.queueHint')}</Typography.Paragraph>}
        <ContractTable
          list={list}
          page={page}
          onPageChange={(next) => setQuery({ page: next })}
          columns={columns}
          scroll={{ x: 960 }}
          rowClassName={(c) => (c.overdue ? 'gjt-row-overdue' : '')}
          onRow={(c) => ({ 'data-overdue': c.overdue ? 'true' : undefined }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={filtered ? t('registrar.emptyFiltered') : tab.key === 'queue' ? t('registrar.emptyQueue') : t('registrar.empty')} /> }}
        />
      </Card>
      <ContractDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />
    </div>
  );
}
