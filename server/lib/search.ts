import http from 'node:http';
import https from 'node:https';
import { Meilisearch, MeilisearchTaskTimeOutError, type EnqueuedTask, type Task } from 'meilisearch';

export interface Search {
  client: Meilisearch;
  /** Prefix of every index name, so test runs and deployments can share one server. */
  prefix: string;
  index(name: string): string;
}

/** An error answer of Meilisearch (4xx/5xx): the server is up, the request was refused. */
export class MeiliApiAnswer extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/**
 * Requests over node:http with keep-alive. The client's default (global fetch) adds ~40 ms to every
 * request here (measured in `npm run bench:search`), which would dominate search and matching latency.
 */
function nodeHttpClient(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const signal = init?.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // Abort with the signal's own reason, as fetch does, so the client recognises its timeouts.
    const onAbort = () => {
      req.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
      reject(signal?.reason);
    };
    // The client hands one signal to every poll of a task wait: drop our listener when the request settles.
    const settle = <T>(fn: (v: T) => void) => (v: T) => {
      signal?.removeEventListener('abort', onAbort);
      fn(v);
    };
    const ok = settle(resolve);
    const fail = settle(reject);
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch (err) {
          return fail(err);
        }
        const status = res.statusCode ?? 0;
        if (status >= 400) {
          const body = (json ?? {}) as { message?: string; code?: string };
          fail(new MeiliApiAnswer(body.message ?? `HTTP ${status}`, body.code, status));
        } else ok(json);
      });
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    if (typeof init?.body === 'string') req.write(init.body);
    req.end();
  });
}

/** A Meilisearch client; requests time out so a hung server cannot hang the API. */
export function connectSearch(url: string, apiKey: string | undefined, prefix = ''): Search {
  const client = new Meilisearch({ host: url, apiKey, timeout: 5000, httpClient: nodeHttpClient });
  return { client, prefix, index: (name) => `${prefix}${name}` };
}

/** Meilisearch's own answer inside a request error (code and HTTP status), or null for network failures. */
export function meiliAnswer(err: unknown): { code: string | undefined; httpStatus: number } | null {
  // Duck-typed: the class may come from another copy of this module (tests load it through require and import).
  const cause = (err as { cause?: { code?: unknown; httpStatus?: unknown } } | null)?.cause;
  return cause && typeof cause.httpStatus === 'number' ? { code: typeof cause.code === 'string' ? cause.code : undefined, httpStatus: cause.httpStatus } : null;
}

/**
 * Waits until a Meilisearch task has ended (succeeded, failed or canceled), polling every `interval`
 * ms; throws MeilisearchTaskTimeOutError after `timeout` ms. Used instead of the client's `waitTask`,
 * which shares one AbortSignal across its polls and leaves a listener on it per poll (meilisearch 0.62).
 */
export async function waitTask(client: Meilisearch, enqueued: EnqueuedTask | PromiseLike<EnqueuedTask>, opts: { timeout: number; interval?: number }): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + opts.timeout;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() >= deadline) throw new MeilisearchTaskTimeOutError(taskUid, opts.timeout);
    await new Promise((resolve) => setTimeout(resolve, opts.interval ?? 50));
  }
}
