import { useState } from 'react';
import {
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useT } from '../../../shared/i18n';
import { zoneOptions } from '../../../shared/taxonomy';
import { useTaxonomyNames } from '../../../shared/taxonomyNames';
import { useApiData } from '../../../shared/useApiData';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { YearSelect } from '../shared';
import type { SubsidyEstimate } from '../types';
import { beijingYear, formatYuan } from '../../../shared/format';


/** 补贴测算: the subsidies the year's registered contracts earn under the rules. */
export function SubsidyEstimatesTab() {
  const t = useT();
  const { taxonomy } = useTaxonomyNames();
  const [year, setYear] = useState(() => beijingYear());
  const [zone, setZone] = useState<string | undefined>();
  const [city, setCity] = useState<string | undefined>();
  const { data, loading, error, reload } = useApiData<SubsidyEstimate>('/api/subsidies', { year, zone, city });
  const money = (v: number) => formatYuan(t, v);
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap>
        <YearSelect value={year} onChange={setYear} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('registrar.filter.zone')} aria-label={t('registrar.filter.zone')} value={zone} onChange={setZone} options={zoneOptions(taxonomy)} style={{ width: 240 }} />
        <Select
          allowClear
          placeholder={t('zone.filter.city')}
          aria-label={t('zone.filter.city')}
          value={city}
          onChange={setCity}
          options={(taxonomy?.cities ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 160 }}
        />
      </Flex>
      {error !== null && !loading ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {(['registrar', 'intermediary', 'enterprise'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small" loading={loading && !data}>
                  <Statistic title={t(`sub.beneficiary.${k}`)} value={data ? money(data.totals[k]) : t('common.none')} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Card size="small" loading={loading && !data}>
                <Statistic title={t('sub.total')} value={data ? money(data.totals.total) : t('common.none')} styles={{ content: { color: '#1668dc' } }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('sub.items')}>
            <Table
              rowKey={(i) => `${i.ruleCode}|${i.beneficiary.id ?? i.beneficiary.creditCode}|${i.beneficiary.name}`}
              loading={loading}
              dataSource={data?.items ?? []}
              size="small"
              scroll={{ x: 900 }}
              locale={{ emptyText: <Empty description={t('sub.noItems', { year })} /> }}
              columns={[
                { title: t('sub.beneficiaryName'), key: 'n', render: (_, i) => i.beneficiary.name },
                { title: t('sub.beneficiary'), key: 'b', width: 140, render: (_, i) => <Tag>{t(`sub.beneficiary.${i.beneficiaryType}`)}</Tag> },
                { title: t('sub.ruleName'), key: 'r', render: (_, i) => i.ruleName },
                { title: t('sub.contracts'), dataIndex: 'contracts', key: 'c', width: 90, align: 'right' },
                { title: t('sub.baseAmount'), key: 'ba', width: 170, align: 'right', render: (_, i) => money(i.baseAmount) },
                { title: t('sub.estimate'), key: 'e', width: 160, align: 'right', render: (_, i) => <Typography.Text strong>{money(i.estimate)}</Typography.Text> },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('sub.byZone')}>
                <Table rowKey="zoneId" size="small" pagination={false} dataSource={data?.byZone ?? []} columns={[{ title: t('zone.col.name'), dataIndex: 'name' }, { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) }]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('sub.byCity')}>
                <Table rowKey="cityCode" size="small" pagination={false} dataSource={data?.byCity ?? []} columns={[{ title: t('zone.col.city'), dataIndex: 'name' }, { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) }]} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('sub.byBroker')}>
            <Table
              rowKey={(r) => `${r.brokerId}|${r.ruleCode}`}
              size="small"
              dataSource={data?.byBroker ?? []}
              columns={[
                { title: t('sub.broker'), dataIndex: 'name' },
                { title: t('sub.agency'), key: 'o', render: (_, r) => r.organizationName ?? t('common.none') },
                { title: t('sub.contracts'), dataIndex: 'contracts', align: 'right', width: 90 },
                { title: t('sub.baseAmount'), key: 'ba', align: 'right', render: (_, r) => money(r.baseAmount) },
                { title: t('sub.estimate'), key: 'e', align: 'right', render: (_, r) => money(r.estimate) },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

// 节假日安排（工作日计算）
