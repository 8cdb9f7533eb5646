import { useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Input, Pagination, Result, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';
import { isStatus } from '../listings';
import type { PageOf } from '../listings';
import { formatMoney } from '../../shared/format';
import { RatingBadge } from './RatingBadge';
import type { Broker } from '@common/schemas/deals.js';


function BrokerFacts({ b }: { b: Broker }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  return (
    <Flex vertical gap={4}>
      <Flex gap={4} wrap>
        {b.level && <Tag color="blue">{b.level}</Tag>}
        {b.title && <Tag color="purple">{b.title}</Tag>}
      </Flex>
      <Typography.Text type="secondary">
        {t('brokers.areas')}：{b.industries.length ? b.industries.map((i) => names.industry(i)).join('、') : t('brokers.all')}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('brokers.cities')}：{b.cityCodes.length ? b.cityCodes.map((c) => names.city(c)).join('、') : t('brokers.all')}
      </Typography.Text>
      <Typography.Text>
        {t('brokers.closedDeals', { count: String(b.closedDeals) })} · {t('brokers.contracts', { count: String(b.contracts) })} · {t('brokers.amount', { amount: formatMoney(t, b.contractAmount) })}
      </Typography.Text>
      <RatingBadge rating={{ average: b.rating, count: b.ratingCount }} />
    </Flex>
  );
}

/** 技术经纪人名录: search by name, industry and city; cards with qualifications, track record and rating. */
export default function BrokersPage(_props: PageProps) {
  const t = useT();
  const { taxonomy } = useTaxonomyNames();
  const [q, setQ] = useState<string | undefined>();
  const [city, setCity] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApiData<PageOf<Broker>>('/api/brokers', { q, city, page, pageSize: 12 });
  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex gap={12} wrap>
          <Input.Search allowClear placeholder={t('brokers.search')} style={{ width: 280 }} onSearch={(v) => (setQ(v || undefined), setPage(1))} />
          <Select allowClear placeholder={t('brokers.cities')} style={{ width: 180 }} value={city} onChange={(v) => (setCity(v), setPage(1))} options={(taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: c.name }))} />
        </Flex>
        {error ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Skeleton active />
        ) : !data?.items.length ? (
          <Empty description={t('brokers.empty')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="broker-directory">
            {data.items.map((b) => (
              <Col key={b.id} xs={24} md={12} lg={8}>
                <Card size="small" title={<Link to={`/brokers/${b.id}`}>{b.name}</Link>} extra={<Typography.Text type="secondary">{b.organization.name}</Typography.Text>}>
                  <BrokerFacts b={b} />
                </Card>
              </Col>
            ))}
          </Row>
        )}
        {data && data.total > 12 && <Pagination current={page} total={data.total} pageSize={12} onChange={setPage} />}
      </Flex>
    </Card>
  );
}

/** A broker's public profile. */
export function BrokerProfilePage(_props: PageProps) {
  const t = useT();
  const { id = '' } = useParams();
  const { data, error, reload } = useApiData<Broker>(`/api/brokers/${encodeURIComponent(id)}`);
  if (error) return isStatus(error, 404) ? <Result status="404" title={t('status.notFound')} /> : <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  return (
    <Card title={data.name} extra={data.organization.name}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('brokers.level')}>{[data.level, data.title].filter(Boolean).join(' · ') || t('common.none')}</Descriptions.Item>
      </Descriptions>
      <BrokerFacts b={data} />
    </Card>
  );
}
