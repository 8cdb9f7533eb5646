/** The zone's deal funnel for a year (GET /api/zones/:id/funnel), as an ECharts funnel; loaded lazily with echarts. */
import { Card, Skeleton, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { formatMoney } from '../../shared/format';
import type { Funnel } from '@common/schemas/deals.js';

echarts.use([FunnelChart, TooltipComponent, AriaComponent, CanvasRenderer]);


export default function DealFunnel({ zoneId, year }: { zoneId: string; year: number }) {
  const t = useT();
  const { data, error, reload } = useApiData<Funnel>(`/api/zones/${encodeURIComponent(zoneId)}/funnel`, { year });
  const title = t('funnel.title', { year });
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Card title={title} size="small"><Skeleton active /></Card>;
  const names = data.steps.map((s) => t(`funnel.${s.key}`));
  const contracts = data.steps.find((s) => s.key === 'contracts');
  return (
    <Card title={title} size="small" data-testid="deal-funnel">
      <div role="img" aria-label={data.steps.map((s, i) => `${names[i]} ${s.count}`).join('，')}>
        <ReactEChartsCore
          echarts={echarts}
          notMerge
          style={{ height: 300 }}
          option={{
            aria: { enabled: true },
            tooltip: { trigger: 'item' },
            color: ['#1668dc', '#13c2c2', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a'],
            series: [
              {
                type: 'funnel',
                sort: 'none',
                minSize: '8%',
                left: 40,
                right: 40,
                label: { formatter: '{b}：{c}' },
                data: data.steps.map((s, i) => ({ name: names[i], value: s.count })),
              },
            ],
          }}
        />
      </div>
      <Typography.Text type="secondary">{t('funnel.amount', { amount: formatMoney(t, Number(contracts?.amount ?? 0)) })}</Typography.Text>
    </Card>
  );
}
