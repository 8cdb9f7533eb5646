/** The dictionaries, one file per part of the product; Chinese is the reference: its keys are the only valid message keys. */
import { listingsEn, listingsZh } from './listings';
import { contractsEn, contractsZh } from './contracts';
import { membershipEn, membershipZh } from './membership';
import { portalEn, portalZh } from './portal';
import { dealsEn, dealsZh } from './deals';
import { roadshowsEn, roadshowsZh } from './roadshows';
import { administrationEn, administrationZh } from './administration';
import { commonEn, commonZh } from './common';

export const zh = {
  ...commonZh,
  ...listingsZh,
  ...contractsZh,
  ...membershipZh,
  ...portalZh,
  ...dealsZh,
  ...roadshowsZh,
  ...administrationZh,
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  ...commonEn,
  ...listingsEn,
  ...membershipEn,
  ...roadshowsEn,
  ...contractsEn,
  ...portalEn,
  ...dealsEn,
  ...administrationEn,
};
