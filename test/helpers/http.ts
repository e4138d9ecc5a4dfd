import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import type { App } from '../../src/app.js';

/** Starts the app on a real loopback port (inject does not stream) and returns its base URL. */
export async function listen(app: App): Promise<string> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return address.replace('localhost', '127.0.0.1');
}

/** A GET over real HTTP that resolves with the response as soon as its headers arrive. */
export function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ res: IncomingMessage; req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => resolve({ res, req }));
    req.on('error', reject);
    req.end();
  });
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/**
 * An SSE reader: collects the stream's frames (events and comments) as they arrive, and waits
 * for a given number of them.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor(
    readonly res: IncomingMessage,
    private readonly req: ClientRequest,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.push(chunk));
    res.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  static async open(url: string, headers: Record<string, string>): Promise<SseReader> {
    const { res, req } = await get(url, headers);
    return new SseReader(res, req);
  }

  /** The audit events received, parsed. */
  get data(): { seq: number; action: string; [k: string]: unknown }[] {
    return this.events.map((e) => JSON.parse(e.data ?? 'null'));
  }

  /** Resolves when `test` holds (checked on every frame), or rejects after `ms`. */
  async until(test: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req.destroy();
    this.res.destroy();
  }

  private push(chunk: string) {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of frame.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        const m = /^(id|event|data): ?(.*)$/.exec(line);
        if (m) event[m[1] as 'id' | 'event' | 'data'] = m[2];
      }
      if (event.data !== undefined) this.events.push(event);
      end = this.buffer.indexOf('\n\n');
    }
    this.wake();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
