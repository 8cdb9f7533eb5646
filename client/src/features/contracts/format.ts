import type { Translate } from '../../shared/i18n';
import type { ContractStatus, EntityType } from './types';
import { beijingToday, formatDate } from '../../shared/format';

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

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; fall back to random bytes). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
