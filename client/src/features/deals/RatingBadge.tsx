import { Flex, Rate, Typography } from 'antd';
import { useT } from '../../shared/i18n';
import type { RatingSummary } from '@common/schemas/deals.js';

export type { RatingSummary };


/**
 * A rating average with its count (诚信评价) — read-only stars and 「4.5 分（3 条评价）」. Cards pass
 * `compact` (nothing when there are no ratings yet); pages show 「暂无评价」.
 */
export function RatingBadge({ rating, compact = false }: { rating: RatingSummary | null | undefined; compact?: boolean }) {
  const t = useT();
  if (!rating || !rating.count || rating.average === null) {
    return compact ? null : (
      <Typography.Text type="secondary" data-testid="rating-none">
        {t('rating.none')}
      </Typography.Text>
    );
  }
  return (
    <Flex gap={6} align="center" data-testid="rating" aria-label={t('rating.aria', { rating: String(rating.average), count: String(rating.count) })}>
      <Rate disabled allowHalf value={Math.round(rating.average * 2) / 2} style={{ fontSize: compact ? 12 : 14 }} />
      <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : undefined }}>
        {t('rating.text', { rating: rating.average.toFixed(1), count: String(rating.count) })}
      </Typography.Text>
    </Flex>
  );
}
