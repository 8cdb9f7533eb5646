/**
 * The dashboard's ECharts. This module (and echarts with it) is loaded lazily, in its own chunk,
 * only on pages that show charts. Only the chart types used are registered, to keep the chunk small.
 */
import { Card, Col, Empty, Row } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useT, type Translate } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useContractTypeNames } from '../contracts';
import type { ContractStats } from './types';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const wan = (yuan: number) => Math.round(yuan / 100) / 100;
const COLORS = ['#1668dc', '#13c2c2', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a'];

function Chart({ option, label, height = 300, testId }: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={{ aria: { enabled: true }, color: COLORS, ...option }} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}

const unitLabel = (t: Translate) => t('dash.unitWan');

function monthOption(t: Translate, stats: ContractStats): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 48, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: stats.byMonth.map((m) => t('dash.month', { m: m.month })) },
    yAxis: [
      { type: 'value', name: unitLabel(t) },
      { type: 'value', name: t('dash.unitCount'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: t('dash.amount'), type: 'bar', data: stats.byMonth.map((m) => wan(m.amount)) },
      { name: t('dash.techAmount'), type: 'bar', data: stats.byMonth.map((m) => wan(m.techAmount)) },
      { name: t('dash.count'), type: 'line', yAxisIndex: 1, data: stats.byMonth.map((m) => m.count) },
    ],
  };
}

function yearOption(t: Translate, stats: ContractStats): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 48, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: stats.byYear.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: unitLabel(t) },
      { type: 'value', name: t('dash.unitCount'), minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: t('dash.amount'), type: 'bar', barMaxWidth: 40, data: stats.byYear.map((y) => wan(y.amount)) },
      { name: t('dash.count'), type: 'line', yAxisIndex: 1, data: stats.byYear.map((y) => y.count) },
    ],
  };
}

function typeOption(t: Translate, stats: ContractStats, typeName: (code: string) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: `{b}<br/>{c} ${unitLabel(t)}（{d}%）` },
    legend: { bottom: 0 },
    series: [
      {
        name: t('dash.byType'),
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%' },
        data: stats.byType.filter((x) => x.amount > 0).map((x) => ({ name: typeName(x.type), value: wan(x.amount) })),
      },
    ],
  };
}

function cityOption(t: Translate, region: ContractStats, cityName: (code: string) => string): EChartsCoreOption {
  const rows = [...region.byCity].sort((a, b) => a.amount - b.amount);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The grid makes room for the longest city name (English ones run to "Autonomous region level").
    grid: { left: 8, right: 40, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'value', name: unitLabel(t) },
    yAxis: { type: 'category', data: rows.map((c) => cityName(c.cityCode)) },
    series: [{ name: t('dash.amount'), type: 'bar', data: rows.map((c) => wan(c.amount)), barMaxWidth: 18 }],
  };
}

/** Turnover by month and year, by contract type (this zone), and by city (all zones). */
export default function DashboardCharts({ stats, region }: { stats: ContractStats; region: ContractStats | null }) {
  const t = useT();
  const typeNames = useContractTypeNames();
  const { names } = useTaxonomyNames();
  const anyType = stats.byType.some((x) => x.amount > 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('dash.byMonth', { year: stats.year })} size="small">
          <Chart option={monthOption(t, stats)} label={t('dash.byMonth', { year: stats.year })} testId="chart-month" />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('dash.byType')} size="small">
          {anyType ? (
            <Chart option={typeOption(t, stats, typeNames.type)} label={t('dash.byType')} testId="chart-type" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noContracts')} style={{ height: 268, paddingTop: 60 }} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('dash.byYear')} size="small">
          <Chart option={yearOption(t, stats)} label={t('dash.byYear')} testId="chart-year" />
        </Card>
      </Col>
      {region && (
        <Col xs={24} xl={14}>
          <Card title={t('dash.byCity', { year: region.year })} size="small">
            <Chart option={cityOption(t, region, names.city)} label={t('dash.byCity', { year: region.year })} height={380} testId="chart-city" />
          </Card>
        </Col>
      )}
    </Row>
  );
}
