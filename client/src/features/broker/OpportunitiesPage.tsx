import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Row, Select, Table, Tag, TreeSelect, Typography, type TableProps } from 'antd';
import { DislikeOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError, applyFieldErrors, describeError } from '../../shared/api';
import { useLocale, useT } from '../../shared/i18n';
import { industryTree, useTaxonomyNames, withDescendants } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { useListQuery } from '../../shared/useListQuery';
import type { PageProps } from '../../shared/navigation';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { detailPath } from '../listings';
import type { BrokerProfile as Profile, Opportunities as OpportunitiesResponse, Opportunity } from '@common/schemas/matching.js';
import { sendFeedback, type NotRelevantReason } from '../matching';
import { MatchedTerms, ScoreBar, TopReasons } from '../matching';
import { NotRelevantModal } from '../matching';
import { useStartDeal } from '../deals';
import { AnyPairExplainer } from '../matching';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/components/PageHeader';

type Side = Opportunity['demand'];

const PAGE_SIZE = 20;
const pairKey = (o: Opportunity) => `${o.demand.id}:${o.achievement.id}`;

/** The broker's service area: industries (a category covers its industries) and cities; empty means all. */
function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { taxonomy } = useTaxonomyNames();
  const [form] = Form.useForm<Profile>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const treeData = useMemo(() => industryTree(taxonomy, locale, { rootsSelectable: true }), [taxonomy, locale]);
  const cityOptions = (taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: t.locale === 'en' && c.nameEn ? c.nameEn : c.name }));

  const onFinish = async (values: Profile) => {
    setSaving(true);
    setError(null);
    try {
      // The server matches industries exactly: a checked category stands for all its industries.
      const industries = withDescendants(taxonomy, values.industries ?? []);
      await api<Profile>('/api/brokers/me/profile', { method: 'PUT', body: { industries, cityCodes: values.cityCodes ?? [] } });
      message.success(t('broker.profileSaved'));
      onSaved();
    } catch (caught) {
      const rest = caught instanceof ApiError ? applyFieldErrors(form, caught.fields.map((f) => ({ ...f, path: f.path.replace(/\.\d+$/, '') })), { known: ['industries', 'cityCodes'] }) : [];
      if (!(caught instanceof ApiError) || !caught.fields.length || rest.length) setError(rest.length ? rest.join(t('common.listSeparator')) : describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('broker.profileTitle')} size="small">
      <Form<Profile> form={form} layout="vertical" initialValues={profile} onFinish={onFinish} disabled={saving} data-testid="broker-profile">
        <Typography.Paragraph type="secondary">{t('broker.profileHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="industries" label={t('broker.industries')}>
              <TreeSelect
                treeData={treeData}
                treeCheckable
                showCheckedStrategy={TreeSelect.SHOW_PARENT}
                showSearch={{ treeNodeFilterProp: 'title' }}
                maxTagCount="responsive"
                allowClear
                placeholder={t('broker.allIndustries')}
                styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cityCodes" label={t('broker.cities')}>
              <Select mode="multiple" options={cityOptions} allowClear maxTagCount="responsive" placeholder={t('broker.allCities')} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('broker.saveProfile')}
        </Button>
      </Form>
    </Card>
  );
}

/** `/broker/opportunities`: stored matches in the broker's service area, best first, each dismissable. */
export default function OpportunitiesPage(_props: PageProps) {
  const t = useT();
  const { message } = App.useApp();
  const { names } = useTaxonomyNames();
  const { page, setQuery } = useListQuery();
  const { data, loading, error, reload, setData } = useApiData<OpportunitiesResponse>('/api/brokers/me/opportunities', { page, pageSize: PAGE_SIZE });
  const [dismissing, setDismissing] = useState<Opportunity | null>(null);
  const startDeal = useStartDeal();
  const broker = (o: Opportunity) =>
    startDeal({ achievementId: o.achievement.id, demandId: o.demand.id, origin: 'match' }).catch((caught: unknown) => message.error(describeError(caught, t)));

  const dismiss = async (reason: NotRelevantReason, note: string | undefined) => {
    if (!dismissing) return;
    const key = pairKey(dismissing);
    await sendFeedback({ demandId: dismissing.demand.id, achievementId: dismissing.achievement.id, verdict: 'not_relevant', reason, note });
    setData((prev) => (prev ? { ...prev, items: prev.items.filter((o) => pairKey(o) !== key), total: Math.max(0, prev.total - 1) } : prev));
    setDismissing(null);
    message.success(t('match.notRelevantDone'));
  };

  const side = (s: Side, kind: 'demand' | 'achievement') => (
    <Flex vertical gap={2}>
      <Link to={detailPath(kind, s.id)}>{s.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[names.industryPath(s.industry), names.city(s.cityCode)].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Flex>
  );

  const columns: TableProps<Opportunity>['columns'] = [
    {
      title: t('broker.col.pair'),
      key: 'pair',
      width: 300,
      render: (_, o) => (
        <Flex vertical gap={6}>
          <Flex gap={6} align="flex-start">
            <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
              {t('broker.col.demand')}
            </Tag>
            {side(o.demand, 'demand')}
          </Flex>
          <SwapOutlined aria-hidden rotate={90} style={{ color: '#8c8c8c', marginInlineStart: 20 }} />
          <Flex gap={6} align="flex-start">
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t('broker.col.achievement')}
            </Tag>
            {side(o.achievement, 'achievement')}
          </Flex>
        </Flex>
      ),
    },
    { title: t('broker.col.score'), dataIndex: 'score', width: 170, render: (score: number) => <ScoreBar score={score} width={140} /> },
    {
      title: t('broker.col.reasons'),
      key: 'reasons',
      render: (_, o) => (
        <Flex vertical gap={6}>
          <TopReasons reasons={o.reasons} />
          <MatchedTerms terms={o.matchedTerms} />
        </Flex>
      ),
    },
    {
      title: t('broker.col.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, o) => (
        <Flex vertical gap={4} align="flex-start">
          <Button size="small" type="primary" onClick={() => broker(o)} data-testid="start-brokered-deal">
            {t('deal.start.broker')}
          </Button>
          <Link to={`${detailPath('demand', o.demand.id)}?tab=matches`}>{t('broker.viewMatches')}</Link>
          <Button size="small" danger icon={<DislikeOutlined aria-hidden />} onClick={() => setDismissing(o)}>
            {t('match.notRelevant')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('nav.opportunities')} subtitle={t('broker.subtitle')} />
      {data?.profile ? (
        <ProfileForm key={JSON.stringify(data.profile)} profile={data.profile} onSaved={() => reload()} />
      ) : null}
      <Card title={t('broker.listTitle')} size="small">
        {error !== null && <ErrorAlert error={error} onRetry={reload} />}
        <Table<Opportunity>
          rowKey={pairKey}
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1000 }}
          data-testid="opportunities"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error !== null ? t('error.loadFailed') : t('broker.empty')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showTotal: (n) => t('broker.total', { n }),
            onChange: (next) => setQuery({ page: next }),
          }}
          footer={data?.items.length ? () => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('broker.computedAt', { date: formatDateTime(data.items[0]?.computedAt) })}</Typography.Text> : undefined}
        />
      </Card>
      <AnyPairExplainer />
      <NotRelevantModal
        open={dismissing !== null}
        subject={dismissing ? `${dismissing.demand.title} ↔ ${dismissing.achievement.title}` : undefined}
        onCancel={() => setDismissing(null)}
        onSubmit={dismiss}
      />
    </Flex>
  );
}
