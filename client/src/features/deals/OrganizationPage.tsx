import { Alert, Card, Descriptions, Empty, Flex, List, Result, Skeleton, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useT } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { usePageMeta } from '../../shared/pageMeta';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import type { PageProps } from '../../shared/navigation';
import { isStatus } from '../listings';
import { formatDate } from '../../shared/format';
import { RatingBadge } from './RatingBadge';
import type { OrganizationCredit as Credit } from '@common/schemas/deals.js';




/** `/organizations/:id`: an organization's public credit file (单位诚信档案) — ratings received, closed deals, 警示 and 失信 records. */
export default function OrganizationPage(_props: PageProps) {
  const t = useT();
  const { id = '' } = useParams();
  const { data, error, reload } = useApiData<Credit>(`/api/organizations/${encodeURIComponent(id)}/credit`);
  usePageMeta(data?.organization.name ?? null, null);
  if (error) return isStatus(error, 404) ? <Result status="404" title={t('status.notFound')} /> : <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  const org = data.organization;
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="org-name">{org.name}</span>
            {org.verified && (
              <Tag color="green" icon={<SafetyCertificateOutlined aria-hidden />}>
                {t('org.profile.verified')}
              </Tag>
            )}
          </Flex>
        }
      >
        {data.dishonest && <Alert type="error" showIcon title={t('org.profile.dishonest')} style={{ marginBottom: 16 }} data-testid="org-dishonest" />}
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('org.profile.type')}>{t.orgType(org.type)}</Descriptions.Item>
          <Descriptions.Item label={t('org.profile.rating')}>
            <RatingBadge rating={data.rating} />
          </Descriptions.Item>
          <Descriptions.Item label={t('org.profile.closedDeals')}>{t('org.profile.closedDealsValue', { count: String(data.closedDeals) })}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('org.profile.events')}>
        {data.events.length === 0 ? (
          <Empty description={t('org.profile.noEvents')} />
        ) : (
          <List
            dataSource={data.events}
            data-testid="org-credit-events"
            renderItem={(e) => (
              <List.Item>
                <Flex vertical gap={4}>
                  <Flex gap={8} align="center" wrap>
                    <Tag color={e.kind === 'dishonest' ? 'red' : 'orange'}>{t(`credit.kind.${e.kind}`)}</Tag>
                    <Tag color={e.active ? 'processing' : 'default'}>{e.active ? t('credit.active') : t('credit.lifted')}</Tag>
                    <Typography.Text type="secondary">{formatDate(e.createdAt)}</Typography.Text>
                  </Flex>
                  <Typography.Text>{e.reason}</Typography.Text>
                  {e.liftedAt && <Typography.Text type="secondary">{t('org.profile.liftedAt', { date: formatDate(e.liftedAt), reason: e.liftReason ?? '' })}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
