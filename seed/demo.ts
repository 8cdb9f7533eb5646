/** Demo organizations and one account per role, loaded once into an empty installation (SEED_DEMO). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, gte, isNull } from 'drizzle-orm';
import type { Role } from '../common/roles.js';
import type { Db } from '../server/lib/db.js';
import type { Logger } from '../server/lib/logger.js';
import { appMeta, notifications } from '../server/db/schema.js';
import { findOrganizationByCreditCode, insertOrganization } from '../server/components/organizations/index.js';
import { findZoneBySlug } from '../server/components/taxonomy/index.js';
import { findUserByEmail, upsertUser } from '../server/components/auth/index.js';
import { seedDemoContracts } from './contracts.js';
import { seedDemoListings } from './listings.js';
import { seedNews } from './news.js';
import { seedDemoRoadshows } from './roadshows.js';
import { wireComponents } from '../server/components/wiring.js';

const DEMO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo');
export const DEMO_PASSWORD = 'Guijitong2026';

export interface DemoOrg {
  key: string;
  name: string;
  type: string;
  creditCode: string;
  regionCode: string;
  zoneSlug?: string;
  parentKey?: string;
}

/** One account per role; README lists them. */
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; orgType: string; zone?: boolean }[] = [
  { email: 'supplier@demo.gjt.cn', name: '李成果', role: 'supplier', orgType: 'university' },
  { email: 'enterprise@demo.gjt.cn', name: '王需求', role: 'enterprise', orgType: 'enterprise' },
  { email: 'broker@demo.gjt.cn', name: '张经纪', role: 'broker', orgType: 'agency' },
  { email: 'reviewer@demo.gjt.cn', name: '陈审核', role: 'reviewer', orgType: 'government' },
  { email: 'registrar@demo.gjt.cn', name: '黄登记', role: 'registrar', orgType: 'registrar' },
  { email: 'zone@demo.gjt.cn', name: '覃园区', role: 'zone_admin', orgType: 'government', zone: true },
  { email: 'admin@demo.gjt.cn', name: '韦管理', role: 'admin', orgType: 'government' },
];

export const readDemo = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(DEMO_DIR, `${name}.json`), 'utf8')) as T;

/** Inserts the demo organizations that do not exist yet; returns key → id. */
export async function seedDemoOrganizations(db: Db): Promise<Map<string, { id: string; type: string; zoneId: string | null }>> {
  const orgs = readDemo<DemoOrg[]>('organizations');
  const out = new Map<string, { id: string; type: string; zoneId: string | null }>();
  for (const o of orgs) {
    const zoneId = o.zoneSlug ? ((await findZoneBySlug(db, o.zoneSlug))?.id ?? null) : null;
    const existing = await findOrganizationByCreditCode(db, o.creditCode);
    const row =
      existing ??
      (await insertOrganization(db, {
        name: o.name,
        type: o.type,
        creditCode: o.creditCode,
        regionCode: o.regionCode,
        zoneId,
        parentOrgId: o.parentKey ? (out.get(o.parentKey)?.id ?? null) : null,
        verified: true,
      }));
    out.set(o.key, { id: row.id, type: row.type, zoneId: row.zoneId });
  }
  return out;
}

/** The policy and notice articles, published by the demo admin (also into demo databases seeded before news existed). */
async function seedDemoNews(db: Db, log: Logger): Promise<void> {
  const admin = await findUserByEmail(db, DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email);
  if (!admin) return;
  const count = await seedNews(db, admin.id);
  if (count) log.info(`demo news loaded: ${count} policy documents, notices and lectures`);
}

/** Loads the demo data once per database (marked in app_meta), so restarts and edits are kept. */
export async function seedDemo(db: Db, log: Logger): Promise<void> {
  // Seeding runs use cases before any app exists (contracts move deals, reports snapshot indicator 23).
  wireComponents();
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_seeded'));
  if (done) return seedDemoNews(db, log);
  const started = new Date();
  const orgs = await seedDemoOrganizations(db);
  const byType = (t: string) => [...orgs.values()].find((o) => o.type === t);
  const owners = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const org = byType(a.orgType);
    if (!org) throw new Error(`demo data has no organization of type ${a.orgType}`);
    const zoneId = a.zone ? (org.zoneId ?? [...orgs.values()].find((o) => o.zoneId)?.zoneId ?? null) : null;
    const user = await upsertUser(db, {
      email: a.email,
      password: DEMO_PASSWORD,
      name: a.name,
      organizationId: org.id,
      roles: [{ role: a.role, zoneId }],
      ...(a.role === 'broker' ? { brokerLevel: '中级', brokerTitle: '技术经纪专业中级工程师' } : {}),
    });
    // The demo supplier and enterprise own their organization's listings, so "my listings" is not empty.
    const key = [...orgs.entries()].find(([, o]) => o.id === org.id)![0];
    if (a.role === 'supplier' || a.role === 'enterprise') owners.set(key, user.id);
  }
  const listingCount = await seedDemoListings(db, orgs, owners);
  const contractCount = await seedDemoContracts(db, orgs);
  log.info(`demo contracts loaded: ${contractCount} technology contracts over three years`);
  const roadshowCount = await seedDemoRoadshows(db);
  log.info(`demo roadshows loaded: ${roadshowCount} (upcoming, about to start, ended with statistics)`);
  // Three years of reviews and registrations are history: without this the demo bells open at "99+".
  await db.update(notifications).set({ readAt: new Date() }).where(and(isNull(notifications.readAt), gte(notifications.createdAt, started)));
  await db.insert(appMeta).values({ key: 'demo_seeded', value: { at: new Date().toISOString() } }).onConflictDoNothing();
  await seedDemoNews(db, log);
  log.info(`demo data loaded: ${orgs.size} organizations, ${DEMO_ACCOUNTS.length} accounts (password ${DEMO_PASSWORD}), ${listingCount} listings`);
}
