import type { ReactNode } from 'react';
import { Descriptions, Flex, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { useT } from '../../shared/i18n';
import type { TaxonomyNames } from '../../shared/taxonomyNames';
import { Attachments, fieldLabel } from './fields';
import { sourceName } from './format';
import type { IpItem, Listing } from './types';
import { budgetText, formatDate, priceText } from '../../shared/format';

function LongText({ value }: { value: string | null | undefined }) {
  return <Typography.Paragraph className="gjt-pre" style={{ marginBottom: 0 }}>{value}</Typography.Paragraph>;
}

export function IpItemsTable({ items, names }: { items: IpItem[]; names: TaxonomyNames }) {
  const t = useT();
  return (
    <Table<IpItem & { key: number }>
      size="small"
      pagination={false}
      dataSource={items.map((item, key) => ({ ...item, key }))}
      data-testid="ip-items"
      columns={[
        { title: t('lf.ip.type'), dataIndex: 'type', render: (value: string) => names.ipType(value) },
        { title: t('lf.ip.number'), dataIndex: 'number' },
        { title: t('lf.ip.status'), dataIndex: 'status', render: (value: string) => names.ipStatus(value) },
        {
          title: t('lf.ip.share'),
          dataIndex: 'share',
          render: (value: number | null | undefined) => (value === null || value === undefined ? t('common.none') : `${value}%`),
        },
      ]}
    />
  );
}

/**
 * Every field of a listing the viewer may see, labelled in the current language. Fields the
 * server left out (detail and contact for visitors, review notes for others) are simply not shown.
 */
export function ListingDescriptions({ listing, names, column = 2 }: { listing: Listing; names: TaxonomyNames; column?: number }) {
  const t = useT();
  const kind = listing.kind;
  const items: NonNullable<DescriptionsProps['items']> = [];
  const add = (field: string, children: ReactNode, span: number | 'filled' = 1, label?: string) =>
    items.push({ key: field, label: label ?? fieldLabel(t, kind, field), children, span });
  const has = (value: unknown) => value !== undefined && value !== null && value !== '';

  add('title', listing.title, 'filled');
  if (has(listing.titleEn)) add('titleEn', listing.titleEn, 'filled');
  if (kind === 'achievement') {
    add('summary', <LongText value={listing.summary} />, 'filled');
    if (has(listing.summaryEn)) add('summaryEn', <LongText value={listing.summaryEn} />, 'filled');
    if (has(listing.detail)) add('detail', <LongText value={listing.detail} />, 'filled');
    if (has(listing.confidentialDetail)) add('confidentialDetail', <LongText value={listing.confidentialDetail} />, 'filled');
  } else {
    add('problem', <LongText value={listing.problem} />, 'filled');
    add('expectedOutcome', <LongText value={listing.expectedOutcome} />, 'filled');
  }
  add(
    'keywords',
    <Flex gap={4} wrap>
      {listing.keywords.map((k) => (
        <Tag key={k}>{k}</Tag>
      ))}
    </Flex>,
  );
  add('industry', names.industryPath(listing.industry));
  if (kind === 'achievement') {
    if (has(listing.technicalField)) add('technicalField', listing.technicalField);
    add(
      'trl',
      listing.trl ? (
        <Flex vertical>
          <span>{names.trl(listing.trl)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {names.trlName(listing.trl)}
          </Typography.Text>
        </Flex>
      ) : (
        t('common.none')
      ),
    );
    add('transferModes', (listing.transferModes ?? []).map(names.mode).join(t('listing.enumSeparator')) || t('common.none'));
    add('price', <span data-testid="price">{priceText(t, listing.price)}</span>);
    add('source', sourceName(t, listing.source) || t('common.none'));
    if (has(listing.registrationNo)) add('registrationNo', listing.registrationNo);
  } else {
    add('trlMin', listing.trlMin ? t('listing.trlAtLeast', { trl: names.trl(listing.trlMin) }) : t('listing.noRequirement'));
    add('budget', <span data-testid="price">{budgetText(t, listing.budgetMin, listing.budgetMax)}</span>, 1, t('lf.budget'));
    add('deadline', listing.deadline ? formatDate(listing.deadline) : t('listing.noDeadline'));
    add('cooperationModes', (listing.cooperationModes ?? []).map(names.mode).join(t('listing.enumSeparator')) || t('common.none'));
  }
  add('cityCode', names.city(listing.cityCode));
  if (has(listing.zoneId)) add('zoneId', names.zone(listing.zoneId));
  add('owner', `${listing.owner.name}${listing.owner.type ? `（${t.orgType(listing.owner.type)}）` : ''}`, 1, t('lf.owner'));
  if (listing.publishedAt) add('publishedAt', formatDate(listing.publishedAt), 1, t('lf.publishedAt'));
  if (listing.expiresAt) add('expiresAt', formatDate(listing.expiresAt), 1, t('lf.expiresAt'));
  add('updatedAt', formatDate(listing.updatedAt), 1, t('lf.updatedAt'));
  if (listing.contactName !== undefined) {
    add('contactName', listing.contactName || t('common.none'));
    add('contactPhone', listing.contactPhone || t('common.none'));
    add('contactEmail', listing.contactEmail || t('common.none'));
  }
  if (listing.attachments !== undefined) {
    add('attachments', listing.attachments.length ? <Attachments files={listing.attachments} /> : t('listing.noAttachments'), 'filled');
  }

  return (
    <Flex vertical gap={16}>
      <Descriptions bordered size="small" column={{ xs: 1, md: column }} items={items} styles={{ label: { width: 140 } }} />
      {kind === 'achievement' && (
        <div>
          <Typography.Title level={5}>{fieldLabel(t, kind, 'ipItems')}</Typography.Title>
          {listing.ipItems && listing.ipItems.length ? (
            <IpItemsTable items={listing.ipItems} names={names} />
          ) : (
            <Typography.Text type="secondary">{t('listing.noIpItems')}</Typography.Text>
          )}
        </div>
      )}
    </Flex>
  );
}
