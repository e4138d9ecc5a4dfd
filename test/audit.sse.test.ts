import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from '../src/db/schema.js';
import { SseClient, sseFrame } from '../src/modules/audit/sse.js';

const row = (seq: number): AuditEventRow => ({
  tenantId: 't',
  seq,
  id: '0193b6c2-0000-7000-8000-000000000001',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  actorType: 'user',
  actorId: 'u',
  action: 'deploy.started',
  resourceType: 'deployment',
  resourceId: 'd',
  traceId: 'a'.repeat(32),
  requestId: null,
  data: { big: 'x'.repeat(1000) },
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i));

function read(out: PassThrough): string {
  let text = '';
  for (let chunk = out.read(); chunk !== null; chunk = out.read()) text += chunk.toString();
  return text;
}

describe('SseClient', () => {
  it('holds live events back while catching up, then writes each event once, in order', () => {
    const out = new PassThrough();
    const client = new SseClient(out, 10, { maxBufferedBytes: 1 << 20, maxPending: 100 });
    client.offer(rows(12, 3)); // live events arriving during the catch-up
    client.send(rows(11, 3)); // the catch-up read 11..13
    client.goLive(); // 14 is new; 12 and 13 are duplicates
    client.offer(rows(14, 2)); // 14 again (a second notification), and 15
    const ids = [...read(out).matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([11, 12, 13, 14, 15]);
    expect(client.cursor).toBe(15);
  });

  it('frames an event as id, event and one data line', () => {
    const frame = sseFrame(row(7));
    expect(frame.startsWith('id: 7\nevent: audit_event\ndata: {"seq":7,')).toBe(true);
    expect(frame.endsWith('}\n\n')).toBe(true);
    expect(frame.split('\n')).toHaveLength(5);
  });

  it('asks for another catch-up instead of holding too many live events', () => {
    const client = new SseClient(new PassThrough(), 0, { maxBufferedBytes: 1 << 20, maxPending: 5 });
    client.offer(rows(1, 4));
    expect(client.overflowed).toBe(false);
    client.offer(rows(5, 2));
    expect(client.overflowed).toBe(true);
  });

  it('disconnects a live client that does not read', () => {
    const out = new PassThrough();
    const client = new SseClient(out, 0, { maxBufferedBytes: 64 * 1024, maxPending: 100 });
    client.goLive();
    let accepted = 0;
    for (let seq = 1; seq <= 1000 && client.offer([row(seq)]); seq++) accepted++;
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(1000);
    expect(client.closed).toBe(true);
    expect(out.writableEnded).toBe(true);
  });
});
