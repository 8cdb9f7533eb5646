import { Meilisearch } from 'meilisearch';

export interface Search {
  client: Meilisearch;
  /** Prefix of every index name, so test runs and deployments can share one server. */
  prefix: string;
  index(name: string): string;
}

/** A Meilisearch client; requests time out so a hung server cannot hang the API. */
export function connectSearch(url: string, apiKey: string | undefined, prefix = ''): Search {
  const client = new Meilisearch({ host: url, apiKey, timeout: 5000 });
  return { client, prefix, index: (name) => `${prefix}${name}` };
}
