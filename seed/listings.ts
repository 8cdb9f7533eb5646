/** Demo achievements and demands (seed/demo/*.json): mostly published, some waiting for review, a few drafts and rejections. */
import type { Db } from '../server/lib/db.js';
import type { Role } from '../common/roles.js';
import { upsertUser, findUserByEmail } from '../server/components/auth/index.js';
import { audit } from '../server/components/audit/index.js';
import { findZoneBySlug } from '../server/components/taxonomy/index.js';
import { type NewListing, enqueueSearch, insertListing } from '../server/components/listings/index.js';
import { DEMO_PASSWORD, readDemo } from './demo.js';

type DemoStatus = 'published' | 'pending' | 'draft' | 'rejected';

interface DemoListing {
  orgKey: string;
  zoneSlug?: string;
  price?: number | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  ipItems?: { type: string; number: string; status: string; share?: number | null }[];
  contactName: string;
  status?: DemoStatus;
  [key: string]: unknown;
}

const DAY = 86400_000;
/** Where the demands start in the status pattern (the number of demo achievements when it was laid out). */
const DEMAND_SLOT = 120;
const money = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(2));

/** Status of the i-th demo listing: a realistic mix for the reviewer queue and "my listings". */
function statusFor(i: number): DemoStatus {
  if (i % 13 === 4) return 'pending';
  if (i % 29 === 9) return 'draft';
  if (i % 31 === 11) return 'rejected';
  return 'published';
}

export async function seedDemoListings(db: Db, orgs: Map<string, { id: string; type: string }>, owners: Map<string, string>): Promise<number> {
  const ownerFor = async (orgKey: string, role: Role, contactName: string): Promise<string> => {
    const known = owners.get(orgKey);
    if (known) return known;
    const email = `${orgKey}@demo.gjt.cn`;
    const existing = await findUserByEmail(db, email);
    const id = existing?.id ?? (await upsertUser(db, { email, password: DEMO_PASSWORD, name: contactName, organizationId: orgs.get(orgKey)!.id, roles: [{ role }] })).id;
    owners.set(orgKey, id);
    return id;
  };
  const zoneIds = new Map<string, string | null>();
  const zoneOf = async (slug?: string) => {
    if (!slug) return null;
    if (!zoneIds.has(slug)) zoneIds.set(slug, (await findZoneBySlug(db, slug))?.id ?? null);
    return zoneIds.get(slug)!;
  };

  const now = Date.now();
  // `i` places a listing in the status and date pattern: achievements from 0, demands from DEMAND_SLOT,
  // so achievements added to the file later change no demand's status or dates.
  const all = [
    ...readDemo<DemoListing[]>('achievements').map((l, i) => ({ kind: 'achievement' as const, l, i })),
    ...readDemo<DemoListing[]>('demands').map((l, i) => ({ kind: 'demand' as const, l, i: DEMAND_SLOT + i })),
  ];
  const ids: string[] = [];
  for (const { kind, l, i } of all) {
    const org = orgs.get(l.orgKey);
    if (!org) throw new Error(`demo listing refers to unknown organization ${l.orgKey}`);
    const createdBy = await ownerFor(l.orgKey, kind === 'achievement' ? 'supplier' : 'enterprise', l.contactName);
    // A listing the demo story relies on (the counterpart of the demo enterprise's demand) names its status.
    const status = l.status ?? statusFor(i);
    const publishedAt = status === 'published' ? new Date(now - ((i * 37) % 330) * DAY - (i % 24) * 3600_000) : null;
    const { orgKey: _o, zoneSlug, price, budgetMin, budgetMax, ipItems, ...fields } = l;
    const row = await insertListing(db, {
      ...(fields as unknown as Pick<NewListing, 'title' | 'industry' | 'cityCode' | 'contactName'>),
      kind,
      status,
      ownerOrgId: org.id,
      createdBy,
      zoneId: await zoneOf(zoneSlug),
      ...(kind === 'achievement'
        ? { price: money(price), ipItems: (ipItems ?? []).map((ip) => ({ ...ip, share: ip.share != null && ip.share <= 1 ? ip.share * 100 : (ip.share ?? null) })) }
        : { budgetMin: money(budgetMin), budgetMax: money(budgetMax) }),
      rejectionReason: status === 'rejected' ? '技术指标描述不完整，请补充关键性能参数与试验数据后重新提交。' : null,
      submittedAt: status === 'draft' ? null : new Date(now - ((i * 37) % 330) * DAY - 2 * DAY),
      publishedAt,
      expiresAt: publishedAt ? new Date(publishedAt.getTime() + 365 * DAY) : null,
      createdAt: new Date(now - ((i * 37) % 330) * DAY - 5 * DAY),
    });
    await audit(db, { actorId: null, action: `${kind}.seed`, entityType: kind, entityId: row.id, data: { status } });
    ids.push(row.id);
  }
  await enqueueSearch(db, ids);
  return ids.length;
}
