import type { Kind, ListingStatus } from './types';

/** What differs between achievements and demands on the client. */
export const KIND = {
  achievement: {
    kind: 'achievement' as const,
    path: 'achievements',
    api: '/api/achievements',
    modesField: 'transferModes' as const,
    other: 'demand' as const,
  },
  demand: {
    kind: 'demand' as const,
    path: 'demands',
    api: '/api/demands',
    modesField: 'cooperationModes' as const,
    other: 'achievement' as const,
  },
} satisfies Record<Kind, unknown>;

export const detailPath = (kind: Kind, id: string) => `/${KIND[kind].path}/${encodeURIComponent(id)}`;
export const editPath = (kind: Kind, id: string) => `/my/${KIND[kind].path}/${encodeURIComponent(id)}/edit`;
export const newPath = (kind: Kind) => `/my/${KIND[kind].path}/new`;
export const myPath = (kind: Kind) => `/my/${KIND[kind].path}`;

/** Which owner actions a status allows (the server enforces the same rules). */
export const canEdit = (status: ListingStatus) => status === 'draft' || status === 'rejected' || status === 'published';
export const canSubmit = (status: ListingStatus) => status === 'draft' || status === 'rejected';
export const canWithdraw = (status: ListingStatus) => status !== 'withdrawn' && status !== 'transferred';
export const canReconfirm = (status: ListingStatus) => status === 'published' || status === 'expired';

export const STATUS_COLORS: Record<ListingStatus, string> = {
  draft: 'default',
  pending: 'processing',
  published: 'success',
  rejected: 'error',
  withdrawn: 'default',
  expired: 'warning',
  transferred: 'purple',
};

/** A listing counts as expiring soon within this many days. */
export const EXPIRY_WARNING_DAYS = 30;
