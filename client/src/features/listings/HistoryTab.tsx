import { Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useT, type MessageKey, type Translate } from '../../shared/i18n';
import { useApiData } from '../../shared/useApiData';
import { ErrorAlert } from '../../shared/components/ErrorAlert';
import { fieldLabel } from './fields';
import { statusName } from './format';
import { KIND } from './kinds';
import type { HistoryEntry, Kind } from './types';
import { formatDate, formatDateTime } from '../../shared/format';

const ACTIONS: Record<string, MessageKey> = {
  create: 'history.create',
  update: 'history.update',
  revise: 'history.revise',
  submit: 'history.submit',
  withdraw: 'history.withdraw',
  reconfirm: 'history.reconfirm',
  'review.approve': 'history.approve',
  'review.reject': 'history.reject',
  expire: 'history.expire',
  transferred: 'history.transferred',
  seed: 'history.seed',
};

const COLORS: Record<string, string> = { 'review.approve': 'green', 'review.reject': 'red', withdraw: 'gray', expire: 'orange', transferred: 'purple' };

function describe(t: Translate, kind: Kind, entry: HistoryEntry): { title: string; lines: string[] } {
  const action = entry.action.slice(entry.action.indexOf('.') + 1);
  const data = entry.data ?? {};
  // An action this page does not know yet shows as words, never as its internal key.
  let title = ACTIONS[action] ? t(ACTIONS[action]) : t('history.other');
  if ((action === 'review.approve' || action === 'review.reject') && data.revision === true) {
    title = action === 'review.approve' ? t('history.revisionApproved') : t('history.revisionRejected');
  }
  const lines: string[] = [];
  if (typeof data.from === 'string' && typeof data.to === 'string' && data.from !== data.to) {
    lines.push(t('history.statusChange', { from: statusName(t, data.from), to: statusName(t, data.to) }));
  }
  if (Array.isArray(data.fields) && data.fields.length) {
    lines.push(t('history.fields', { fields: (data.fields as string[]).map((f) => fieldLabel(t, kind, f)).join(t('listing.enumSeparator')) }));
  }
  if (action === 'seed' && typeof data.status === 'string') lines.push(t('history.status', { status: statusName(t, data.status) }));
  if (typeof data.expiresAt === 'string') lines.push(t('history.expiresAt', { date: formatDate(data.expiresAt) }));
  if (entry.reason) lines.push(t('history.reason', { reason: entry.reason }));
  return { title, lines };
}

/** `GET /:id/history`: every status change of the listing, newest last (owner organization and reviewers). */
export function HistoryTab({ kind, id }: { kind: Kind; id: string }) {
  const t = useT();
  const { data, error, reload } = useApiData<{ items: HistoryEntry[] }>(`${KIND[kind].api}/${encodeURIComponent(id)}/history`);
  if (error !== null) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  if (!data.items.length) return <Empty description={t('history.empty')} />;
  return (
    <Timeline
      data-testid="history"
      items={data.items.map((entry, i) => {
        const { title, lines } = describe(t, kind, entry);
        const action = entry.action.slice(entry.action.indexOf('.') + 1);
        return {
          key: `${entry.createdAt}-${i}`,
          color: COLORS[action] ?? 'blue',
          title: formatDateTime(entry.createdAt),
          content: (
            <Flex vertical>
              <Typography.Text strong>{title}</Typography.Text>
              {lines.map((line) => (
                <Typography.Text key={line} type="secondary">
                  {line}
                </Typography.Text>
              ))}
            </Flex>
          ),
        };
      })}
    />
  );
}
