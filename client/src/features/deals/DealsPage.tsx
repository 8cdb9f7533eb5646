import { useState } from 'react';
import { Badge, Card, Checkbox, Col, Empty, Flex, Row, Segmented, Select, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { DEAL_STAGES, type DealStage } from '@common/schemas/deals.js';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { useLiveRefresh } from '../../shared/liveNotifications';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';
import { useAuth } from '../auth';
import type { PageOf } from '../listings';
import { CommissionsTable } from './CommissionsTable';
import { STAGE_COLORS, sideName, stageName } from './format';
import type { Deal } from './types';
import { formatDateTime } from '../../shared/format';
import { hasRole } from '../../shared/policies';
import type { Pipeline } from '@common/schemas/deals.js';

function Counterparts({ deal }: { deal: Deal }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      {deal.participants
        .filter((p) => p.side !== deal.mySide)
        .map((p) => (
          <Tag key={p.side} color={p.status === 'declined' ? 'default' : undefined}>
            {sideName(t, p.side)} · {p.side === 'broker' ? (deal.brokerName ?? p.organizationName) : p.organizationName}
          </Tag>
        ))}
    </Flex>
  );
}

/** The deal board: one column per stage (kanban), cards with the counterpart, unread count and overdue follow-ups. */
function Board({ deals }: { deals: Deal[] }) {
  const t = useT();
  const now = Date.now();
  return (
    <div style={{ overflowX: 'auto' }}>
      <Flex gap={12} style={{ minWidth: 7 * 220 }} data-testid="deal-board">
        {DEAL_STAGES.map((stage) => {
          const column = deals.filter((d) => d.stage === stage);
          return (
            <Card key={stage} size="small" title={<Flex justify="space-between"><span>{stageName(t, stage)}</span><Badge count={column.length} showZero color="#999" /></Flex>} style={{ flex: 1, minWidth: 200, background: '#fafafa' }}>
              <Flex vertical gap={8}>
                {column.map((d) => (
                  <Card key={d.id} size="small" hoverable>
                    <Link to={`/deals/${d.id}`}>
                      <Typography.Text strong ellipsis style={{ maxWidth: 180 }}>
                        {d.title}
                      </Typography.Text>
                    </Link>
                    <div>
                      <Counterparts deal={d} />
                    </div>
                    <Flex gap={4} style={{ marginTop: 4 }}>
                      {d.unread > 0 && <Badge count={d.unread} />}
                      {d.followUpAt && new Date(d.followUpAt).getTime() < now && !['closed', 'lost'].includes(d.stage) && <Tag color="red">{t('deal.followUp')}</Tag>}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            </Card>
          );
        })}
      </Flex>
    </div>
  );
}

/** 我的交易: the deals of the user's organization (or as a broker), as a list or a board by stage; brokers see their pipeline and ledger. */
export default function DealsPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const isBroker = hasRole(user, 'broker');
  const [view, setView] = useState<'list' | 'board'>(isBroker ? 'board' : 'list');
  const [stage, setStage] = useState<DealStage | undefined>();
  const [role, setRole] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = view === 'board' ? 100 : 20;
  const { data, error, loading, reload } = useApiData<PageOf<Deal>>('/api/deals', { stage, role, overdue: overdue ? 'true' : undefined, page: view === 'board' ? 1 : page, pageSize });
  const pipeline = useApiData<Pipeline>(isBroker ? '/api/brokers/me/pipeline' : null);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'commissions' ? 'commissions' : 'deals';
  useLiveRefresh(reload);

  const deals = (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <Segmented value={view} onChange={(v) => setView(v as 'list' | 'board')} options={[{ value: 'list', label: t('deals.view.list') }, { value: 'board', label: t('deals.view.board') }]} />
        <Select
          allowClear
          placeholder={t('deals.filter.role')}
          style={{ width: 160 }}
          value={role}
          onChange={(v) => setRole(v)}
          options={(['supply', 'demand', 'broker'] as const).map((s) => ({ value: s, label: sideName(t, s) }))}
        />
        {view === 'list' && (
          <Select allowClear placeholder={t('deals.filter.stage')} style={{ width: 160 }} value={stage} onChange={(v) => setStage(v)} options={DEAL_STAGES.map((s) => ({ value: s, label: stageName(t, s) }))} />
        )}
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('deals.filter.overdue')}
        </Checkbox>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : view === 'board' ? (
        <Board deals={data?.items ?? []} />
      ) : (
        <Table<Deal>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          data-testid="deal-list"
          locale={{ emptyText: <Empty description={t('deals.empty')} /> }}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('deals.col.title'), dataIndex: 'title', render: (v: string, d) => <Link to={`/deals/${d.id}`}>{v}</Link> },
            { title: t('deals.col.stage'), dataIndex: 'stage', render: (s: DealStage) => <Tag color={STAGE_COLORS[s]}>{stageName(t, s)}</Tag> },
            { title: t('deals.col.counterpart'), render: (_: unknown, d) => <Counterparts deal={d} /> },
            { title: t('deals.col.unread'), dataIndex: 'unread', render: (n: number) => (n ? <Badge count={n} /> : null) },
            { title: t('deals.col.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
          ]}
        />
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      {isBroker && pipeline.data && (
        <Card title={t('deals.pipeline')} size="small">
          <Row gutter={16}>
            {DEAL_STAGES.map((s) => {
              const row = pipeline.data!.stages.find((x) => x.stage === s);
              return (
                <Col key={s} xs={12} md={3}>
                  <Statistic title={stageName(t, s)} value={row?.count ?? 0} />
                </Col>
              );
            })}
            <Col xs={24} md={3}>
              <Statistic title={t('deals.overdue')} value={pipeline.data.overdueFollowUps} valueStyle={{ color: pipeline.data.overdueFollowUps ? '#cf1322' : undefined }} />
            </Col>
          </Row>
        </Card>
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'deals' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'deals', label: t('deals.tab.deals'), children: deals },
            { key: 'commissions', label: t('deals.commissions'), children: <CommissionsTable /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
