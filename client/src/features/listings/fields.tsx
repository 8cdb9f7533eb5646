import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import type { MessageKey, Translate } from '../../shared/i18n';
import type { TaxonomyNames } from '../../shared/taxonomyNames';
import { formatSize } from '../../shared/upload';
import { sourceName } from './format';
import type { FileRef, IpItem, Kind } from './types';
import { budgetText, formatMoney, priceText } from '../../shared/format';

/** Field labels, as the forms and the detail pages show them. */
const LABELS: Record<Kind, Record<string, MessageKey>> = {
  achievement: {
    title: 'lf.achievement.title',
    titleEn: 'lf.titleEn',
    summary: 'lf.summary',
    summaryEn: 'lf.summaryEn',
    detail: 'lf.detail',
    confidentialDetail: 'lf.confidentialDetail',
    keywords: 'lf.keywords',
    industry: 'lf.industry',
    technicalField: 'lf.technicalField',
    trl: 'lf.trl',
    transferModes: 'lf.transferModes',
    ipItems: 'lf.ipItems',
    price: 'lf.price',
    cityCode: 'lf.cityCode',
    zoneId: 'lf.zoneId',
    source: 'lf.source',
    registrationNo: 'lf.registrationNo',
    contactName: 'lf.contactName',
    contactPhone: 'lf.contactPhone',
    contactEmail: 'lf.contactEmail',
    attachments: 'lf.attachments',
  },
  demand: {
    title: 'lf.demand.title',
    titleEn: 'lf.titleEn',
    problem: 'lf.problem',
    expectedOutcome: 'lf.expectedOutcome',
    keywords: 'lf.keywords',
    industry: 'lf.industry',
    trlMin: 'lf.trlMin',
    budgetMin: 'lf.budgetMin',
    budgetMax: 'lf.budgetMax',
    deadline: 'lf.deadline',
    cooperationModes: 'lf.cooperationModes',
    cityCode: 'lf.cityCode',
    zoneId: 'lf.zoneId',
    contactName: 'lf.contactName',
    contactPhone: 'lf.contactPhone',
    contactEmail: 'lf.contactEmail',
    attachments: 'lf.attachments',
  },
};

/** The order fields are listed in (forms, details, revision comparison). */
export const FIELD_ORDER: Record<Kind, string[]> = {
  achievement: Object.keys(LABELS.achievement),
  demand: Object.keys(LABELS.demand),
};

export function fieldLabel(t: Translate, kind: Kind, field: string): string {
  const key = LABELS[kind][field];
  return key ? t(key) : field;
}

export function ipItemText(t: Translate, names: TaxonomyNames, item: IpItem): string {
  const share = item.share !== null && item.share !== undefined ? t('listing.ipShare', { share: item.share }) : '';
  return [names.ipType(item.type), item.number, names.ipStatus(item.status), share].filter(Boolean).join(' · ');
}

export function Attachments({ files }: { files: FileRef[] }) {
  return (
    <Flex vertical gap={4}>
      {files.map((file) => (
        <a key={file.id} href={`/api/files/${encodeURIComponent(file.id)}`} download={file.name} data-testid="attachment-link">
          {file.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {formatSize(file.size)}
          </Typography.Text>
        </a>
      ))}
    </Flex>
  );
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Any field value as the user reads it (names instead of codes, money in 万元 or 面议). Used for
 * the pending revision, whose values come straight from the owner's request.
 */
export function formatFieldValue(t: Translate, names: TaxonomyNames, kind: Kind, field: string, value: unknown): ReactNode {
  if (field === 'price') return priceText(t, value as number | null);
  if (field === 'budgetMin' || field === 'budgetMax') return value === null || value === undefined ? t('listing.negotiable') : formatMoney(t, value as number);
  if (isEmpty(value)) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  switch (field) {
    case 'keywords':
      return (
        <Flex gap={4} wrap>
          {(value as string[]).map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Flex>
      );
    case 'industry':
      return names.industryPath(value as string);
    case 'trl':
      return `${names.trl(value as number)} — ${names.trlName(value as number)}`;
    case 'trlMin':
      return t('listing.trlAtLeast', { trl: names.trl(value as number) });
    case 'transferModes':
    case 'cooperationModes':
      return (value as string[]).map(names.mode).join(t('listing.enumSeparator'));
    case 'cityCode':
      return names.city(value as string);
    case 'zoneId':
      return names.zone(value as string);
    case 'source':
      return sourceName(t, value as string);
    case 'ipItems':
      return (
        <Flex vertical gap={2}>
          {(value as IpItem[]).map((item, i) => (
            <span key={i}>{ipItemText(t, names, item)}</span>
          ))}
        </Flex>
      );
    case 'attachments': {
      const list = value as (FileRef | string)[];
      if (list.every((f) => typeof f !== 'string')) return <Attachments files={list as FileRef[]} />;
      return t('listing.attachmentCount', { n: list.length });
    }
    default:
      if (kind === 'demand' && field === 'deadline') return String(value);
      return <span className="gjt-pre">{String(value)}</span>;
  }
}

/** A demand's budget as one value. */
export const budgetOf = (t: Translate, min: number | null | undefined, max: number | null | undefined) => budgetText(t, min, max);
