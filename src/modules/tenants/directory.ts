import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/client.js';
import type { TenantRow } from '../../db/schema.js';
import { prepareLookup } from './repository.js';

/**
 * Tenant lookups for the auth path, cached briefly in a bounded cache so that a request does not
 * pay a database round trip to learn its tenant. Concurrent misses for one tenant share one query.
 * A change made through this process is seen at once; other processes see it within the TTL.
 */
export interface TenantDirectory {
  get(id: string): Promise<TenantRow | undefined>;
  /** The cached lookup, when there is a fresh one: `{ row }` (row undefined: no such tenant). */
  peek(id: string): { row: TenantRow | undefined } | undefined;
  invalidate(id: string): void;
}

export function createTenantDirectory(db: Database, ttlSeconds: number, max = 10_000): TenantDirectory {
  const lookup = prepareLookup(db.db);
  const load = async (id: string) => {
    db.breaker.check();
    try {
      return { row: (await lookup.execute({ id }))[0] };
    } catch (error) {
      db.breaker.observe(error);
      throw error;
    }
  };
  if (ttlSeconds === 0)
    return { get: async (id) => (await load(id)).row, peek: () => undefined, invalidate: () => {} };
  const cache = new LRUCache<string, { row: TenantRow | undefined }>({
    max,
    ttl: ttlSeconds * 1000,
    fetchMethod: load,
  });
  return {
    get: async (id) => (await cache.fetch(id))?.row,
    peek: (id) => cache.get(id),
    invalidate: (id) => {
      cache.delete(id);
    },
  };
}
