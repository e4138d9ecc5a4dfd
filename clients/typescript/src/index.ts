import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type Schemas = components['schemas'];
/** An RFC 9457 problem, as every error response carries it; switch on `code`. */
export type Problem = Schemas['Problem'];

export interface SwitchboardOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The bearer token, or a function giving it (called for every request, so it may rotate). */
  token?: string | (() => string | Promise<string>);
  /** Retries of a 429 or 503 answer, waiting what its Retry-After says (default 3). */
  maxRetries?: number;
  /** The longest wait before a retry, in seconds, whatever Retry-After says (default 30). */
  maxRetryDelaySeconds?: number;
  /** Send a generated `Idempotency-Key` with every POST that has none (default true). */
  idempotencyKeys?: boolean;
  /** The fetch to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

export type SwitchboardClient = Client<paths>;

/** A non-2xx answer, with its problem document. */
export class SwitchboardError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem ? `${status} ${problem.code}: ${problem.detail ?? problem.title}` : `HTTP ${status}`);
    this.name = 'SwitchboardError';
  }

  get code(): Problem['code'] | undefined {
    return this.problem?.code;
  }
}

/**
 * A typed client for the Switchboard API: openapi-fetch over the generated `paths`, plus a
 * bearer token on every request, an `Idempotency-Key` on every POST (so retrying it is safe),
 * and bounded retries of 429 and 503 that honour Retry-After.
 *
 *   const sb = createSwitchboardClient({ baseUrl, token });
 *   const session = unwrap(await sb.POST('/v1/sessions', { body: { agent_role: 'writer' } }));
 */
export function createSwitchboardClient(o: SwitchboardOptions): SwitchboardClient {
  const client = createClient<paths>({ baseUrl: o.baseUrl, fetch: retrying(o) });
  const { token } = o;
  const middleware: Middleware = {
    async onRequest({ request }) {
      if (token !== undefined) {
        request.headers.set('authorization', `Bearer ${typeof token === 'string' ? token : await token()}`);
      }
      if (
        o.idempotencyKeys !== false &&
        request.method === 'POST' &&
        !request.headers.has('idempotency-key')
      ) {
        request.headers.set('idempotency-key', crypto.randomUUID());
      }
      return request;
    },
  };
  client.use(middleware);
  return client;
}

/**
 * A fetch that retries 429 and 503 up to `maxRetries` times. The request is cloned for each
 * attempt, Idempotency-Key included, so a POST that reached the server is never done twice.
 */
function retrying(o: SwitchboardOptions) {
  const send = o.fetch ?? ((request: Request) => globalThis.fetch(request));
  const maxRetries = o.maxRetries ?? 3;
  const maxDelayMs = (o.maxRetryDelaySeconds ?? 30) * 1000;
  return async (request: Request): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await send(request.clone());
      if ((response.status !== 429 && response.status !== 503) || attempt >= maxRetries) return response;
      await response.body?.cancel();
      await sleep(Math.min(retryDelayMs(response.headers.get('retry-after'), attempt), maxDelayMs));
    }
  };
}

/** Retry-After in seconds or as an HTTP date; without one, 0.5 s doubling per attempt, jittered. */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const date = retryAfter === null ? Number.NaN : Date.parse(retryAfter);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return 500 * 2 ** attempt * (0.5 + Math.random() / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 2xx answer; any other answer throws a SwitchboardError with its problem. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.response.ok) throw new SwitchboardError(result.response.status, result.error as Problem);
  return result.data as T;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Every item of a list, following `next_cursor` page by page (keyset pagination: stable and fast
 * at any depth). `fetchPage` gets the cursor to send (undefined for the first page):
 *
 *   for await (const s of paginate((cursor) =>
 *     sb.GET('/v1/sessions', { params: { query: { status: 'active', cursor } } }))) { ... }
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Result<Page<T>>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = unwrap(await fetchPage(cursor));
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
