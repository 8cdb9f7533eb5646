import dayjs from 'dayjs';
import type { MessageKey, Translate } from '../../shared/i18n';
import type { ListingStatus } from './types';
import { EXPIRY_WARNING_DAYS } from './kinds';

export const statusName = (t: Translate, status: string) => t(`listing.status.${status as ListingStatus}` satisfies MessageKey);

export const sourceName = (t: Translate, source: string | null | undefined) =>
  source ? t(`listing.source.${source as 'fiscal_program' | 'award' | 'other'}` satisfies MessageKey) : '';


/** Days until the date (negative when past), or null without a date. */
export function daysUntil(value: string | null | undefined): number | null {
  if (!value) return null;
  return Math.ceil(dayjs(value).diff(dayjs(), 'hour') / 24);
}

export function expiringSoon(value: string | null | undefined): boolean {
  const days = daysUntil(value);
  return days !== null && days <= EXPIRY_WARNING_DAYS;
}
