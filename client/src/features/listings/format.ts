import dayjs from 'dayjs';
import type { MessageKey, Translate } from '../../shared/i18n';
import type { ListingStatus } from './types';
import { EXPIRY_WARNING_DAYS } from './kinds';

const number = (value: number, locale: string, digits: number) =>
  value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });

/** Money (yuan): "120 万元" / "8,000 元" in Chinese, "¥1,200,000" in English. */
export function formatMoney(t: Translate, yuan: number): string {
  if (t.locale === 'en') return `¥${number(yuan, 'en', 2)}`;
  return yuan >= 10000 ? `${number(yuan / 10000, 'zh', 4)} 万元` : `${number(yuan, 'zh', 2)} 元`;
}

/** An asking price, or 面议 when null. */
export function priceText(t: Translate, price: number | null | undefined): string {
  return price === null || price === undefined ? t('listing.negotiable') : formatMoney(t, price);
}

/** A budget range: both ends, one of them, or 面议. */
export function budgetText(t: Translate, min: number | null | undefined, max: number | null | undefined): string {
  const hasMin = min !== null && min !== undefined;
  const hasMax = max !== null && max !== undefined;
  if (hasMin && hasMax) {
    if (t.locale === 'zh' && min >= 10000 && max >= 10000) return `${number(min / 10000, 'zh', 4)}–${number(max / 10000, 'zh', 4)} 万元`;
    return `${formatMoney(t, min)}–${formatMoney(t, max)}`;
  }
  if (hasMax) return t('listing.budgetUpTo', { amount: formatMoney(t, max) });
  if (hasMin) return t('listing.budgetFrom', { amount: formatMoney(t, min) });
  return t('listing.negotiable');
}

export const statusName = (t: Translate, status: string) => t(`listing.status.${status as ListingStatus}` satisfies MessageKey);

export const sourceName = (t: Translate, source: string | null | undefined) =>
  source ? t(`listing.source.${source as 'fiscal_program' | 'award' | 'other'}` satisfies MessageKey) : '';

export const formatDate = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '');
export const formatDateTime = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '');

/** Days until the date (negative when past), or null without a date. */
export function daysUntil(value: string | null | undefined): number | null {
  if (!value) return null;
  return Math.ceil(dayjs(value).diff(dayjs(), 'hour') / 24);
}

export function expiringSoon(value: string | null | undefined): boolean {
  const days = daysUntil(value);
  return days !== null && days <= EXPIRY_WARNING_DAYS;
}
