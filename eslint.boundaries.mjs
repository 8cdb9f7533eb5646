/**
 * Component boundaries, enforced by `npm run lint` (ARCHITECTURE in the README; proven by test/architecture/boundaries.test.ts):
 * - queries only in repositories: `drizzle-orm` in `*.repository.ts`, `*.tables.ts` and `server/lib/db.ts` only, and tables
 *   (a component's own, or another's through the shared schema `server/db/schema.ts`) read only by repositories;
 * - another component only through its `index.ts`, which names what it exports: never its tables, never a whole repository;
 * - in the client, another feature only through its `index.ts`; everything shared lives in `client/src/shared`;
 * - role checks only in policies: `actor.roles.includes(…)` (or .some/.every/.find/.filter/.indexOf on `.roles`) only in a
 *   component's `*.policy.ts` and in the auth component, whose `hasRole` everyone else calls; in the client, only in
 *   `client/src/shared/policies.ts`.
 */
const drizzle = { regex: '^drizzle-orm(/|$)', message: 'Queries live in *.repository.ts (drizzle-orm only there, in *.tables.ts and server/lib/db.ts).' };
const tables = { regex: '(\\.tables|/db/schema)\\.js$', allowTypeImports: true, message: 'Tables are read by repositories only (*.repository.ts): call the repository.' };
const otherComponent = { regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)[^/]+$', message: 'Another component only through its index.ts.' };
const otherComponentRepo = { ...otherComponent, message: 'Another component only through its index.ts; for a join, import its table from server/db/schema.js.' };
const otherComponentTables = { regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)(?![^/]+\\.tables\\.js$)[^/]+$', message: 'Another component only through its index.ts (a table may reference its tables).' };
const featureMessage = 'Another client feature only through its index.ts; shared code goes to client/src/shared.';
const otherFeature = { regex: '^\\.\\./(?!shared/)[^./][^/]*/(?!index$).+$', message: featureMessage };
const otherFeatureNested = { regex: '^\\.\\./\\.\\./(?!shared/)[^./][^/]*/(?!index$).+$', message: featureMessage };
/** An index.ts names what it exports: never a whole repository or table module. */
const wholeModuleExport = {
  selector: "ExportAllDeclaration[source.value=/\\.(repository|tables)\\.js$/]",
  message: 'index.ts exports use cases by name, never a whole repository or table module.',
};

/** Role checks live in policies (`hasRole` from the auth component), never inline in use cases, routes or sockets. */
const roleCheck = {
  selector: "CallExpression[callee.property.name=/^(includes|some|every|find|filter|indexOf)$/][callee.object.property.name='roles']",
  message: 'Role checks live in the component\'s *.policy.ts (use hasRole from the auth component\'s index.ts).',
};
export const boundaries = [
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.policy.ts', 'server/components/auth/**', 'server/components/*/index.ts'],
    rules: { 'no-restricted-syntax': ['error', roleCheck] },
  },
  { files: ['server/components/**/*.ts'], ignores: ['**/*.repository.ts', '**/*.tables.ts', 'server/components/*/index.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [drizzle, tables, otherComponent] }] } },
  {
    files: ['server/components/*/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [drizzle, { ...tables, allowTypeImports: false }, otherComponent] }], 'no-restricted-syntax': ['error', wholeModuleExport, roleCheck] },
  },
  { files: ['server/components/**/*.repository.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [otherComponentRepo] }] } },
  { files: ['server/components/**/*.tables.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [otherComponentTables] }] } },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/shared/policies.ts'],
    rules: { 'no-restricted-syntax': ['error', { ...roleCheck, message: 'Role checks live in client/src/shared/policies.ts (hasRole and named checks).' }] },
  },
  { files: ['client/src/features/*/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [otherFeature] }] } },
  { files: ['client/src/features/*/*/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [otherFeatureNested] }] } },
];
