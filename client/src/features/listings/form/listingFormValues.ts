import {
  type FormRule,
  type UploadFile,
} from 'antd';
import dayjs from 'dayjs';
import {
  ACHIEVEMENT_SOURCES,
  achievementCreateSchema,
  demandCreateSchema,
  ipItemSchema,
  money,
} from '@common/schemas/listings.js';
import { type User } from '../../auth';
import { type FieldError } from '../../../shared/api';
import { type Translate } from '../../../shared/i18n';
import type { UploadedFile } from '../../../shared/upload';
import { toUploadFile, uploadedIds } from '../../../shared/components/UploadField';
import type { IpItem, Kind, Listing } from '../types';
import { zodFieldErrors } from '../../../shared/zodRules';

/** The listing form's values, how they become the API's body (yuan, API names) and back, and where API errors go. */
export interface FormValues {
  title?: string;
  titleEn?: string | null;
  summary?: string;
  summaryEn?: string | null;
  detail?: string;
  confidentialDetail?: string | null;
  problem?: string;
  expectedOutcome?: string;
  keywords?: string[];
  industry?: string;
  technicalField?: string | null;
  trl?: number;
  trlMin?: number | null;
  transferModes?: string[];
  cooperationModes?: string[];
  ipItems?: Partial<IpItem>[];
  priceWan?: number | null;
  negotiable?: boolean;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  budgetNegotiable?: boolean;
  /** YYYY-MM-DD from the native date input. */
  deadline?: string | null;
  cityCode?: string;
  zoneId?: string | null;
  source?: (typeof ACHIEVEMENT_SOURCES)[number];
  registrationNo?: string | null;
  contactName?: string;
  contactPhone?: string | null;
  contactEmail?: string | null;
  attachments?: UploadFile<UploadedFile>[];
}

export const A = achievementCreateSchema.shape;
export const D = demandCreateSchema.shape;
export const IP = ipItemSchema.shape;

export const MAX_ATTACHMENTS = 10;

/** Form fields each API field's errors belong to. */
export const FORM_FIELD: Record<string, string> = { price: 'priceWan', budgetMin: 'budgetMinWan', budgetMax: 'budgetMaxWan' };
export const FORM_FIELDS: Record<Kind, string[]> = {
  achievement: ['title', 'titleEn', 'summary', 'summaryEn', 'detail', 'confidentialDetail', 'keywords', 'industry', 'technicalField', 'trl', 'transferModes', 'ipItems', 'priceWan', 'cityCode', 'zoneId', 'source', 'registrationNo', 'contactName', 'contactPhone', 'contactEmail', 'attachments'],
  demand: ['title', 'titleEn', 'problem', 'expectedOutcome', 'keywords', 'industry', 'trlMin', 'budgetMinWan', 'budgetMaxWan', 'deadline', 'cooperationModes', 'cityCode', 'zoneId', 'contactName', 'contactPhone', 'contactEmail', 'attachments'],
};

/** Moves API field errors onto the form's own fields (`keywords.3` → keywords, `price` → priceWan). */
export function toFormErrors(kind: Kind, fields: readonly FieldError[]): { matched: FieldError[]; rest: string[] } {
  const matched: FieldError[] = [];
  const rest: string[] = [];
  for (const { path, message } of fields) {
    let target = path.replace(/^(keywords|transferModes|cooperationModes|attachments)\.\d+$/, '$1');
    target = FORM_FIELD[target] ?? target;
    const top = target.split('.')[0] ?? '';
    if (FORM_FIELDS[kind].includes(top)) matched.push({ path: target, message });
    else rest.push(message);
  }
  return { matched, rest };
}

export const blank = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());
export const toYuan = (wan: number | null | undefined) => (wan === null || wan === undefined ? null : Math.round(wan * 10000 * 100) / 100);
export const toWan = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : yuan / 10000);

/** The request body (API names, yuan) for the form's values. */
export function toPayload(kind: Kind, v: FormValues): Record<string, unknown> {
  const common = {
    title: v.title,
    titleEn: blank(v.titleEn),
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    industry: v.industry,
    cityCode: v.cityCode,
    zoneId: v.zoneId || null,
    contactName: v.contactName,
    contactPhone: blank(v.contactPhone),
    contactEmail: blank(v.contactEmail),
    attachments: uploadedIds(v.attachments),
  };
  if (kind === 'achievement') {
    return {
      ...common,
      summary: v.summary,
      summaryEn: blank(v.summaryEn),
      detail: v.detail,
      confidentialDetail: blank(v.confidentialDetail),
      technicalField: blank(v.technicalField),
      trl: v.trl,
      transferModes: v.transferModes ?? [],
      ipItems: (v.ipItems ?? []).map((ip) => ({ type: ip.type, number: ip.number?.trim(), status: ip.status, share: ip.share ?? null })),
      price: v.negotiable ? null : (toYuan(v.priceWan) ?? undefined),
      source: v.source,
      registrationNo: blank(v.registrationNo),
    };
  }
  return {
    ...common,
    problem: v.problem,
    expectedOutcome: v.expectedOutcome,
    trlMin: v.trlMin ?? null,
    budgetMin: v.budgetNegotiable ? null : toYuan(v.budgetMinWan),
    budgetMax: v.budgetNegotiable ? null : toYuan(v.budgetMaxWan),
    deadline: blank(v.deadline),
    cooperationModes: v.cooperationModes ?? [],
  };
}

/** The form's starting values: blank for a new listing, else the listing with its pending revision on top. */
export function toFormValues(kind: Kind, listing: Listing | null, user: User | null): FormValues {
  if (!listing) {
    return {
      keywords: [],
      transferModes: [],
      cooperationModes: [],
      ipItems: [],
      negotiable: false,
      budgetNegotiable: false,
      attachments: [],
      contactName: user?.name,
      contactEmail: user?.email,
    };
  }
  const revision = listing.revisionStatus === 'pending' && listing.pendingRevision ? listing.pendingRevision : {};
  const l = { ...listing, ...revision } as Listing & { attachments?: unknown };
  const known = new Map((listing.attachments ?? []).map((f) => [f.id, f]));
  const attachments = (Array.isArray(l.attachments) ? (l.attachments as unknown[]) : []).map((entry, i) => {
    if (typeof entry === 'string') return toUploadFile(known.get(entry) ?? { id: entry, name: `附件 ${i + 1}`, size: 0, mime: '' });
    return toUploadFile(entry as { id: string; name: string; size: number; mime: string });
  });
  const values: FormValues = {
    title: l.title,
    titleEn: l.titleEn ?? null,
    keywords: l.keywords ?? [],
    industry: l.industry,
    cityCode: l.cityCode,
    zoneId: l.zoneId ?? null,
    contactName: l.contactName ?? undefined,
    contactPhone: l.contactPhone ?? null,
    contactEmail: l.contactEmail ?? null,
    attachments,
  };
  if (kind === 'achievement') {
    Object.assign(values, {
      summary: l.summary ?? undefined,
      summaryEn: l.summaryEn ?? null,
      detail: l.detail ?? undefined,
      confidentialDetail: l.confidentialDetail ?? null,
      technicalField: l.technicalField ?? null,
      trl: l.trl ?? undefined,
      transferModes: l.transferModes ?? [],
      ipItems: (l.ipItems ?? []).map((ip) => ({ ...ip })),
      priceWan: toWan(l.price),
      negotiable: l.price === null || l.price === undefined,
      source: l.source ?? undefined,
      registrationNo: l.registrationNo ?? null,
    });
  } else {
    Object.assign(values, {
      problem: l.problem ?? undefined,
      expectedOutcome: l.expectedOutcome ?? undefined,
      trlMin: l.trlMin ?? null,
      budgetMinWan: toWan(l.budgetMin),
      budgetMaxWan: toWan(l.budgetMax),
      budgetNegotiable: (l.budgetMin === null || l.budgetMin === undefined) && (l.budgetMax === null || l.budgetMax === undefined),
      deadline: l.deadline ? dayjs(l.deadline).format('YYYY-MM-DD') : null,
      cooperationModes: l.cooperationModes ?? [],
    });
  }
  return values;
}

/** Fields whose values differ between two payloads. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(before[key] ?? null)) out[key] = value;
  }
  return out;
}

/** An amount in 万元 checked as the yuan amount the API receives. */
export function wanRule(t: Translate, label: string, required: () => boolean): FormRule {
  const schema = money(label);
  return {
    validator: async (_rule, value: number | null | undefined) => {
      if (value === null || value === undefined) {
        if (required()) throw new Error(t('form.amountRequired', { label }));
        return;
      }
      const result = schema.safeParse(toYuan(value));
      if (!result.success) throw new Error(zodFieldErrors(result.error)[0]?.message ?? 'invalid');
    },
  };
}
