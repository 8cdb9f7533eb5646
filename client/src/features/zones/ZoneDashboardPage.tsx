import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Timeline, Tooltip, Typography } from 'antd';
import { BarChartOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { ApiError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { LinkButton } from '../../shared/components/LinkButton';
import { NotFound, PageLoading } from '../../shared/components/StatusPages';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { PageHeader } from '../../shared/components/PageHeader';
import { CityTiles } from './CityTiles';
import { LevelTag, YearSelect, ZoneStatusTag, hostTypeName, zoneStatusName } from './shared';
import type { ContractStats, Indicator, IndicatorsResponse, TargetsResponse, ZoneDetail } from './types';
import './zones.css';
import { beijingYear, formatDate, formatNumber, formatWan, formatYuan } from '../../shared/format';
import { managesZone, readsStatistics } from '../../shared/policies';

const DashboardCharts = lazy(() => import('./DashboardCharts'));
const DealFunnel = lazy(() => import('../deals/DealFunnel'));

/** Indicator cards shown under the turnover figures. */
const INDICATOR_CARDS = ['I04', 'I05', 'I22', 'I23'];

function Kpi({ title, value, sub, testId, help }: { title: string; value: ReactNode; sub?: ReactNode; testId: string; help?: string }) {
  return (
    <Card size="small" className="gjt-kpi-card" data-testid={testId} style={{ height: '100%' }}>
      <Statistic
        title={
          <Flex gap={4} align="center">
            <span>{title}</span>
            {help && (
              <Tooltip title={help}>
                <InfoCircleOutlined aria-label={help} />
              </Tooltip>
            )}
          </Flex>
        }
        value={typeof value === 'string' || typeof value === 'number' ? value : undefined}
        formatter={typeof value === 'string' || typeof value === 'number' ? undefined : () => value}
      />
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-sub`}>
          {sub}
        </Typography.Text>
      )}
    </Card>
  );
}

function indicatorText(t: ReturnType<typeof useT>, ind: Indicator | undefined): string {
  if (!ind || ind.value === null || ind.value === undefined) return t('common.none');
  if (typeof ind.value === 'number') return `${formatNumber(t, ind.value)} ${t.locale === 'en' && ind.unitEn ? ind.unitEn : ind.unit}`;
  return ind.value;
}

function TargetProgress({ targets, cityCode }: { targets: TargetsResponse; cityCode: string }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  const rows = targets.items.filter((i) => i.target !== null);
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noTargets', { year: targets.year })} />;
  return (
    <Flex vertical gap={6} data-testid="target-progress">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dash.targetRule', { min: formatWan(t, targets.rule.minTechAmount) })}
      </Typography.Text>
      {rows.map((i) => (
        <Flex key={i.cityCode} align="center" gap={8}>
          <Typography.Text strong={i.cityCode === cityCode} style={{ width: t.locale === 'en' ? 112 : 80, flex: 'none' }}>
            {names.city(i.cityCode)}
          </Typography.Text>
          <Progress
            percent={Math.round((i.progress ?? 0) * 1000) / 10}
            status={(i.progress ?? 0) >= 1 ? 'success' : 'normal'}
            strokeColor={i.cityCode === cityCode ? '#fa8c16' : undefined}
            format={() => `${i.achieved}/${i.target}`}
            style={{ margin: 0, flex: 1 }}
            aria-label={t('dash.targetAria', { city: names.city(i.cityCode), achieved: i.achieved, target: i.target ?? 0 })}
          />
        </Flex>
      ))}
      {targets.total.target !== null && (
        <Typography.Text type="secondary">
          {t('dash.targetTotal', { achieved: targets.total.achieved, target: targets.total.target, pct: Math.round((targets.total.progress ?? 0) * 1000) / 10 })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** `/zones/:zoneId`: a zone's contract turnover (months, years, types, cities), city targets and key indicators. */
export default function ZoneDashboardPage(_props: PageProps) {
  const t = useT();
  const { user } = useAuth();
  const { names } = useTaxonomyNames();
  const { zoneId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const canStats = readsStatistics(user);
  // Annual reports are filed in January for the year before: that is what the public sees by default.
  const defaultYear = canStats ? beijingYear() : beijingYear() - 1;
  const year = Number(params.get('year')) || defaultYear;
  const manages = managesZone(user, zoneId);

  const zone = useApiData<ZoneDetail>(`/api/zones/${encodeURIComponent(zoneId)}`);
  const stats = useApiData<ContractStats>(canStats ? '/api/stats/contracts' : null, { year, zone: zoneId });
  const region = useApiData<ContractStats>(canStats ? '/api/stats/contracts' : null, { year });
  const targets = useApiData<TargetsResponse>('/api/targets', { year });
  const indicators = useApiData<IndicatorsResponse>(`/api/zones/${encodeURIComponent(zoneId)}/indicators`, { year });

  if (zone.error instanceof ApiError && (zone.error.status === 404 || zone.error.status === 400)) return <NotFound />;
  if (zone.error !== null && !zone.loading) return <ErrorAlert error={zone.error} onRetry={zone.reload} />;
  if (!zone.data) return <PageLoading />;
  const z = zone.data;

  const setYear = (y: number) => {
    const p = new URLSearchParams(params);
    if (y === defaultYear) p.delete('year');
    else p.set('year', String(y));
    setParams(p, { replace: true });
  };

  const byCode = new Map((indicators.data?.indicators ?? []).map((i) => [i.code, i]));
  const i01 = byCode.get('I01');
  const s = stats.data && stats.data.year === year ? stats.data : null;
  const cityTarget = targets.data?.items.find((i) => i.cityCode === z.cityCode);
  const statsLoading = canStats && stats.loading && !s;

  // The turnover: live figures from the statistics, or the filed indicator 1 (亿元) for everyone else.
  let turnover: ReactNode = t('common.none');
  let turnoverSub: ReactNode = undefined;
  if (s) {
    turnover = <span data-testid="kpi-turnover-value">{formatWan(t, s.totals.amount)}</span>;
    turnoverSub = formatYuan(t, s.totals.amount);
  } else if (typeof i01?.value === 'number') {
    turnover = <span data-testid="kpi-turnover-value">{`${formatNumber(t, i01.value)} ${i01.unit}`}</span>;
    turnoverSub = indicators.data?.published ? t('dash.fromReport') : undefined;
  }

  return (
    <div>
      <PageHeader
        title={<span data-testid="zone-name">{z.name}</span>}
        tags={
          <>
            <LevelTag level={z.level} />
            <ZoneStatusTag status={z.status} />
          </>
        }
        subtitle={t('dash.subtitle', { city: names.city(z.cityCode), host: hostTypeName(t, z.hostType) })}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} />
            <LinkButton icon={<BarChartOutlined aria-hidden />} to={`/zones/${encodeURIComponent(z.id)}/indicators?year=${year}`}>
              {manages ? t('nav.zoneIndicators') : t('zone.indicators')}
            </LinkButton>
          </>
        }
      />
      <Flex vertical gap={16}>
        {!canStats && <Alert type="info" showIcon title={t('dash.publicNotice')} />}
        {stats.error !== null && <ErrorAlert error={stats.error} onRetry={stats.reload} />}

        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12} xl={6}>
            {statsLoading ? (
              <Card size="small">
                <Skeleton active paragraph={{ rows: 1 }} />
              </Card>
            ) : (
              <Kpi testId="kpi-turnover" title={t('dash.kpi.turnover', { year })} value={turnover} sub={turnoverSub} help={t('dash.kpi.turnoverHelp')} />
            )}
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Kpi testId="kpi-tech" title={t('dash.kpi.techAmount', { year })} value={s ? formatWan(t, s.totals.techAmount) : t('common.none')} sub={s ? formatYuan(t, s.totals.techAmount) : undefined} />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Kpi
              testId="kpi-count"
              title={t('dash.kpi.count', { year })}
              value={s ? t('dash.countValue', { n: s.totals.count }) : typeof i01?.detail?.contracts === 'number' ? t('dash.countValue', { n: i01.detail.contracts as number }) : t('common.none')}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Kpi
              testId="kpi-target"
              title={t('dash.kpi.target', { city: names.city(z.cityCode) })}
              value={cityTarget && cityTarget.target !== null ? `${cityTarget.achieved} / ${cityTarget.target}` : cityTarget ? t('dash.itemsValue', { n: cityTarget.achieved }) : t('common.none')}
              sub={cityTarget && cityTarget.progress !== null ? t('dash.progress', { pct: Math.round(cityTarget.progress * 1000) / 10 }) : t('dash.noTargetShort')}
            />
          </Col>
          {INDICATOR_CARDS.map((code) => {
            const ind = byCode.get(code);
            return (
              <Col key={code} xs={24} sm={12} xl={6}>
                <Kpi testId={`kpi-${code}`} title={(t.locale === 'en' ? ind?.nameEn : undefined) ?? ind?.name ?? code} value={indicators.loading && !ind ? t('common.loading') : indicatorText(t, ind)} help={ind?.note ?? undefined} />
              </Col>
            );
          })}
        </Row>
        {indicators.data && !indicators.data.published && !manages && (
          <Typography.Text type="secondary">{t('dash.notPublished', { year })}</Typography.Text>
        )}

        {s && (
          <Suspense
            fallback={
              <Card>
                <Skeleton active paragraph={{ rows: 8 }} />
              </Card>
            }
          >
            <DashboardCharts stats={s} region={region.data && region.data.year === year ? region.data : null} />
          </Suspense>
        )}
        <Suspense fallback={<Skeleton active />}>
          <DealFunnel zoneId={z.id} year={year} />
        </Suspense>

        <Row gutter={[16, 16]}>
          {canStats && (
            <Col xs={24} xl={12}>
              <Card title={t('dash.cityTiles')} size="small">
                {region.error !== null ? (
                  <ErrorAlert error={region.error} onRetry={region.reload} />
                ) : region.data ? (
                  <CityTiles byCity={region.data.byCity} targets={targets.data} highlight={z.cityCode} />
                ) : (
                  <Skeleton active />
                )}
              </Card>
            </Col>
          )}
          <Col xs={24} xl={canStats ? 12 : 16}>
            <Card title={t('dash.targets', { year })} size="small">
              {targets.error !== null ? (
                <ErrorAlert error={targets.error} onRetry={targets.reload} />
              ) : targets.data ? (
                <TargetProgress targets={targets.data} cityCode={z.cityCode} />
              ) : (
                <Skeleton active />
              )}
            </Card>
          </Col>
          {!canStats && (
            <Col xs={24} xl={8}>
              <ZoneHistory zone={z} />
            </Col>
          )}
        </Row>
        {canStats && <ZoneHistory zone={z} />}
      </Flex>
    </div>
  );
}

function ZoneHistory({ zone }: { zone: ZoneDetail }) {
  const t = useT();
  return (
    <Card title={t('zone.history')} size="small">
      {zone.statusHistory.length ? (
        <Timeline
          items={[...zone.statusHistory]
            .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))
            .map((h, i) => ({
              key: i,
              content: (
                <Flex vertical gap={0}>
                  <Typography.Text strong>
                    {formatDate(h.effectiveOn)} · {zoneStatusName(t, h.status)}
                  </Typography.Text>
                  {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
                </Flex>
              ),
            }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('zone.noHistory')} />
      )}
    </Card>
  );
}
