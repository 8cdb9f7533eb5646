import { type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { type User } from '../auth';
import type { UploadedFile } from '../../shared/upload';
import { uploadedIds } from '../../shared/components/UploadField';
import { type ContractInput, type EntityType, type Party, type PartyInput } from './types';
import { onlyBrokers, sellsByDefault } from '../../shared/policies';

/** The contract form's values and how they become the API's input (and back). */
export type Side = 'seller' | 'buyer';
/** A party is a platform organization, an organization outside the platform, a foreign party or a natural person. */
export type PartyMode = 'platform' | 'outside' | 'foreign' | 'individual';
export interface PartyValues {
  mode: PartyMode;
  organizationId?: string | null;
  name?: string;
  creditCode?: string;
  regionCode?: string;
  entityType?: EntityType;
  countryCode?: string;
  registrationNumber?: string;
  idNumber?: string;
}
export interface FormValues {
  name?: string;
  type?: string;
  subtype?: string;
  seller: PartyValues;
  buyer: PartyValues;
  amount?: number | null;
  techAmount?: number | null;
  signedAt?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  zoneId?: string;
  technicalField?: string;
  paymentTerms?: string;
  achievementId?: string | null;
  demandId?: string | null;
  attachments?: UploadFile<UploadedFile>[];
  resubmitNote?: string;
}

/** Every path the form renders, so a server error lands under its field. */
export const PARTY_FIELDS = ['mode', 'organizationId', 'name', 'creditCode', 'regionCode', 'entityType', 'countryCode', 'registrationNumber', 'idNumber'];
export const KNOWN_FIELDS = [
  'name',
  'type',
  'subtype',
  ...(['seller', 'buyer'] as const).flatMap((side) => PARTY_FIELDS.map((f) => `${side}.${f}`)),
  'amount',
  'techAmount',
  'signedAt',
  'validFrom',
  'validTo',
  'zoneId',
  'technicalField',
  'paymentTerms',
  'achievementId',
  'demandId',
  'attachments',
];
export const ALIAS = { seller: 'seller.mode', buyer: 'buyer.mode', brokerId: 'seller.mode' };
export const MAX_CONTRACT_FILES = 20;
/** The server's limit for either sum. */
export const MAX_AMOUNT = 999_999_999_999.99;

export const ORG_ENTITY: Record<string, EntityType> = { university: 'university', institute: 'institute', enterprise: 'enterprise' };
export const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
export const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

export function partyPayload(p: PartyValues): PartyInput {
  const name = (p.name ?? '').trim();
  if (p.mode === 'platform') return { organizationId: p.organizationId ?? '' };
  if (p.mode === 'foreign') {
    const reg = blank(p.registrationNumber);
    return { name, countryCode: (p.countryCode ?? '').trim().toUpperCase(), ...(reg ? { registrationNumber: reg } : {}), entityType: 'foreign' };
  }
  if (p.mode === 'individual') {
    const region = blank(p.regionCode);
    return { name, idNumber: (p.idNumber ?? '').trim().toUpperCase(), ...(region ? { regionCode: region } : {}), entityType: 'individual' };
  }
  return { name, creditCode: (p.creditCode ?? '').trim().toUpperCase(), regionCode: (p.regionCode ?? '').trim(), entityType: p.entityType as EntityType };
}

export function toPayload(v: FormValues): ContractInput {
  return {
    name: (v.name ?? '').trim(),
    type: v.type ?? '',
    subtype: v.subtype ?? '',
    seller: partyPayload(v.seller),
    buyer: partyPayload(v.buyer),
    amount: v.amount ?? 0,
    techAmount: v.techAmount ?? 0,
    signedAt: day(v.signedAt) ?? '',
    validFrom: day(v.validFrom) ?? '',
    validTo: day(v.validTo) ?? '',
    // No zone: the contract counts for its city and the province only.
    zoneId: v.zoneId ?? null,
    technicalField: blank(v.technicalField),
    paymentTerms: blank(v.paymentTerms),
    achievementId: v.achievementId ?? null,
    demandId: v.demandId ?? null,
    attachments: uploadedIds(v.attachments),
  };
}

export function partyValues(p: Party): PartyValues {
  if (p.organizationId) return { mode: 'platform', organizationId: p.organizationId };
  if (p.entityType === 'foreign') return { mode: 'foreign', name: p.name, countryCode: p.countryCode ?? undefined, registrationNumber: p.registrationNumber ?? undefined };
  // The ID number comes back masked: the submitter enters it again when correcting the party.
  if (p.entityType === 'individual') return { mode: 'individual', name: p.name, regionCode: p.regionCode ?? undefined };
  return { mode: 'outside', name: p.name, creditCode: p.creditCode ?? undefined, regionCode: p.regionCode ?? undefined, entityType: p.entityType };
}

/** A new form: the user's own organization on its natural side (enterprise buys, supplier sells). */
export function initialFor(user: User): FormValues {
  const own: PartyValues = { mode: 'platform', organizationId: user.organizationId };
  const outside: PartyValues = { mode: 'outside' };
  const sells = sellsByDefault(user);
  const brokerOnly = onlyBrokers(user);
  return {
    seller: brokerOnly ? { mode: 'platform' } : sells ? own : outside,
    buyer: brokerOnly ? { mode: 'platform' } : sells ? outside : own,
    zoneId: user.zoneId ?? undefined,
    attachments: [],
  };
}
