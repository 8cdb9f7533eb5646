import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RoadshowStatus } from '@common/schemas/roadshows.js';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { formatPrice } from './format';
import type { AchievementCard } from './types';

const STATUS_COLORS: Record<RoadshowStatus, string> = { draft: 'default', scheduled: 'blue', live: 'red', ended: 'green', cancelled: 'default' };

export function RoadshowStatusTag({ status }: { status: RoadshowStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="roadshow-status">
      {t(`roadshow.status.${status}`)}
    </Tag>
  );
}

/** The current agenda item's achievement: summary, TRL, price or 面议, IP. */
export function AchievementCardView({ card, index, title }: { card: AchievementCard; index?: number; title?: string }) {
  const t = useT();
  const { names } = useTaxonomyNames();
  return (
    <Card
      size="small"
      data-testid="current-item"
      title={
        <span>
          {index !== undefined && <Tag>{t('roadshow.item.no', { n: index + 1 })}</Tag>}
          {title ?? <Link to={`/achievements/${encodeURIComponent(card.id)}`}>{card.title}</Link>}
        </span>
      }
    >
      <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }}>{card.summary ?? t('common.none')}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('roadshow.card.owner')}>{card.ownerOrgName ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('roadshow.card.industry')}>{names.industry(card.industry)}</Descriptions.Item>
        <Descriptions.Item label={t('roadshow.card.trl')}>{card.trl ? names.trl(card.trl) : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('roadshow.card.price')}>{formatPrice(t, card.price)}</Descriptions.Item>
        <Descriptions.Item label={t('roadshow.card.modes')}>{card.transferModes.map((m) => names.mode(m)).join('、') || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('roadshow.card.ip')}>
          {card.ipItems.length ? card.ipItems.map((ip) => `${names.ipType(ip.type)} ${ip.number}（${names.ipStatus(ip.status)}）`).join('；') : t('common.none')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** An HLS stream with hls.js (Safari plays HLS natively); muted autoplay as browsers require. */
export function HlsPlayer({ src, live }: { src: string; live: boolean }) {
  const t = useT();
  const ref = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let destroy = () => {};
    let cancelled = false;
    setFailed(false);
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src;
    } else {
      void import('hls.js').then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) {
          setFailed(true);
          return;
        }
        const hls = new Hls({ lowLatencyMode: live });
        hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && setFailed(true));
        hls.loadSource(src);
        hls.attachMedia(video);
        destroy = () => hls.destroy();
      });
    }
    return () => {
      cancelled = true;
      destroy();
    };
  }, [src, live]);
  return (
    <div>
      <video ref={ref} data-testid="roadshow-video" controls autoPlay muted playsInline style={{ width: '100%', maxHeight: 480, background: '#000', borderRadius: 8 }} aria-label={t('roadshow.video')} />
      {failed && <Alert type="warning" showIcon message={t('roadshow.videoFailed')} style={{ marginTop: 8 }} />}
    </div>
  );
}
