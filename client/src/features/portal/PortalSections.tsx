import type { ReactNode } from 'react';
import { Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type Translate } from '../../shared/i18n';
import { useTaxonomyNames, type TaxonomyNames } from '../../shared/taxonomyNames';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { NewsList } from '../news';
import type { ListingCard, PortalOverview, RoadshowCard } from './types';
import './portal.css';
import { budgetText, formatDate, formatDateTime, priceText } from '../../shared/format';

/** A contract turnover as people read it: 亿元 / 万元, or ¥ bn / m. */
export function amountText(t: Translate, yuan: number): string {
  if (t.locale === 'en') return yuan >= 1e9 ? `¥${(yuan / 1e9).toFixed(2)} bn` : `¥${(yuan / 1e6).toFixed(1)} m`;
  return yuan >= 1e8 ? `${(yuan / 1e8).toFixed(2)} 亿元` : `${(yuan / 1e4).toFixed(1)} 万元`;
}

function Figures({ figures }: { figures: PortalOverview['figures'] }) {
  const t = useT();
  const items = [
    { key: 'achievements', title: t('portal.figures.achievements'), value: figures.achievements, suffix: t('portal.figures.unitItems'), to: '/achievements' },
    { key: 'demands', title: t('portal.figures.demands'), value: figures.demands, suffix: t('portal.figures.unitItems'), to: '/demands' },
    {
      key: 'contracts',
      title: t('portal.figures.contracts', { year: figures.contracts.year }),
      value: figures.contracts.count,
      suffix: t('portal.figures.unitContracts'),
      extra: t('portal.figures.contractAmount', { amount: amountText(t, figures.contracts.amount) }),
      to: '/zones',
    },
    { key: 'roadshows', title: t('portal.figures.roadshows'), value: figures.roadshowsHeld, suffix: t('portal.figures.unitSessions'), to: '/roadshows' },
  ];
  return (
    <section aria-labelledby="portal-figures">
      <Typography.Title level={4} id="portal-figures" className="gjt-visually-hidden">
        {t('portal.figures')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {items.map((item) => (
          <Col key={item.key} xs={12} lg={6}>
            <Link to={item.to} className="gjt-figure-link" data-testid={`figure-${item.key}`}>
              <Card size="small" hoverable style={{ height: '100%' }}>
                <Statistic title={item.title} value={item.value} suffix={item.suffix || undefined} />
                {item.extra && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.extra}
                  </Typography.Text>
                )}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function ListingList({ items, kind, names, empty }: { items: ListingCard[]; kind: 'achievements' | 'demands'; names: TaxonomyNames; empty: string }) {
  const t = useT();
  return (
    <List
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(item) => (
        <List.Item key={item.id} style={{ paddingInline: 0 }}>
          <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
            <Link to={`/${kind}/${encodeURIComponent(item.id)}`} className="gjt-portal-title">
              {t.locale === 'en' && item.titleEn ? item.titleEn : item.title}
            </Link>
            <Flex gap={6} wrap align="center">
              <Tag color="blue">{names.industry(item.industry)}</Tag>
              <Tag color="geekblue">{names.city(item.cityCode)}</Tag>
              <Tag color="gold">{kind === 'achievements' ? priceText(t, item.price) : budgetText(t, item.budgetMin, item.budgetMax)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[item.organizationName, formatDate(item.publishedAt)].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Roadshows({ live, upcoming }: PortalOverview['roadshows']) {
  const t = useT();
  const items: RoadshowCard[] = [...live, ...upcoming];
  return (
    <Card
      title={<h2 className="gjt-card-heading">{t('portal.roadshows')}</h2>}
      size="small"
      extra={<Link to="/roadshows">{t('portal.more')}</Link>}
      data-testid="portal-roadshows"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Flex vertical><span>{t('portal.roadshows.empty')}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('portal.roadshows.emptyDesc')}</Typography.Text></Flex>} />
      ) : (
        <List
          dataSource={items}
          renderItem={(r) => (
            <List.Item key={r.id} style={{ paddingInline: 0 }}>
              <Flex gap={8} align="center" wrap>
                <Tag color={r.status === 'live' ? 'red' : 'blue'}>{r.status === 'live' ? t('portal.roadshows.live') : t('portal.roadshows.upcoming')}</Tag>
                <Link to={`/roadshows/${encodeURIComponent(r.id)}`}>{r.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatDateTime(r.startsAt), r.zoneName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Section({ title, more, children, testId }: { title: string; more: string; children: ReactNode; testId: string }) {
  const t = useT();
  return (
    <Card title={<h2 className="gjt-card-heading">{title}</h2>} size="small" extra={<Link to={more} aria-label={`${t('portal.more')}：${title}`}>{t('portal.more')}</Link>} style={{ height: '100%' }} data-testid={testId}>
      {children}
    </Card>
  );
}

/** The portal's blocks below the search box: figures, newest listings, roadshows, notices and policies. */
export function PortalSections({ data, error, reload }: { data: PortalOverview | null; error: unknown; reload: () => void }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  if (error !== null) return <ErrorAlert error={error} onRetry={reload} title={t('portal.loadFailed')} />;
  if (!data) {
    return (
      <Row gutter={[12, 12]} aria-busy="true">
        {[0, 1, 2, 3].map((n) => (
          <Col key={n} xs={12} lg={6}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Figures figures={data.figures} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Section title={t('portal.latestAchievements')} more="/achievements?sort=newest" testId="portal-achievements">
            <ListingList items={data.achievements} kind="achievements" names={names} empty={t('portal.noAchievements')} />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={t('portal.latestDemands')} more="/demands?sort=newest" testId="portal-demands">
            <ListingList items={data.demands} kind="demands" names={names} empty={t('portal.noDemands')} />
          </Section>
        </Col>
      </Row>
      <Roadshows live={data.roadshows.live} upcoming={data.roadshows.upcoming} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Section title={t('portal.notices')} more="/news?category=notice" testId="portal-notices">
            <NewsList items={data.notices} withCategory={false} empty={t('portal.noNews')} />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={t('portal.policies')} more="/news?category=policy" testId="portal-policies">
            <NewsList items={data.policies} withCategory={false} empty={t('portal.noNews')} />
          </Section>
        </Col>
      </Row>
    </Flex>
  );
}
