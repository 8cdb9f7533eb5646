/**
 * Parties of a contract: a platform organization, an outside organization (credit code and region),
 * a foreign party (ISO 3166 country code) or a natural person (ID document number). Snapshotted into
 * the contract's columns at submission; ID numbers are shown masked to everyone but registrars and admins.
 */
import type { Tx } from '../../lib/db.js';
import type { FieldError } from '../../lib/errors.js';
import type { Actor } from '../auth/index.js';
import { seesIdNumbers } from './contracts.policy.js';
import { findOrganization, findOrganizationByCreditCode } from '../organizations/index.js';
import { isValidRegionCode } from '../taxonomy/index.js';
import type { ContractRow, NewContract } from './contracts.repository.js';
import type { EntityType, PartyInput } from '../../../common/schemas/contracts.js';

export type Side = 'seller' | 'buyer';
type Columns = Partial<NewContract>;

const ORG_ENTITY_TYPE: Record<string, EntityType> = { university: 'university', institute: 'institute', enterprise: 'enterprise' };
export const PARTY_COLUMNS = ['OrgId', 'Name', 'CreditCode', 'RegionCode', 'EntityType', 'CountryCode', 'ForeignRegNo', 'IdNumber'] as const;

function columns(side: Side, v: { orgId: string | null; name: string; creditCode: string | null; regionCode: string | null; entityType: EntityType; countryCode?: string | null; foreignRegNo?: string | null; idNumber?: string | null }): Columns {
  return {
    [`${side}OrgId`]: v.orgId,
    [`${side}Name`]: v.name,
    [`${side}CreditCode`]: v.creditCode,
    [`${side}RegionCode`]: v.regionCode,
    [`${side}EntityType`]: v.entityType,
    [`${side}CountryCode`]: v.countryCode ?? null,
    [`${side}ForeignRegNo`]: v.foreignRegNo ?? null,
    [`${side}IdNumber`]: v.idNumber ?? null,
  };
}

/** The party's columns; problems are pushed to `errors` (paths `seller.regionCode` …). */
export async function resolveParty(tx: Tx, side: Side, p: PartyInput, errors: FieldError[]): Promise<Columns> {
  if (p.organizationId) {
    const org = await findOrganization(tx, p.organizationId);
    if (!org || org.status !== 'active') {
      errors.push({
        path: `${side}.organizationId`,
        message: !org ? '所选单位不存在' : org.status === 'merged' ? '该单位记录已合并到其他单位，请重新选择' : '该单位已被平台停用，请按单位名称和统一社会信用代码填写',
      });
      return {};
    }
    return columns(side, { orgId: org.id, name: org.name, creditCode: org.creditCode, regionCode: org.regionCode, entityType: ORG_ENTITY_TYPE[org.type] ?? 'other' });
  }
  if (p.regionCode !== undefined && !isValidRegionCode(p.regionCode)) errors.push({ path: `${side}.regionCode`, message: '不是有效的行政区划代码（GB/T 2260）' });
  if (p.entityType === 'foreign') {
    return columns(side, { orgId: null, name: p.name!, creditCode: null, regionCode: null, entityType: 'foreign', countryCode: p.countryCode!, foreignRegNo: p.registrationNumber ?? null });
  }
  if (p.entityType === 'individual') {
    return columns(side, { orgId: null, name: p.name!, creditCode: null, regionCode: p.regionCode ?? null, entityType: 'individual', idNumber: p.idNumber! });
  }
  // An outside party whose credit code is a platform organization is linked to it, so its members see the contract.
  const found = await findOrganizationByCreditCode(tx, p.creditCode!);
  // A merged record's contracts belong to the organization it was merged into.
  const org = found?.status === 'merged' && found.mergedInto ? await findOrganization(tx, found.mergedInto) : found;
  return columns(side, { orgId: org?.id ?? null, name: p.name!, creditCode: p.creditCode!, regionCode: p.regionCode!, entityType: p.entityType! });
}

/** 4501**********123X: the first four and the last four characters. */
export function maskIdNumber(v: string): string {
  if (v.length <= 8) return `${v.slice(0, 1)}${'*'.repeat(Math.max(0, v.length - 2))}${v.slice(-1)}`;
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}


export function presentParty(c: ContractRow, side: Side, viewer?: Actor | null) {
  const r = c as unknown as Record<string, string | null>;
  const id = r[`${side}IdNumber`] ?? null;
  return {
    organizationId: r[`${side}OrgId`] ?? null,
    name: r[`${side}Name`]!,
    creditCode: r[`${side}CreditCode`] ?? null,
    regionCode: r[`${side}RegionCode`] ?? null,
    entityType: r[`${side}EntityType`] as EntityType,
    countryCode: r[`${side}CountryCode`] ?? null,
    registrationNumber: r[`${side}ForeignRegNo`] ?? null,
    idNumber: id && !seesIdNumbers(viewer) ? maskIdNumber(id) : id,
  };
}

/** 技术进出口: one party abroad. `export` = the buyer is abroad (技术出口), `import` = the seller is. */
export function crossBorderOf(c: Pick<ContractRow, 'sellerEntityType' | 'buyerEntityType'>): 'export' | 'import' | null {
  const sellerAbroad = c.sellerEntityType === 'foreign';
  const buyerAbroad = c.buyerEntityType === 'foreign';
  if (sellerAbroad === buyerAbroad) return null;
  return buyerAbroad ? 'export' : 'import';
}

/** The same party on both sides: the same organization, credit code, ID number, or foreign name and country. */
export function sameParty(v: Partial<ContractRow>): boolean {
  if (v.sellerOrgId && v.sellerOrgId === v.buyerOrgId) return true;
  if (v.sellerCreditCode && v.sellerCreditCode === v.buyerCreditCode) return true;
  if (v.sellerIdNumber && v.sellerIdNumber === v.buyerIdNumber) return true;
  return !!v.sellerCountryCode && v.sellerCountryCode === v.buyerCountryCode && v.sellerName?.trim() === v.buyerName?.trim();
}

/** The city a contract outside any zone counts for: the seller's city in Guangxi, else the buyer's (cityCode), else ''. */
export function outsideCity(c: Pick<ContractRow, 'sellerRegionCode' | 'cityCode'>): string {
  if (c.sellerRegionCode?.startsWith('45')) return `${c.sellerRegionCode.slice(0, 4)}00`;
  return c.cityCode ?? '';
}
