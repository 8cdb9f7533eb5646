/** npm run create-admin -- --email E --password P [--name N]: creates or updates a platform admin. */
import { passwordSchema, emailSchema } from '../common/schemas/auth.js';
import { upsertUser } from '../server/components/auth/index.js';
import { findOrganizationByCreditCode } from '../server/components/organizations/index.js';
import { PLATFORM_ORG } from '../seed/base.js';
import { args, withPlatform } from './cli.js';

const a = args();
const email = emailSchema.safeParse(a.email ?? '');
const password = passwordSchema.safeParse(a.password ?? '');
if (!email.success || !password.success) {
  console.error('Usage: npm run create-admin -- --email admin@example.cn --password <at least 8 chars, letters and digits> [--name 管理员]');
  for (const r of [email, password]) if (!r.success) console.error(`  ${r.error.issues[0]?.message}`);
  process.exit(2);
}

await withPlatform(async ({ db }) => {
  const org = await findOrganizationByCreditCode(db, PLATFORM_ORG.creditCode);
  const user = await upsertUser(db, { email: email.data, password: password.data, name: a.name ?? '平台管理员', organizationId: org!.id, roles: [{ role: 'admin' }] });
  console.log(`Admin ready: ${user.email} (roles: ${user.roles.join(', ')})`);
});
