import type { RoadshowStatus } from '@common/schemas/roadshows.js';

export interface AchievementCard {
  id: string;
  title: string;
  summary: string | null;
  industry: string;
  technicalField: string | null;
  trl: number | null;
  transferModes: string[];
  ipItems: { type: string; number: string; status: string; share?: number | null }[];
  price: number | null;
  ownerOrgId: string;
  ownerOrgName: string | null;
}

export interface RoadshowSummary {
  id: string;
  title: string;
  zoneId: string;
  zoneName: string | null;
  organizerName: string | null;
  hostId: string;
  status: RoadshowStatus;
  startsAt: string;
  endsAt: string;
  description: string | null;
  coverFileId: string | null;
  capacity: number | null;
  registrationRequired: boolean;
  streamUrl: string | null;
  recordingUrl: string | null;
  industries: string[];
  currentItem: number;
  peakViewers: number;
  cancelReason: string | null;
  registrations: number;
  items: { position: number; achievementId: string; title: string; minutes: number | null; organizationName: string | null }[];
}

export interface Roadshow extends RoadshowSummary {
  agenda: { position: number; achievementId: string; presenterId: string | null; presenterName: string | null; minutes: number | null; achievement: AchievementCard | null }[];
  me: { registered: boolean; host: boolean; moderator: boolean; supplier: boolean } | null;
}

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RoadshowStats {
  registrations: number;
  uniqueViewers: number;
  peakViewers: number;
  questions: number;
  intents: number;
  deals: number;
  contracts: number;
  contractAmount: number;
}

export interface Lead {
  id: string;
  roadshowId: string;
  roadshowTitle: string | null;
  achievementId: string;
  achievementTitle: string;
  organizationName: string;
  userName: string;
  note: string | null;
  status: string;
  dealId: string | null;
  createdAt: string;
}

export interface Application {
  id: string;
  achievementId: string;
  achievementTitle: string;
  organizationName?: string | null;
  note: string | null;
  status: 'pending' | 'accepted' | 'declined';
  reason: string | null;
  createdAt: string;
}
