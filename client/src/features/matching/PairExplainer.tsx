import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Select, Skeleton, Tag, Typography } from 'antd';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { useRemoteSearch } from '../../shared/useRemoteSearch';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { KIND } from '../listings';
import type { CatalogueItem, Kind, MatchReason } from '../listings';
import { MatchedTerms, ReasonsTable, ScoreBar } from './MatchParts';

export interface PairExplanation {
  demand: { id: string; title: string };
  achievement: { id: string; title: string };
  score: number;
  reasons: MatchReason[];
  matchedTerms: string[];
  rank: number | null;
  threshold: number;
  why: string[];
}

/** The score breakdown of one pair (`GET /api/matches/explain`), matched or not. */
export function PairExplanationView({ demandId, achievementId }: { demandId: string; achievementId: string }) {
  const t = useT();
  const key = `${demandId}:${achievementId}`;
  const [state, setState] = useState<{ key: string; data?: PairExplanation; error?: unknown } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<PairExplanation>('/api/matches/explain', { query: { demandId, achievementId }, signal: controller.signal }).then(
      (data) => setState({ key, data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, error });
      },
    );
    return () => controller.abort();
  }, [key, demandId, achievementId]);
  if (state?.key !== key) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (state.error !== undefined) return <ErrorAlert error={state.error} />;
  const data = state.data!;
  return (
    <Flex vertical gap={10} data-testid="pair-explanation">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          {data.rank ? <Tag color="success">{t('explain.rank', { n: data.rank })}</Tag> : <Tag color="default">{t('explain.notMatched')}</Tag>}
        </Typography.Text>
        <div style={{ width: 240 }}>
          <ScoreBar score={data.score} />
        </div>
      </Flex>
      {data.why.length > 0 && (
        <Alert type="info" showIcon title={t('explain.why')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{data.why.map((w) => <li key={w}>{w}</li>)}</ul>} />
      )}
      <ReasonsTable reasons={data.reasons} />
      <MatchedTerms terms={data.matchedTerms} />
    </Flex>
  );
}

/**
 * For brokers and staff on a listing's matches tab: pick any counterpart from the catalogue and
 * see how the pair scores and why it is (not) among the matches.
 */
export function PairExplainer({ kind, id }: { kind: Kind; id: string }) {
  const t = useT();
  const other = KIND[kind].other;
  const [picked, setPicked] = useState<string | null>(null);
  const { items, selectProps } = useRemoteSearch<CatalogueItem>(KIND[other].api, { hint: t('explain.hint'), empty: t('explain.empty') });
  return (
    <Card size="small" title={t('explain.title')} data-testid="pair-explainer">
      <Flex vertical gap={12}>
        <Select<string>
          {...selectProps}
          allowClear
          aria-label={t('explain.pick')}
          placeholder={other === 'achievement' ? t('explain.pick.achievement') : t('explain.pick.demand')}
          value={picked ?? undefined}
          onChange={(value) => setPicked(value ?? null)}
          options={items.map((item) => ({ value: item.id, label: item.title }))}
          style={{ width: '100%' }}
        />
        {picked && <PairExplanationView demandId={kind === 'demand' ? id : picked} achievementId={kind === 'demand' ? picked : id} />}
      </Flex>
    </Card>
  );
}

/** Broker workbench: any demand × any achievement, picked from the catalogues. */
export function AnyPairExplainer() {
  const t = useT();
  const [demandId, setDemandId] = useState<string | null>(null);
  const [achievementId, setAchievementId] = useState<string | null>(null);
  const demands = useRemoteSearch<CatalogueItem>(KIND.demand.api, { hint: t('explain.hint'), empty: t('explain.empty') });
  const achievements = useRemoteSearch<CatalogueItem>(KIND.achievement.api, { hint: t('explain.hint'), empty: t('explain.empty') });
  return (
    <Card size="small" title={t('explain.title')} data-testid="any-pair-explainer">
      <Flex vertical gap={12}>
        <Flex gap={12} wrap>
          <Select<string>
            {...demands.selectProps}
            allowClear
            aria-label={t('explain.pickDemand')}
            placeholder={t('explain.pickDemand')}
            value={demandId ?? undefined}
            onChange={(value) => setDemandId(value ?? null)}
            options={demands.items.map((item) => ({ value: item.id, label: item.title }))}
            style={{ flex: 1, minWidth: 260 }}
          />
          <Select<string>
            {...achievements.selectProps}
            allowClear
            aria-label={t('explain.pickAchievement')}
            placeholder={t('explain.pickAchievement')}
            value={achievementId ?? undefined}
            onChange={(value) => setAchievementId(value ?? null)}
            options={achievements.items.map((item) => ({ value: item.id, label: item.title }))}
            style={{ flex: 1, minWidth: 260 }}
          />
        </Flex>
        {demandId && achievementId && <PairExplanationView demandId={demandId} achievementId={achievementId} />}
      </Flex>
    </Card>
  );
}
