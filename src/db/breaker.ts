import { pgError } from './errors.js';

/** Errors that mean "could not talk to the server at all" (not a statement that failed). */
const CONNECTION_FAILURES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
]);

export const BREAKER_OPEN = 'DATABASE_BREAKER_OPEN';

/**
 * After a connection failure, requests fail at once for a short window instead of each waiting
 * out its own connect timeout: during an outage every request answers 503 fast, and the first
 * request after the window tries the database again (so recovery needs no restart).
 */
export class Breaker {
  private openUntil = 0;

  constructor(
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get open(): boolean {
    return this.now() < this.openUntil;
  }

  /** Throws the breaker's own transient error while it is open. */
  check(): void {
    if (this.open) {
      throw Object.assign(new Error('database unavailable (a recent connection attempt failed)'), {
        code: BREAKER_OPEN,
      });
    }
  }

  observe(error: unknown): void {
    const code = pgError(error)?.code;
    if (code && CONNECTION_FAILURES.has(code)) this.openUntil = this.now() + this.windowMs;
  }

  reset(): void {
    this.openUntil = 0;
  }
}
