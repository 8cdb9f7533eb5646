/**
 * Numbers, money and dates as the UI shows them, one definition for every feature. Dates are shown in
 * Beijing time whatever the browser's zone (a due date ends at 23:59:59 Beijing time).
 */
import type { Translate } from './i18n';

const localeTag = (t: Translate) => (t.locale === 'zh' ? 'zh-CN' : 'en-US');

/** Yuan, exact to the cent: "1,234,567.89 元" / "¥1,234,567.89". */
export function formatYuan(t: Translate, yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return t('common.none');
  const text = yuan.toLocaleString(localeTag(t), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return t.locale === 'zh' ? `${text} 元` : `¥${text}`;
}

/** Large sums for cards and charts: "123.46 万元" / "¥1.23M". */
export function formatWan(t: Translate, yuan: number | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined) return t('common.none');
  if (t.locale === 'en') {
    if (Math.abs(yuan) >= 1e6) return `¥${(yuan / 1e6).toLocaleString('en-US', { maximumFractionDigits: digits })}M`;
    return `¥${yuan.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  }
  if (Math.abs(yuan) < 10000) return `${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
  return `${(yuan / 10000).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits })} 万元`;
}

/** Plain number in the current language (counts, indicator values). */
export function formatNumber(t: Translate, value: number, digits = 4): string {
  return value.toLocaleString(localeTag(t), { maximumFractionDigits: digits });
}

const BEIJING = 'Asia/Shanghai';
function beijingParts(value: string | Date): Record<string, string> {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: BEIJING,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** "2026-03-15" in Beijing time; plain dates ("2026-03-15") are returned as they are. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = beijingParts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const p = beijingParts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Today in Beijing, "YYYY-MM-DD". */
export const beijingToday = () => formatDate(new Date().toISOString());
/** The current year in Beijing. */
export const beijingYear = () => Number(beijingToday().slice(0, 4));

/** Years offered by the year selectors: this year back to 2016 (the first year of the city targets). */
export function recentYears(from = 2016): number[] {
  const now = beijingYear();
  return Array.from({ length: now - from + 1 }, (_, i) => now - i);
}

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

