/**
 * What the schema cannot see: taxonomy codes, parties, zone, linked listings, the broker and the
 * cross-field rules. `prepare` turns a (partial) input over the current row into column values.
 */
import type { Db, Tx } from '../../lib/db.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { loadActor, type Actor } from '../auth/index.js';
import { getTaxonomy } from '../taxonomy/index.js';
import type { UpdateContractInput } from '../../../common/schemas/contracts.js';
import { beijingDate } from './calendar.js';
import { resolveParty } from './contracts.parties.js';
import * as policy from './contracts.policy.js';
import type * as repo from './contracts.repository.js';
import { checkDistinctParties, checkLinkedListings } from './contracts.rules.js';
import { toCents, yuanToDecimal } from './money.js';

/** Contracts of at least 500万元 need an expert review before registration (DOMAIN.md). */
export const EXPERT_REVIEW_MIN_CENTS = 500_000_000n;

export type Columns = Partial<repo.NewContract>;
/** The city of the buyer, where the achievement is applied (city targets); null outside Guangxi. */
function buyerCity(regionCode: string | null, cityCodes: Set<string>): string | null {
  if (!regionCode) return null;
  if (regionCode === '450000') return '450000';
  const city = `${regionCode.slice(0, 4)}00`;
  return regionCode.startsWith('45') && cityCodes.has(city) ? city : null;
}

export type Mode = 'create' | 'correct' | 'amend';

/**
 * Turns a (partial) input over the current row into column values, checking everything the
 * schema cannot. Throws one 400 naming every bad field.
 */
export async function prepare(db: Db, tx: Tx, actor: Actor, current: repo.ContractRow | null, input: UpdateContractInput, mode: Mode, now: Date): Promise<Columns> {
  const errors: FieldError[] = [];
  const tax = await getTaxonomy(db);
  const cols: Columns = {};
  for (const k of ['name', 'type', 'subtype', 'signedAt', 'validFrom', 'validTo', 'zoneId', 'technicalField', 'paymentTerms', 'dealId', 'achievementId', 'demandId'] as const) {
    if (input[k] !== undefined) (cols as Record<string, unknown>)[k] = input[k];
  }
  if (input.amount !== undefined) cols.amount = yuanToDecimal(input.amount);
  if (input.techAmount !== undefined) cols.techAmount = yuanToDecimal(input.techAmount);
  for (const side of ['seller', 'buyer'] as const) if (input[side]) Object.assign(cols, await resolveParty(tx, side, input[side], errors));
  const v = { ...current, ...cols } as repo.ContractRow;

  if (input.type !== undefined || input.subtype !== undefined) {
    const type = tax.contractTypes.find((t) => t.code === v.type);
    if (!type) errors.push({ path: 'type', message: '合同类型无效' });
    else if (!type.subtypes.some((s) => s.code === v.subtype)) errors.push({ path: 'subtype', message: `合同子类不属于「${type.name}」` });
  }
  if (input.zoneId && !tax.zones.some((z) => z.id === v.zoneId)) errors.push({ path: 'zoneId', message: '所选示范区不存在' });
  if (toCents(v.amount) <= 0n) errors.push({ path: 'amount', message: '合同成交额须大于 0' });
  if (toCents(v.techAmount) > toCents(v.amount)) errors.push({ path: 'techAmount', message: '技术交易额不能大于合同成交额' });
  if (v.validTo < v.validFrom) errors.push({ path: 'validTo', message: '有效期截止日期不能早于起始日期' });
  if (v.signedAt > v.validTo) errors.push({ path: 'signedAt', message: '签订日期不能晚于有效期截止日期' });
  if (v.signedAt > beijingDate(now)) errors.push({ path: 'signedAt', message: '签订日期不能晚于今天' });
  if (v.signedAt < '2000-01-01') errors.push({ path: 'signedAt', message: '签订日期过早' });
  if (input.seller || input.buyer) checkDistinctParties(v, errors);
  const relinked = input.seller || input.buyer;
  const recheck = relinked && mode !== 'amend';
  await checkLinkedListings(tx, actor, v, { achievementId: input.achievementId ?? (recheck ? v.achievementId : undefined), demandId: input.demandId ?? (recheck ? v.demandId : undefined) }, errors);

  if (input.brokerId !== undefined) cols.brokerId = input.brokerId;
  let brokerId = input.brokerId !== undefined ? input.brokerId : (current?.brokerId ?? null);
  if (mode !== 'amend') {
    // Submitted by a party's member, or by a broker for the parties (then the broker is the submitter).
    const isParty = !!actor.organizationId && (v.sellerOrgId === actor.organizationId || v.buyerOrgId === actor.organizationId);
    if (!isParty) {
      if (!policy.isBroker(actor)) errors.push({ path: 'seller', message: '提交人须为卖方或买方单位的成员，或作为技术经纪人提交' });
      else if (brokerId && brokerId !== actor.id) errors.push({ path: 'brokerId', message: '技术经纪人代为提交时，经纪人须为本人' });
      else brokerId = cols.brokerId = actor.id;
    }
  }
  if (brokerId && (input.brokerId !== undefined || cols.brokerId !== undefined)) {
    const broker = brokerId === actor.id ? actor : await loadActor(tx, brokerId);
    if (!broker || !policy.isBroker(broker)) errors.push({ path: 'brokerId', message: '所选技术经纪人不存在' });
    else cols.brokerOrgId = broker.organizationId;
  } else if (brokerId === null && input.brokerId === null) cols.brokerOrgId = null;

  if (errors.length) throw AppError.validation(errors);
  if (input.buyer || !current) cols.cityCode = buyerCity(v.buyerRegionCode, new Set(tax.cities.map((c) => c.code)));
  if (input.amount !== undefined) cols.expertReviewRequired = toCents(v.amount) >= EXPERT_REVIEW_MIN_CENTS;
  return cols;
}
