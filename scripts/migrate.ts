/** npm run migrate: applies the committed migrations and the base taxonomy (the server also does this at start). */
import { withPlatform } from './cli.js';

await withPlatform(async () => {
  console.log('Database migrated and taxonomy up to date.');
});
