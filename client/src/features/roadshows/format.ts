import dayjs from 'dayjs';
import type { Translate } from '../../shared/i18n';

export const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
export const formatRange = (from: string, to: string) => {
  const a = dayjs(from);
  const b = dayjs(to);
  return a.isSame(b, 'day') ? `${a.format('YYYY-MM-DD HH:mm')}–${b.format('HH:mm')}` : `${a.format('YYYY-MM-DD HH:mm')} – ${b.format('YYYY-MM-DD HH:mm')}`;
};

/** Asking price: yuan, or 面议 when none is given. */
export function formatPrice(t: Translate, price: number | null): string {
  if (price === null) return t('roadshow.card.negotiable');
  if (t.locale === 'zh') return price >= 10000 ? `${(price / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : `${price.toLocaleString('zh-CN')} 元`;
  return `¥${price.toLocaleString('en')}`;
}
