/** The app in-process on port 0, and a supertest agent that behaves like our own browser page. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createApp, type AppDeps, type BuiltApp } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import type { Db } from '../../server/lib/db.js';
import type { Search } from '../../server/lib/search.js';
import { testEnv } from './global.js';
import type { ListingsDeps } from '../../server/components/listings/index.js';

export interface TestServer {
  url: string;
  config: Config;
  listings: ListingsDeps;
  matching: BuiltApp['matching'];
  savedSearches: BuiltApp['savedSearches'];
  /** A fresh cookie jar that sends our Origin, as the web client does. */
  agent(): supertest.Agent;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}, services: { db?: Db; search?: Search } = {}, deps: Pick<AppDeps, 'mailer'> = {}): Promise<TestServer> {
  const env = testEnv();
  const config = { ...env.config, ...overrides };
  const built = createApp({ config, db: services.db ?? env.db, search: services.search ?? env.search, sessionSecret: 'test-session-secret-test-session-secret', ...deps });
  const server = http.createServer(built.app);
  built.attachSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    config,
    listings: built.listings,
    matching: built.matching,
    savedSearches: built.savedSearches,
    agent: () => supertest.agent(url).set('Origin', url),
    close: async () => {
      await built.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The hooks of the calling `describe`: a test server started before its tests (`before`, registered
 * here, so it runs ahead of the suite's own `before`) and closed after them. The answer stands for
 * the server once started: use it inside tests and hooks.
 */
export function withTestServer(...args: Parameters<typeof startTestServer>): TestServer {
  let started: TestServer | null = null;
  before(async () => {
    started = await startTestServer(...args);
  });
  after(async () => {
    await started?.close();
    started = null;
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!started) throw new Error('withTestServer: the server exists only inside the tests and hooks of its describe');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(started) : value;
    },
  });
}
