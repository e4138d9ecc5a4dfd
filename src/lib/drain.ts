import type { Writable } from 'node:stream';

/** The reader of a streamed response went away before the end. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away');
  }
}

/** Resolves when `out` wants more data; rejects if it was closed (the client went away). */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ClientGone());
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ClientGone());
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

/**
 * A promise started ahead of need (a prefetch) that may be abandoned: its failure is still thrown
 * to whoever awaits it, but never reported as unhandled when nobody does.
 */
export function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
