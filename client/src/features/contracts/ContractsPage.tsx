import { Card, Empty, Flex, Input, Tabs, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import { LinkButton } from '../../shared/components/LinkButton';
import type { PageProps } from '../../shared/navigation';
import { CONTRACT_PAGE_SIZE, ContractStatusTag, ContractTable, DueDate, PartiesCell, YearFilter, useContractTypeNames, useWorkCalendar } from './components';
import { PageHeader } from '../../shared/components/PageHeader';
import { statusName } from './format';
import { CONTRACT_STATUSES, type Contract, type ContractStatus, type PageOf } from './types';
import { formatDateTime, formatYuan } from '../../shared/format';
import { submitsContracts } from '../../shared/policies';

/** `/contracts`: the contracts of the user's organization (as submitter, seller or buyer) and those they broker. */
export default function ContractsPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const { params, page, setQuery } = useListQuery();
  const calendar = useWorkCalendar();
  const typeNames = useContractTypeNames();
  const statusParam = params.get('status') ?? '';
  const status = (CONTRACT_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ContractStatus) : undefined;
  const q = params.get('q') ?? '';
  const year = params.get('year') ?? '';
  const list = useApiData<PageOf<Contract>>('/api/contracts', { status, q, year, page, pageSize: CONTRACT_PAGE_SIZE });
  const canSubmit = submitsContracts(user);

  const columns: TableProps<Contract>['columns'] = [
    {
      title: t('contract.field.name'),
      key: 'name',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Link to={`/contracts/${encodeURIComponent(c.id)}`} data-testid="contract-link">
            {c.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeNames.type(c.type)} · {typeNames.subtype(c.type, c.subtype)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('contract.col.parties'),
      key: 'parties',
      responsive: ['lg'],
      render: (_, c) => <PartiesCell contract={c} />,
    },
    { title: t('contract.field.amount'), dataIndex: 'amount', key: 'amount', align: 'right', width: 160, render: (v: number) => formatYuan(t, v) },
    { title: t('contract.col.status'), dataIndex: 'status', key: 'status', width: 100, render: (v: ContractStatus) => <ContractStatusTag status={v} /> },
    {
      title: t('contract.col.progress'),
      key: 'progress',
      width: 190,
      render: (_, c) =>
        c.registrationNumber ? (
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {c.registrationNumber}
          </Typography.Text>
        ) : c.status === 'submitted' ? (
          <DueDate contract={c} calendar={calendar} />
        ) : c.status === 'needs_correction' || c.status === 'refused' ? (
          <Typography.Text type={c.status === 'refused' ? 'danger' : 'warning'} ellipsis={{ tooltip: c.decisionNote }} style={{ maxWidth: 180 }}>
            {c.decisionNote ?? t('common.none')}
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    { title: t('contract.field.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', width: 150, responsive: ['md'], render: (v: string) => formatDateTime(v) },
    {
      title: t('contract.col.actions'),
      key: 'actions',
      width: 120,
      render: (_, c) => (
        <Flex gap={8} wrap>
          <Link to={`/contracts/${encodeURIComponent(c.id)}`}>{t('contract.view')}</Link>
          {canSubmit && (c.status === 'submitted' || c.status === 'needs_correction') && (
            <Link to={`/contracts/${encodeURIComponent(c.id)}/edit`}>{c.status === 'needs_correction' ? t('contract.correct') : t('contract.edit')}</Link>
          )}
        </Flex>
      ),
    },
  ];

  const filtered = !!(status || q || year);
  return (
    <div>
      <PageHeader
        title={t('nav.contracts')}
        subtitle={t('contract.list.subtitle')}
        extra={
          canSubmit && (
            <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to="/contracts/new">
              {t('contract.new')}
            </LinkButton>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={status ?? 'all'}
          onChange={(key) => setQuery({ status: key === 'all' ? undefined : key })}
          items={[{ key: 'all', label: t('contract.tab.all') }, ...CONTRACT_STATUSES.map((s) => ({ key: s, label: statusName(t, s) }))]}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={q}
            key={q}
            placeholder={t('contract.searchPlaceholder')}
            aria-label={t('contract.searchPlaceholder')}
            onSearch={(value) => setQuery({ q: value.trim() || undefined })}
            style={{ maxWidth: 360 }}
          />
          <YearFilter value={year} onChange={(value) => setQuery({ year: value })} width={160} />
        </Flex>
        <ContractTable
          list={list}
          page={page}
          onPageChange={(next) => setQuery({ page: next })}
          columns={columns}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty description={filtered ? t('contract.list.emptyFiltered') : t('contract.list.empty')}>
                {!filtered && canSubmit && (
                  <LinkButton type="primary" to="/contracts/new">
                    {t('contract.new')}
                  </LinkButton>
                )}
              </Empty>
            ),
          }}
        />
      </Card>
    </div>
  );
}
