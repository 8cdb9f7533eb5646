import { Tag } from 'antd';
import { useT } from '../../shared/i18n';
import { ApiError } from '../../shared/api';
import { STATUS_COLORS } from './kinds';
import { statusName } from './format';
import type { ListingStatus } from './types';

export function StatusTag({ status }: { status: ListingStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="status-tag">
      {statusName(t, status)}
    </Tag>
  );
}

/**
 * Search highlights from the server. The server escapes every character of the user's text and
 * adds only <mark> tags, so this is the one place raw HTML is rendered; anything else goes as text.
 */
export function Highlighted({ html, text }: { html: string | null | undefined; text: string | null | undefined }) {
  if (typeof html === 'string' && html) return <span className="gjt-highlight" dangerouslySetInnerHTML={{ __html: html }} />;
  return <span>{text ?? ''}</span>;
}

export const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status;
