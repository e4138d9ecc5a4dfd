import net from 'node:net';

/** What postgres.js passes to its `socket` option. */
export interface SocketOptions {
  host: string[];
  port: number[];
  path?: string | false;
  connect_timeout?: number;
}

/** postgres.js writes its buffer at once when it reaches this size, and the rest on setImmediate. */
const EARLY_FLUSH_BYTES = 1024;

/**
 * Keeps one flight of statements in one write. postgres.js buffers what it sends and flushes on
 * setImmediate, except that a buffer past 1 KiB is written at once. A transaction's last flight
 * (say an insert with a large JSON value, its audit event and COMMIT) can then leave in two
 * parts, and when the answer to the first part is read before the second is written, one round
 * trip becomes two. This socket holds such an early write (corks) until postgres.js flushes the
 * rest of the batch, which it does with a small write, or at the latest one event-loop turn later.
 */
export function coalesce(socket: net.Socket): net.Socket {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    socket.uncork();
  };
  socket.write = ((chunk: Uint8Array | string, ...rest: unknown[]) => {
    if (chunk.length >= EARLY_FLUSH_BYTES) {
      if (!corked) {
        corked = true;
        socket.cork();
        // After the statements queued with this one have been handed over (microtasks), and after
        // postgres.js's own setImmediate flush that was scheduled by them.
        process.nextTick(() => setImmediate(uncork));
      }
      return write(chunk, ...rest);
    }
    const result = write(chunk, ...rest);
    uncork();
    return result;
  }) as typeof socket.write;
  return socket;
}

/**
 * A TCP (or Unix) socket for postgres.js, with writes coalesced per flight. It is handed over at
 * once, still connecting (what postgres.js writes meanwhile is buffered), so that a refused or
 * timed-out connection reaches postgres.js as the socket's own 'error' and 'close' events: a
 * factory that rejects instead leaves the pool's connection stuck in "connecting" for good
 * (postgres.js 3.4), and after DB_POOL_MAX refused attempts the pool would never connect again.
 * postgres.js's connect_timeout covers a connection attempt that hangs.
 */
export function connectSocket(options: SocketOptions): Promise<net.Socket> {
  const socket = options.path
    ? net.connect(options.path)
    : net.connect(options.port[0] ?? 5432, options.host[0] ?? 'localhost');
  socket.setNoDelay(true);
  return Promise.resolve(coalesce(socket));
}
