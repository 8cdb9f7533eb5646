import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, List, Row, Select, Table, Tag, Timeline, Tooltip, Typography, type TableProps } from 'antd';
import { ClockCircleOutlined, PaperClipOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { useLocale, useT, type MessageKey } from '../../shared/i18n';
import { entryName, useTaxonomyNames } from '../../shared/taxonomyNames';
import type { ApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { formatSize } from '../../shared/upload';
import { STATUS_COLORS, countryLabel, entityTypeName, statusName, workingDaysLeft, type WorkCalendar } from './format';
import type { Contract, ContractDetail, ContractStatus, HistoryEntry, PageOf, Party } from './types';
import { formatDate, formatDateTime, formatYuan, recentYears } from '../../shared/format';

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="contract-status">
      {statusName(t, status)}
    </Tag>
  );
}

/** "需专家评审" (or "专家评审已完成") for contracts of 500万元 or more. */
export function ExpertReviewTag({ contract }: { contract: Contract }) {
  const t = useT();
  if (!contract.expertReview.required) return null;
  return contract.expertReview.reviewedAt ? (
    <Tag color="green">{t('contract.expertDone')}</Tag>
  ) : (
    <Tooltip title={t('contract.expertHint')}>
      <Tag color="purple" data-testid="expert-tag">
        {t('contract.expertRequired')}
      </Tag>
    </Tooltip>
  );
}

let calendarPromise: Promise<WorkCalendar> | null = null;

/** The working-day calendar (GET /api/holidays), loaded once per visit; null until it arrives or when it fails. */
export function useWorkCalendar(): WorkCalendar | null {
  const [cal, setCal] = useState<WorkCalendar | null>(null);
  useEffect(() => {
    let active = true;
    if (!calendarPromise) {
      calendarPromise = api<{ items: { date: string; kind: 'holiday' | 'workday' }[] }>('/api/holidays').then((res) => ({
        holidays: new Set(res.items.filter((h) => h.kind === 'holiday').map((h) => h.date)),
        workdays: new Set(res.items.filter((h) => h.kind === 'workday').map((h) => h.date)),
      }));
      calendarPromise.catch(() => {
        calendarPromise = null;
      });
    }
    calendarPromise.then(
      (value) => active && setCal(value),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);
  return cal;
}

/** The review deadline of a waiting contract: date, working days left, red when overdue. */
export function DueDate({ contract, calendar }: { contract: Contract; calendar: WorkCalendar | null }) {
  const t = useT();
  if (contract.status !== 'submitted') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const date = formatDate(contract.dueAt);
  if (contract.overdue) {
    const days = calendar ? -workingDaysLeft(contract.dueAt, calendar) : null;
    return (
      <Flex vertical gap={0}>
        <Typography.Text type="danger" strong data-testid="due-overdue">
          <WarningOutlined aria-hidden /> {date}
        </Typography.Text>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {days && days > 0 ? t('contract.overdueDays', { n: days }) : t('contract.overdue')}
        </Typography.Text>
      </Flex>
    );
  }
  const left = calendar ? workingDaysLeft(contract.dueAt, calendar) : null;
  return (
    <Flex vertical gap={0}>
      <Typography.Text>
        <ClockCircleOutlined aria-hidden /> {date}
      </Typography.Text>
      {left !== null && (
        <Typography.Text type={left <= 3 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {left === 0 ? t('contract.dueToday') : t('contract.daysLeft', { n: left })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Contract type and subtype names from the taxonomy, and the options of the selects that pick them. */
export function useContractTypeNames() {
  const { taxonomy, names } = useTaxonomyNames();
  const { locale } = useLocale();
  return useMemo(() => {
    const types = new Map((taxonomy?.contractTypes ?? []).map((type) => [type.code, type]));
    return {
      taxonomy,
      names,
      type: (code: string) => entryName(types.get(code), code, locale),
      subtype: (type: string, code: string) => entryName(types.get(type)?.subtypes.find((s) => s.code === code), code, locale),
      typeOptions: (taxonomy?.contractTypes ?? []).map((c) => ({ value: c.code, label: entryName(c, c.code, locale) })),
      /** The subtypes of `type`; none until a type is chosen. */
      subtypeOptions: (type: string | undefined) => ((type ? types.get(type)?.subtypes : undefined) ?? []).map((s) => ({ value: s.code, label: entryName(s, s.code, locale) })),
    };
  }, [taxonomy, names, locale]);
}

/** Seller and buyer, one a line, for the contract lists. */
export function PartiesCell({ contract }: { contract: Contract }) {
  const t = useT();
  return (
    <Flex vertical gap={0} style={{ fontSize: 13 }}>
      <span>
        {t('contract.sellerShort')}：{contract.seller.name}
      </span>
      <span>
        {t('contract.buyerShort')}：{contract.buyer.name}
      </span>
    </Flex>
  );
}

/** The year filter of the contract lists; empty is every year. */
export function YearFilter({ value, onChange, width }: { value: string; onChange: (year: string | undefined) => void; width: number }) {
  const t = useT();
  return (
    <Select
      allowClear
      aria-label={t('contract.filter.year')}
      placeholder={t('contract.filter.year')}
      value={value || undefined}
      onChange={onChange}
      options={recentYears(2020).map((y) => ({ value: String(y), label: t('contract.yearLabel', { year: y }) }))}
      style={{ width }}
    />
  );
}

/** Page size of the contract lists: ask `GET /api/contracts` for this many. */
export const CONTRACT_PAGE_SIZE = 20;

/** One page of contracts as loaded by `list`, with the page links and the total under it; a failed load as an alert. */
export function ContractTable({
  list,
  page,
  onPageChange,
  ...table
}: Omit<TableProps<Contract>, 'rowKey' | 'dataSource' | 'loading' | 'pagination'> & { list: ApiData<PageOf<Contract>>; page: number; onPageChange: (page: number) => void }) {
  const t = useT();
  if (list.error !== null && !list.loading) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  return (
    <Table<Contract>
      rowKey="id"
      dataSource={list.data?.items ?? []}
      loading={list.loading}
      pagination={{
        current: page,
        pageSize: CONTRACT_PAGE_SIZE,
        total: list.data?.total ?? 0,
        showSizeChanger: false,
        showTotal: (total) => t('contract.total', { n: total }),
        onChange: onPageChange,
      }}
      {...table}
    />
  );
}

export function PartyCard({ title, party }: { title: string; party: Party }) {
  const t = useT();
  const tag = party.organizationId ? (
    <Tag color="blue">{t('contract.party.platformTag')}</Tag>
  ) : party.entityType === 'foreign' ? (
    <Tag color="purple">{t('contract.party.foreignTag')}</Tag>
  ) : party.entityType === 'individual' ? (
    <Tag>{t('contract.party.individualTag')}</Tag>
  ) : (
    <Tag>{t('contract.party.outsideTag')}</Tag>
  );
  return (
    <Card size="small" title={title} extra={tag}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('contract.party.name')}>{party.name}</Descriptions.Item>
        {party.creditCode && (
          <Descriptions.Item label={t('field.creditCode')}>
            <Typography.Text copyable>{party.creditCode}</Typography.Text>
          </Descriptions.Item>
        )}
        {party.countryCode && <Descriptions.Item label={t('contract.party.country')}>{countryLabel(t, party.countryCode)}</Descriptions.Item>}
        {party.registrationNumber && <Descriptions.Item label={t('contract.party.foreignRegNo')}>{party.registrationNumber}</Descriptions.Item>}
        {party.idNumber && (
          <Descriptions.Item label={t('contract.party.idNumber')}>
            <Typography.Text data-testid="party-id-number">{party.idNumber}</Typography.Text>
          </Descriptions.Item>
        )}
        {party.regionCode && <Descriptions.Item label={t('field.regionCode')}>{party.regionCode}</Descriptions.Item>}
        <Descriptions.Item label={t('contract.party.entityType')}>{entityTypeName(t, party.entityType)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The contract's registration particulars (detail page and the registrar's drawer). */
export function ContractDescriptions({ contract, column = 2 }: { contract: Contract; column?: number }) {
  const t = useT();
  const typeNames = useContractTypeNames();
  const none = t('common.none');
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: column }} data-testid="contract-descriptions">
      <Descriptions.Item label={t('contract.field.type')}>
        {typeNames.type(contract.type)} · {typeNames.subtype(contract.type, contract.subtype)}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.field.registrationNumber')}>
        {contract.registrationNumber ? (
          <Typography.Text strong copyable data-testid="registration-number">
            {contract.registrationNumber}
          </Typography.Text>
        ) : (
          none
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.field.amount')}>
        <span data-testid="contract-amount">{formatYuan(t, contract.amount)}</span> <ExpertReviewTag contract={contract} />
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.field.techAmount')}>{formatYuan(t, contract.techAmount)}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field.signedAt')}>{contract.signedAt}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field.validity')}>
        {contract.validFrom} ~ {contract.validTo}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.field.zone')}>
        {contract.zoneId ? <Link to={`/zones/${encodeURIComponent(contract.zoneId)}`}>{typeNames.names.zone(contract.zoneId)}</Link> : <span data-testid="contract-no-zone">{t('contract.noZone')}</span>}
        {contract.crossBorder && (
          <Tag color="purple" style={{ marginInlineStart: 8 }}>
            {t(contract.crossBorder === 'export' ? 'contract.crossBorder.export' : 'contract.crossBorder.import')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.field.city')}>{contract.cityCode ? typeNames.names.city(contract.cityCode) : t('contract.cityOutside')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field.technicalField')}>{contract.technicalField || none}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field.submittedAt')}>{formatDateTime(contract.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field.paymentTerms')} span={{ xs: 1, md: column }}>
        {contract.paymentTerms ? <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{contract.paymentTerms}</Typography.Paragraph> : none}
      </Descriptions.Item>
      {(contract.achievementId || contract.demandId) && (
        <Descriptions.Item label={t('contract.field.links')} span={{ xs: 1, md: column }}>
          <Flex gap={12} wrap>
            {contract.achievementId && <Link to={`/achievements/${encodeURIComponent(contract.achievementId)}`}>{t('contract.field.achievement')}</Link>}
            {contract.demandId && <Link to={`/demands/${encodeURIComponent(contract.demandId)}`}>{t('contract.field.demand')}</Link>}
          </Flex>
        </Descriptions.Item>
      )}
      {contract.registeredAt && <Descriptions.Item label={t('contract.field.registeredAt')}>{formatDateTime(contract.registeredAt)}</Descriptions.Item>}
      {contract.amendedAt && <Descriptions.Item label={t('contract.field.amendedAt')}>{formatDateTime(contract.amendedAt)}</Descriptions.Item>}
      {contract.cancelledAt && <Descriptions.Item label={t('contract.field.cancelledAt')}>{formatDateTime(contract.cancelledAt)}</Descriptions.Item>}
      {contract.withdrawnAt && <Descriptions.Item label={t('contract.field.withdrawnAt')}>{formatDateTime(contract.withdrawnAt)}</Descriptions.Item>}
      {contract.expertReview.reviewedAt && (
        <Descriptions.Item label={t('contract.field.expertReview')} span={{ xs: 1, md: column }}>
          {formatDateTime(contract.expertReview.reviewedAt)} · {contract.expertReview.note}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function PartiesRow({ contract }: { contract: Contract }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <PartyCard title={t('contract.field.seller')} party={contract.seller} />
      </Col>
      <Col xs={24} md={12}>
        <PartyCard title={t('contract.field.buyer')} party={contract.buyer} />
      </Col>
    </Row>
  );
}

export function AttachmentList({ files }: { files: ContractDetail['attachments'] }) {
  const t = useT();
  if (!files.length) return <Typography.Text type="secondary">{t('contract.noAttachments')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={files}
      renderItem={(file) => (
        <List.Item>
          <Flex gap={8} align="center">
            <PaperClipOutlined aria-hidden />
            <a href={`/api/files/${encodeURIComponent(file.id)}`} target="_blank" rel="noreferrer" data-testid="contract-attachment">
              {file.name}
            </a>
            <Typography.Text type="secondary">{formatSize(file.size)}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

const ACTION_COLORS: Record<string, string> = {
  'contract.submit': 'blue',
  'contract.update': 'gray',
  'contract.resubmit': 'blue',
  'contract.expert_review': 'purple',
  'contract.register': 'green',
  'contract.request_correction': 'orange',
  'contract.refuse': 'red',
  'contract.amend': 'cyan',
  'contract.cancel': 'gray',
};
const SUBMITTER_ACTIONS = new Set(['contract.submit', 'contract.update', 'contract.resubmit', 'contract.withdraw']);

/** The processing history (audit trail), oldest first. */
export function ContractTimeline({ history }: { history: HistoryEntry[] }) {
  const t = useT();
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contract.noHistory')} />;
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="contract-timeline"
      items={sorted.map((entry, i) => {
        const key = `contract.history.${entry.action.replace(/^contract\./, '')}` as MessageKey;
        const label = (t(key) as string | undefined) ?? entry.action;
        return {
          key: `${entry.at}-${i}`,
          color: ACTION_COLORS[entry.action] ?? 'gray',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text strong>{label}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(entry.at)} · {SUBMITTER_ACTIONS.has(entry.action) ? t('contract.history.bySubmitter') : t('contract.history.byRegistrar')}
              </Typography.Text>
              {entry.note && <Typography.Text>{entry.note}</Typography.Text>}
            </Flex>
          ),
        };
      })}
    />
  );
}

const AMEND_FIELD_KEYS: Record<string, MessageKey> = {
  name: 'contract.field.name',
  type: 'contract.field.type',
  subtype: 'contract.field.subtype',
  amount: 'contract.field.amount',
  techAmount: 'contract.field.techAmount',
  signedAt: 'contract.field.signedAt',
  validFrom: 'contract.field.validFrom',
  validTo: 'contract.field.validTo',
  zoneId: 'contract.field.zone',
  cityCode: 'contract.field.city',
  technicalField: 'contract.field.technicalField',
  paymentTerms: 'contract.field.paymentTerms',
};

/** Amendments of a registered contract: note, and each changed field before → after. */
export function AmendmentList({ amendments }: { amendments: ContractDetail['amendments'] }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  if (!amendments.length) return null;
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'zoneId') return names.zone(String(value));
    if (field === 'cityCode') return names.city(String(value));
    if (field === 'amount' || field === 'techAmount') return formatYuan(t, Number(value));
    return String(value);
  };
  return (
    <List
      dataSource={amendments}
      data-testid="amendments"
      renderItem={(a) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Typography.Text strong>
              {formatDateTime(a.createdAt)} · {a.note}
            </Typography.Text>
            {Object.keys(a.after).map((field) => (
              <Typography.Text key={field} type="secondary">
                {AMEND_FIELD_KEYS[field] ? t(AMEND_FIELD_KEYS[field]) : field}：{show(field, a.before[field])} → {show(field, a.after[field])}
              </Typography.Text>
            ))}
          </Flex>
        </List.Item>
      )}
    />
  );
}


