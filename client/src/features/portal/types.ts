import type { NewsSummary } from '../news';

export interface ListingCard {
  id: string;
  title: string;
  titleEn: string | null;
  industry: string;
  cityCode: string;
  trl: number | null;
  price: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
  organizationName: string | null;
  publishedAt: string | null;
}

export interface RoadshowCard {
  id: string;
  title: string;
  status: 'scheduled' | 'live';
  startsAt: string;
  endsAt: string | null;
  zoneName: string | null;
}

/** `GET /api/portal`. */
export interface PortalOverview {
  figures: {
    achievements: number;
    demands: number;
    contracts: { year: number; count: number; amount: number };
    roadshowsHeld: number;
    computedAt: string;
  };
  achievements: ListingCard[];
  demands: ListingCard[];
  roadshows: { live: RoadshowCard[]; upcoming: RoadshowCard[] };
  notices: NewsSummary[];
  policies: NewsSummary[];
  lectures: NewsSummary[];
}
