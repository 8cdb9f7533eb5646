import http from 'node:http';
import https from 'node:https';
import { Meilisearch } from 'meilisearch';

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
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, { method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch (err) {
          return reject(err);
        }
        const status = res.statusCode ?? 0;
        if (status >= 400) {
          const body = (json ?? {}) as { message?: string; code?: string };
          reject(new MeiliApiAnswer(body.message ?? `HTTP ${status}`, body.code, status));
        } else resolve(json);
      });
    });
    // Abort with the signal's own reason, as fetch does, so the client recognises its timeouts.
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
    signal?.addEventListener('abort', () => {
      onAbort();
      reject(signal.reason);
    });
    req.on('error', reject);
    if (typeof init?.body === 'string') req.write(init.body);
    req.end();
  });
}

/** A Meilisearch client; requests time out so a hung server cannot hang the API. */
export function connectSearch(url: string, apiKey: string | undefined, prefix = ''): Search {
  const client = new Meilisearch({ host: url, apiKey, timeout: 5000, httpClient: nodeHttpClient });
  return { client, prefix, index: (name) => `${prefix}${name}` };
}
