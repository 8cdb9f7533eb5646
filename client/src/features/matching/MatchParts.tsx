import { Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { useT, type Translate } from '../../shared/i18n';
import type { MatchFeedbackCounts, MatchReason } from '../listings';
import { FACTOR_LABELS, REASON_LABELS, type FeedbackReason } from './feedback';

export const factorName = (t: Translate, factor: string) => (FACTOR_LABELS[factor] ? t(FACTOR_LABELS[factor]) : factor);
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The match score (0–1) as a bar with its percentage. */
export function ScoreBar({ score, width }: { score: number; width?: number }) {
  const t = useT();
  const value = Math.round(score * 100);
  return (
    <Flex align="center" gap={8} style={{ minWidth: width ?? 160 }} data-testid="match-score">
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
        {t('match.score')}
      </Typography.Text>
      <Progress
        percent={value}
        size="small"
        status="normal"
        strokeColor={value >= 70 ? '#52c41a' : value >= 50 ? '#1668dc' : '#faad14'}
        aria-label={t('match.scoreAria', { n: value })}
        style={{ flex: 1, margin: 0 }}
      />
    </Flex>
  );
}

/** Why a pair matches: each factor with its weight, its value and the explanation. */
export function ReasonsTable({ reasons }: { reasons: MatchReason[] }) {
  const t = useT();
  return (
    <Table<MatchReason>
      size="small"
      pagination={false}
      rowKey="factor"
      dataSource={reasons}
      className="gjt-reasons"
      columns={[
        { title: t('match.col.factor'), dataIndex: 'factor', width: 96, render: (factor: string) => factorName(t, factor) },
        { title: t('match.col.weight'), dataIndex: 'weight', width: 64, align: 'right', render: percent },
        {
          title: t('match.col.value'),
          dataIndex: 'value',
          width: 120,
          render: (value: number) => <Progress percent={Math.round(value * 100)} size="small" status="normal" showInfo format={(p) => `${p}%`} />,
        },
        { title: t('match.col.detail'), dataIndex: 'detail' },
      ]}
    />
  );
}

/** The reasons that carry the most weight, as short tags (for tables). */
export function TopReasons({ reasons, count = 3 }: { reasons: MatchReason[]; count?: number }) {
  const t = useT();
  const top = [...reasons].sort((a, b) => b.weight * b.value - a.weight * a.value).slice(0, count);
  return (
    <Flex vertical gap={2}>
      {top.map((reason) => {
        const name = factorName(t, reason.factor);
        // Some explanations already start with the factor's name ("文本相关：命中…").
        const detail = reason.detail.replace(new RegExp(`^${name}[：:]\\s*`), '');
        return (
          <Tooltip key={reason.factor} title={reason.detail}>
            <Typography.Text style={{ fontSize: 12 }} ellipsis>
              <Tag color="blue" style={{ marginInlineEnd: 4 }}>
                {name}
              </Tag>
              {detail}
            </Typography.Text>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

export function MatchedTerms({ terms }: { terms: string[] }) {
  const t = useT();
  if (!terms.length) return null;
  return (
    <Flex gap={4} wrap align="center">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('match.matchedTerms')}
      </Typography.Text>
      {terms.map((term) => (
        <Tag key={term} color="cyan">
          {term}
        </Tag>
      ))}
    </Flex>
  );
}

/** What others (the other side, brokers) have said about the pair so far. */
export function FeedbackCounts({ feedback }: { feedback: MatchFeedbackCounts | undefined }) {
  const t = useT();
  if (!feedback || (!feedback.relevant && !feedback.notRelevant)) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('match.feedback.none')}
      </Typography.Text>
    );
  }
  const reasons = Object.entries(feedback.reasons)
    .filter(([reason]) => reason !== 'interested')
    .map(([reason, n]) => `${REASON_LABELS[reason as FeedbackReason] ? t(REASON_LABELS[reason as FeedbackReason]) : reason} ${n}`)
    .join(t('listing.enumSeparator'));
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="match-feedback">
      {t('match.feedback.counts', { relevant: feedback.relevant, notRelevant: feedback.notRelevant })}
      {reasons ? t('match.feedback.reasons', { reasons }) : ''}
    </Typography.Text>
  );
}
