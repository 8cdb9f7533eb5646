/**
 * A listing as the API answers it (common/schemas/listings.ts), cut to what the viewer may see:
 * one query for the owners' names and one for the attachments of a whole page.
 */
import type { Db } from '../../lib/db.js';
import type { Actor } from '../auth/index.js';
import { filesOfEach } from '../files/index.js';
import type { Achievement, Demand, FileRef, ListingOut, ListingStatus } from '../../../common/schemas/listings.js';
import { visibilityOf } from './listings.policy.js';
import * as repo from './listings.repository.js';

type ConfidentialAccess = (db: Db, actor: Actor, listing: repo.ListingRow) => Promise<boolean>;
let confidentialAccess: ConfidentialAccess = async () => false;
/**
 * Who besides the owner and staff may see a listing's contacts, attachments and confidential detail:
 * the deals component registers "participant of an accepted deal who signed the 保密承诺".
 */
export function registerConfidentialAccess(check: ConfidentialAccess): void {
  confidentialAccess = check;
}

/** The visibility level, with the deal-based confidential level resolved. */
export async function levelOf(db: Db, actor: Actor | null, row: repo.ListingRow) {
  const level = visibilityOf(actor, row);
  if (level === 'detail' && actor && (await confidentialAccess(db, actor, row))) return 'confidential' as const;
  return level;
}
type Level = Awaited<ReturnType<typeof levelOf>>;

const num = (v: string | null) => (v === null ? null : Number(v));
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Listings for one viewer: owners' names and attachments each in one query for the whole page. */
export async function presentListings(db: Db, actor: Actor | null, rows: repo.ListingRow[]): Promise<ListingOut[]> {
  const [orgs, levels] = await Promise.all([repo.orgNames(db, rows.map((r) => r.ownerOrgId)), Promise.all(rows.map((r) => levelOf(db, actor, r)))]);
  const withFiles = rows.filter((_, i) => levels[i] === 'confidential' || levels[i] === 'full');
  const filesOf = await filesOfEach(db, withFiles.map((r) => ({ entityType: r.kind, entityId: r.id })));
  return rows.map((r, i) => presentRow(r, levels[i]!, orgs.get(r.ownerOrgId), filesOf(r.kind, r.id)));
}

export async function presentListing(db: Db, actor: Actor | null, row: repo.ListingRow): Promise<ListingOut> {
  return (await presentListings(db, actor, [row]))[0]!;
}

/** The API shape (API.md field names) at a visibility level. */
function presentRow(r: repo.ListingRow, level: Level, owner: { name: string; type: string } | undefined, attachments: FileRef[]): ListingOut {
  const confidentialVisible = level === 'confidential' || level === 'full';
  const common = {
    id: r.id,
    status: r.status as ListingStatus,
    title: r.title,
    titleEn: r.titleEn,
    keywords: r.keywords,
    industry: r.industry,
    cityCode: r.cityCode,
    zoneId: r.zoneId,
    ownerOrgId: r.ownerOrgId,
    owner: { id: r.ownerOrgId, name: owner?.name ?? '', type: owner?.type ?? '' },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: iso(r.publishedAt),
    expiresAt: iso(r.expiresAt),
    // Contacts, attachments and the confidential detail: owner, staff, and deal participants under a 保密承诺.
    confidentialVisible,
    ...(confidentialVisible ? { contactName: r.contactName, contactPhone: r.contactPhone, contactEmail: r.contactEmail, attachments } : {}),
    ...(level === 'full'
      ? {
          rejectionReason: r.rejectionReason,
          pendingRevision: r.pendingRevision,
          revisionStatus: r.revisionStatus,
          revisionReason: r.revisionReason,
          revisionSubmittedAt: iso(r.revisionSubmittedAt),
          submittedAt: iso(r.submittedAt),
          expiresSoon: r.status === 'published' && !!r.expiresAt && r.expiresAt.getTime() - Date.now() < 30 * 86400_000,
        }
      : {}),
  };
  if (r.kind === 'achievement') {
    const achievement: Achievement = {
      ...common,
      kind: 'achievement',
      summary: r.summary,
      summaryEn: r.summaryEn,
      technicalField: r.technicalField,
      trl: r.trl,
      transferModes: r.transferModes ?? [],
      ipItems: r.ipItems ?? [],
      price: num(r.price),
      source: r.source as Achievement['source'],
      registrationNo: r.registrationNo,
      ...(level !== 'summary' ? { detail: r.detail } : {}),
      ...(confidentialVisible ? { confidentialDetail: r.confidentialDetail } : {}),
    };
    return achievement;
  }
  const demand: Demand = {
    ...common,
    kind: 'demand',
    problem: r.problem,
    expectedOutcome: r.expectedOutcome,
    trlMin: r.trlMin,
    budgetMin: num(r.budgetMin),
    budgetMax: num(r.budgetMax),
    deadline: r.deadline,
    cooperationModes: r.cooperationModes ?? [],
  };
  return demand;
}
