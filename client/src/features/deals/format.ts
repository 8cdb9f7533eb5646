import type { DealStage } from '@common/schemas/deals.js';
import type { MessageKey, Translate } from '../../shared/i18n';
import type { DealSide } from './types';

export const STAGE_COLORS: Record<DealStage, string> = {
  lead: 'default',
  contacted: 'blue',
  negotiating: 'processing',
  agreed: 'cyan',
  contracted: 'green',
  closed: 'success',
  lost: 'error',
};
export const stageName = (t: Translate, stage: string) => t(`deal.stage.${stage as DealStage}` satisfies MessageKey);
export const sideName = (t: Translate, side: string) => t(`deal.side.${side as DealSide}` satisfies MessageKey);
export const originName = (t: Translate, kind: string) => t(`deal.origin.${kind as 'catalogue'}` satisfies MessageKey);
export const lostName = (t: Translate, code: string) => t(`deal.lost.${code as 'price'}` satisfies MessageKey);
