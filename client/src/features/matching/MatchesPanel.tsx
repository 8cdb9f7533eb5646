import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError, describeError } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useTaxonomyNames } from '../../shared/taxonomyNames';
import { useApiData } from '../../shared/useApiData';
import { useLiveRefresh } from '../../shared/liveNotifications';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { KIND, detailPath } from '../listings';
import type { CatalogueItem, Kind, MatchItem, MatchesResponse } from '../listings';
import { sendFeedback, type NotRelevantReason } from './feedback';
import { FeedbackCounts, MatchedTerms, ReasonsTable, ScoreBar } from './MatchParts';
import { NotRelevantModal } from './NotRelevantModal';
import { PairExplainer } from './PairExplainer';
import { budgetText, priceText } from '../../shared/format';
import { MatchStartDeal } from '../deals';

/** The API has no pages for matches, only `limit` (at most 50): "more" asks for a longer list. */
const STEP = 10;
const MAX_LIMIT = 50;

function counterpartOf(item: MatchItem, kind: Kind): CatalogueItem | undefined {
  return kind === 'demand' ? item.achievement : item.demand;
}

function MatchCard({
  item,
  kind,
  sourceId,
  canFeedback,
  canStartDeal,
  marked,
  onRelevant,
  onNotRelevant,
}: {
  item: MatchItem;
  kind: Kind;
  sourceId: string;
  canFeedback: boolean;
  canStartDeal: boolean;
  marked: boolean;
  onRelevant: () => Promise<void>;
  onNotRelevant: () => void;
}) {
  const t = useT();
  const { names } = useTaxonomyNames();
  const [sending, setSending] = useState(false);
  const other = KIND[kind].other;
  const cp = counterpartOf(item, kind);
  if (!cp) return null;
  return (
    <Card size="small" data-testid="match-card" data-source-id={sourceId} data-counterpart-id={cp.id}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 240 }}>
            <Link to={detailPath(other, cp.id)} className="gjt-card-title" data-testid="match-title">
              {cp.title}
            </Link>
            {cp.ownerName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {cp.ownerName}
              </Typography.Text>
            )}
            <Flex gap={6} wrap>
              <Tag color="blue">{names.industryPath(cp.industry)}</Tag>
              {cp.cityCode && <Tag color="geekblue">{names.city(cp.cityCode)}</Tag>}
              {other === 'achievement' && cp.trl != null && <Tag color="green">{names.trl(cp.trl)}</Tag>}
              {other === 'demand' && cp.trlMin != null && <Tag color="green">{t('catalogue.trlAtLeast', { trl: cp.trlMin })}</Tag>}
              {other === 'achievement' ? (
                <Tag color="gold">{priceText(t, cp.price)}</Tag>
              ) : (
                <Tag color="gold">{t('catalogue.budget', { budget: budgetText(t, cp.budgetMin, cp.budgetMax) })}</Tag>
              )}
            </Flex>
          </Flex>
          <div style={{ width: 240 }}>
            <ScoreBar score={item.score} />
          </div>
        </Flex>
        {(cp.summary || cp.problem) && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
            {cp.summary ?? cp.problem}
          </Typography.Paragraph>
        )}
        <ReasonsTable reasons={item.reasons} />
        <MatchedTerms terms={item.matchedTerms} />
        <Flex justify="space-between" align="center" wrap gap={8}>
          <FeedbackCounts feedback={item.feedback} />
          <Flex gap={8} wrap align="center">
            {canStartDeal && (
              <MatchStartDeal
                achievementId={kind === 'achievement' ? sourceId : cp.id}
                demandId={kind === 'demand' ? sourceId : cp.id}
                counterpartTitle={cp.title}
                counterpartOrgId={cp.ownerOrgId}
              />
            )}
            {canFeedback &&
              (marked ? (
                <Tag color="success">{t('match.markedRelevant')}</Tag>
              ) : (
                <Flex gap={8}>
                  <Button
                    size="small"
                    icon={<LikeOutlined aria-hidden />}
                    loading={sending}
                    onClick={async () => {
                      setSending(true);
                      try {
                        await onRelevant();
                      } finally {
                        setSending(false);
                      }
                    }}
                  >
                    {t('match.relevant')}
                  </Button>
                  <Button size="small" danger icon={<DislikeOutlined aria-hidden />} onClick={onNotRelevant}>
                    {t('match.notRelevant')}
                  </Button>
                </Flex>
              ))}
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * The matches of a listing (`GET /api/{demands|achievements}/:id/matches`), best first, each with
 * its explanation. The owner and brokers can say whether a match is relevant; a pair marked not
 * relevant disappears for the whole organization.
 */
export function MatchesPanel({ kind, id, canFeedback, canExplain = false, canStartDeal = false }: { kind: Kind; id: string; canFeedback: boolean; canExplain?: boolean; canStartDeal?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [limit, setLimit] = useState(STEP);
  const { data, loading, error, reload, setData } = useApiData<MatchesResponse>(`${KIND[kind].api}/${encodeURIComponent(id)}/matches`, { limit });
  // New matches or the other side's feedback on this listing.
  useLiveRefresh(reload);
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [dismissing, setDismissing] = useState<CatalogueItem | null>(null);

  const pair = (counterpartId: string) => (kind === 'demand' ? { demandId: id, achievementId: counterpartId } : { demandId: counterpartId, achievementId: id });

  const markRelevant = async (counterpartId: string) => {
    try {
      await sendFeedback({ ...pair(counterpartId), verdict: 'relevant', reason: 'interested' });
      setMarked((prev) => new Set(prev).add(counterpartId));
      message.success(t('match.relevantDone'));
    } catch (caught) {
      message.error(describeError(caught, t));
    }
  };

  const dismiss = async (reason: NotRelevantReason, note: string | undefined) => {
    if (!dismissing) return;
    const counterpartId = dismissing.id;
    await sendFeedback({ ...pair(counterpartId), verdict: 'not_relevant', reason, note });
    setData((prev) => (prev ? { ...prev, items: prev.items.filter((item) => counterpartOf(item, kind)?.id !== counterpartId) } : prev));
    setDismissing(null);
    message.success(t('match.notRelevantDone'));
  };

  if (error !== null) {
    if (error instanceof ApiError && error.status === 409) return <Alert type="info" showIcon title={describeError(error, t)} />;
    return <ErrorAlert error={error} onRetry={reload} />;
  }
  if (!data) {
    return (
      <Flex vertical gap={12} aria-busy="true">
        {[0, 1].map((n) => (
          <Card key={n} size="small">
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
        ))}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12} data-testid="matches-panel">
      <Typography.Text type="secondary">{kind === 'demand' ? t('match.intro.demand') : t('match.intro.achievement')}</Typography.Text>
      {data.source === 'stored' && <Alert type="warning" showIcon title={t('match.storedNotice')} />}
      {data.items.length === 0 ? (
        <Empty description={kind === 'demand' ? t('match.empty.demand') : t('match.empty.achievement')} />
      ) : (
        data.items.map((item) => {
          const cp = counterpartOf(item, kind);
          if (!cp) return null;
          return (
            <MatchCard
              key={cp.id}
              item={item}
              kind={kind}
              sourceId={id}
              canFeedback={canFeedback}
              canStartDeal={canStartDeal}
              marked={marked.has(cp.id)}
              onRelevant={() => markRelevant(cp.id)}
              onNotRelevant={() => setDismissing(cp)}
            />
          );
        })
      )}
      {data.items.length >= limit && limit < MAX_LIMIT && (
        <Flex justify="center">
          <Button loading={loading} onClick={() => setLimit((n) => Math.min(MAX_LIMIT, n + STEP))}>
            {t('match.more')}
          </Button>
        </Flex>
      )}
      {canExplain && <PairExplainer kind={kind} id={id} />}
      <NotRelevantModal open={dismissing !== null} subject={dismissing?.title} onCancel={() => setDismissing(null)} onSubmit={dismiss} />
    </Flex>
  );
}
