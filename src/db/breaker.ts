import { isConnectionFailure } from './errors.js';

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
    if (isConnectionFailure(error)) this.openUntil = this.now() + this.windowMs;
  }

  reset(): void {
    this.openUntil = 0;
  }
}
