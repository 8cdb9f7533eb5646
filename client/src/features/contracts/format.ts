import type { Translate } from '../../shared/i18n';
import type { ContractStatus, EntityType } from './types';

/** Colors of the status tags: waiting blue, sent back orange, done green, refused red, changed cyan, cancelled grey. */
export const STATUS_COLORS: Record<ContractStatus, string> = {
  submitted: 'processing',
  needs_correction: 'warning',
  registered: 'success',
  refused: 'error',
  amended: 'cyan',
  cancelled: 'default',
  withdrawn: 'default',
};

/** Country or region name of an ISO 3166 alpha-2 code in the UI language: "越南（VN）" / "Vietnam (VN)". */
export function countryLabel(t: Translate, code: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([t.locale === 'zh' ? 'zh-CN' : 'en'], { type: 'region' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return t.locale === 'zh' ? `${name}（${code}）` : `${name} (${code})`;
}

/** Countries most contracts go to or come from (ASEAN first, the province's 面向东盟 mission), then other partners. */
export const COMMON_COUNTRIES = ['VN', 'TH', 'MY', 'SG', 'ID', 'PH', 'LA', 'KH', 'MM', 'BN', 'HK', 'MO', 'TW', 'JP', 'KR', 'DE', 'US', 'GB', 'FR', 'RU', 'AU'];

export const statusName = (t: Translate, status: string) => t(`contract.status.${status as ContractStatus}`);
export const entityTypeName = (t: Translate, type: string) => t(`contract.entity.${type as EntityType}`);

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

// Dates are shown in Beijing time whatever the browser's zone: due dates end at 23:59:59 Beijing.

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

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function isWorkingDay(iso: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(iso)) return true;
  if (cal.holidays.has(iso)) return false;
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * Working days left until the due date (today counted when it is a working day), or the negative
 * number of calendar days past it. Same calendar as the server: weekends, holidays, 调休 workdays.
 */
export function workingDaysLeft(dueAt: string, cal: WorkCalendar, today = beijingToday()): number {
  const due = formatDate(dueAt);
  if (due < today) {
    return -Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
  }
  let n = 0;
  for (let d = today; d <= due; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** Years offered by the year selectors: this year back to 2016 (the first year of the city targets). */
export function recentYears(from = 2016): number[] {
  const now = beijingYear();
  return Array.from({ length: now - from + 1 }, (_, i) => now - i);
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; fall back to random bytes). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
