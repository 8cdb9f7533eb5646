import { useState } from 'react';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { useAuth } from '../auth';
import type { Commission, CommissionLedger } from './types';
import { useAction } from '../../shared/useAction';

type Ledger = CommissionLedger;

/** 佣金台账: the broker records invoice and payment, the payer confirms. Amounts are the server's exact decimals. */
export function CommissionsTable() {
  const t = useT();
  const { user } = useAuth();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApiData<Ledger>('/api/commissions', { page, pageSize: 20 });
  const action = useAction();
  const busy = action.busy;  if (error) return <ErrorAlert error={error} onRetry={reload} />;

  const act = (c: Commission, step: 'invoice' | 'paid' | 'confirm') =>
    action.run(c.id, async () => {
      await api(`/api/commissions/${c.id}/${step}`, { method: 'POST', body: step === 'invoice' ? {} : undefined });
      reload();
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data && (
        <Typography.Text data-testid="commission-totals">
          {t('commission.totals', { due: data.totals.due ?? '0.00', invoiced: data.totals.invoiced ?? '0.00', paid: data.totals.paid ?? '0.00' })}
        </Typography.Text>
      )}
      <Table<Commission>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('commission.empty')} /> }}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        data-testid="commissions"
        columns={[
          { title: t('commission.col.deal'), dataIndex: 'dealTitle', render: (v: string, c) => <Link to={`/deals/${c.dealId}`}>{v}</Link> },
          { title: t('commission.col.payer'), dataIndex: 'payerName' },
          { title: t('commission.col.basis'), render: (_: unknown, c) => (c.basis === 'rate' ? t('offer.card.rate', { rate: String(Number(c.rate) * 100) }) : t('offer.basisFixed')) },
          { title: t('commission.col.amount'), dataIndex: 'amountText', align: 'right' },
          {
            title: t('commission.col.status'),
            render: (_: unknown, c) => (
              <Space>
                <Tag color={c.status === 'paid' ? 'green' : c.status === 'invoiced' ? 'blue' : c.status === 'cancelled' ? 'default' : 'orange'}>{t(`commission.status.${c.status}`)}</Tag>
                {c.payerConfirmedAt && <Tag color="success">{t('commission.confirmed')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_: unknown, c) => {
              const mine = c.brokerId === user?.id;
              if (mine && c.status === 'due') return <Button size="small" loading={busy === c.id} onClick={() => act(c, 'invoice')}>{t('commission.invoice')}</Button>;
              if (mine && c.status === 'invoiced') return <Button size="small" loading={busy === c.id} onClick={() => act(c, 'paid')}>{t('commission.paid')}</Button>;
              if (!mine && c.status === 'paid' && !c.payerConfirmedAt && c.payerOrgId === user?.organizationId)
                return <Button size="small" loading={busy === c.id} onClick={() => act(c, 'confirm')}>{t('commission.confirm')}</Button>;
              return null;
            },
          },
        ]}
      />
    </Space>
  );
}
