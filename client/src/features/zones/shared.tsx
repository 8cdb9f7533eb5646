import { Select, Tag } from 'antd';
import { useT, type Translate } from '../../shared/i18n';
import type { ZoneStatus } from './types';
import { recentYears } from '../../shared/format';

export const ZONE_STATUS_COLORS: Record<ZoneStatus, string> = {
  applying: 'default',
  approved: 'processing',
  accepted: 'success',
  rectify: 'warning',
  revoked: 'error',
};

export const zoneStatusName = (t: Translate, s: string) => t(`zone.status.${s as ZoneStatus}`);
export const zoneLevelName = (t: Translate, l: string) => t(`zone.level.${l as 'national'}`);
export const hostTypeName = (t: Translate, h: string) => t(`zone.host.${h as 'other'}`);

export function ZoneStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={ZONE_STATUS_COLORS[status as ZoneStatus] ?? 'default'} data-testid="zone-status">
      {zoneStatusName(t, status)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: string }) {
  const t = useT();
  return <Tag color={level === 'national' ? 'red' : 'blue'}>{zoneLevelName(t, level)}</Tag>;
}

/** Year picker of the dashboards and indicator pages. */
export function YearSelect({ value, onChange, years, label }: { value: number; onChange: (year: number) => void; years?: number[]; label?: string }) {
  const t = useT();
  const list = [...new Set([...(years ?? recentYears()), value])].sort((a, b) => b - a);
  return (
    <Select
      aria-label={label ?? t('zone.yearSelect')}
      value={value}
      onChange={onChange}
      options={list.map((y) => ({ value: y, label: t('contract.yearLabel', { year: y }) }))}
      style={{ width: 130 }}
    />
  );
}
