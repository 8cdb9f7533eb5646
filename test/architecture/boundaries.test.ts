/**
 * The component boundaries of eslint.boundaries.mjs reject what they should and accept what they should:
 * linting sample sources at real paths with the project's own ESLint configuration.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

describe('architecture: boundaries enforced by npm run lint', function () {
  this.timeout(60_000);
  const eslint = new ESLint();
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };
  const refused = async (filePath: string, code: string, reason: RegExp) => {
    const found = await problems(filePath, code);
    expect(found, `${filePath}: ${code}`).to.have.length(1);
    expect(found[0]).to.match(reason);
  };
  const accepted = async (filePath: string, code: string) => expect(await problems(filePath, code), `${filePath}: ${code}`).to.deep.equal([]);

  it('queries only in repositories: drizzle-orm and tables are refused in services, routes and index files', async () => {
    await refused('server/components/listings/listings.service.ts', "import { eq } from 'drizzle-orm';\nexport const x = eq;\n", /repository/);
    await refused('server/components/listings/listings.routes.ts', "import { listings } from './listings.tables.js';\nexport const x = listings;\n", /repositories only/);
    await refused('server/components/deals/deals.service.ts', "import { users } from '../../db/schema.js';\nexport const x = users;\n", /repositories only/);
    await refused('server/components/listings/index.ts', "export { listings } from './listings.tables.js';\n", /repositories only/);
    // A type of a table row is not a query.
    await accepted('server/components/listings/listings.service.ts', "import type { listings } from './listings.tables.js';\nexport type Row = typeof listings.$inferSelect;\n");
    await accepted('server/components/listings/listings.repository.ts', "import { eq } from 'drizzle-orm';\nimport { users } from '../../db/schema.js';\nexport const x = [eq, users];\n");
  });

  it('another component only through its index.ts; an index names its exports', async () => {
    await refused('server/components/contracts/contracts.service.ts', "import { findListing } from '../listings/listings.repository.js';\nexport const x = findListing;\n", /index\.ts/);
    await refused('server/components/listings/listings.repository.ts', "import { users } from '../auth/auth.tables.js';\nexport const x = users;\n", /index\.ts/);
    await refused('server/components/listings/index.ts', "export * from './listings.repository.js';\n", /by name/);
    await accepted('server/components/contracts/contracts.service.ts', "import { findListing } from '../listings/index.js';\nimport { AppError } from '../../lib/errors.js';\nexport const x = [findListing, AppError];\n");
    // Foreign keys: a table may reference another component's table.
    await accepted('server/components/contracts/contracts.tables.ts', "import { zones } from '../taxonomy/taxonomy.tables.js';\nexport const x = zones;\n");
  });

  it('client features reach each other only through index.ts; shared code through client/src/shared', async () => {
    await refused('client/src/features/deals/DealsPage.tsx', "import { KIND } from '../listings/kinds';\nexport const x = KIND;\n", /client feature/);
    await refused('client/src/features/zones/admin/TargetsPage.tsx', "import { YuanInput } from '../../contracts/amountFields';\nexport const x = YuanInput;\n", /client feature/);
    await accepted('client/src/features/deals/DealsPage.tsx', "import { KIND } from '../listings';\nimport { formatDate } from '../../shared/format';\nexport const x = [KIND, formatDate];\n");
    await accepted('client/src/features/zones/admin/TargetsPage.tsx', "import { YuanInput } from '../../contracts';\nimport { CityTiles } from '../CityTiles';\nexport const x = [YuanInput, CityTiles];\n");
  });

  it('role checks only in policies: an inline roles.includes( outside *.policy.ts and auth is refused', async () => {
    await refused('server/components/contracts/contracts.service.ts', "export const f = (a: { roles: string[] }) => a.roles.includes('admin');\n", /policy/);
    await refused('server/components/listings/listings.routes.ts', "export const f = (a: { roles: string[] }) => a.roles.some((r) => r === 'reviewer');\n", /policy/);
    await refused('server/components/deals/index.ts', "export const f = (a: { roles: string[] } | null) => !!a?.roles.includes('admin');\n", /policy/);
    await refused('server/lib/http.ts', "export const f = (a: { roles: string[] }) => a.roles.includes('admin');\n", /policy/);
    await accepted('server/components/contracts/contracts.policy.ts', "export const f = (a: { roles: string[] }) => a.roles.includes('admin');\n");
    await accepted('server/components/auth/auth.service.ts', "export const f = (a: { roles: string[] }) => a.roles.includes('admin');\n");
    await accepted('server/components/contracts/contracts.service.ts', "import { hasRole } from '../auth/index.js';\nexport const f = hasRole;\n");
  });

  it('client role checks only in client/src/shared/policies.ts', async () => {
    await refused('client/src/features/deals/DealsPage.tsx', "export const f = (u: { roles: string[] } | null) => !!u?.roles.includes('broker');\n", /policies\.ts/);
    await refused('client/src/shared/navigation.ts', "export const f = (u: { roles: string[] }) => u.roles.some((r) => r === 'admin');\n", /policies\.ts/);
    await accepted('client/src/shared/policies.ts', "export const f = (u: { roles: string[] }) => u.roles.includes('admin');\n");
    await accepted('client/src/features/deals/DealsPage.tsx', "import { hasRole } from '../../shared/policies';\nexport const f = hasRole;\n");
  });

  it('every server component has a *.policy.ts', () => {
    const root = path.resolve('server/components');
    const missing = fs
      .readdirSync(root)
      .filter((c) => fs.statSync(path.join(root, c)).isDirectory())
      .filter((c) => !fs.readdirSync(path.join(root, c)).some((f) => f.endsWith('.policy.ts')));
    expect(missing).to.deep.equal([]);
  });
});
