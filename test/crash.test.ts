import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer, type StartedServer, startServer, stopServer } from './helpers/server.js';

/*
 * Crashes lose nothing: the server is killed with SIGKILL in the middle of a load of creates and
 * transitions, each sent with an Idempotency-Key. After a restart on the same data directory,
 * every acknowledged write is there, retrying every request with its key never duplicates
 * anything, and the audit chain verifies.
 */
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-crash-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Attempt {
  key: string;
  body: { agent_role: string; metadata: { key: string } };
  created?: string; // the session id, when the create was acknowledged
  activated?: boolean; // when the activation was acknowledged
}

const headers = (token: string, key?: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...(key ? { 'idempotency-key': key } : {}),
});

async function worker(s: StartedServer, id: number, attempts: Attempt[], stop: { now: boolean }) {
  for (let i = 0; !stop.now; i++) {
    const key = `w${id}-${i}`;
    const attempt: Attempt = { key, body: { agent_role: 'crash', metadata: { key } } };
    attempts.push(attempt);
    try {
      const res = await fetch(`${s.url}/v1/sessions`, {
        method: 'POST',
        headers: headers(s.token, key),
        body: JSON.stringify(attempt.body),
      });
      if (res.status !== 201) continue;
      attempt.created = ((await res.json()) as { id: string }).id;
      const act = await fetch(`${s.url}/v1/sessions/${attempt.created}/activate`, {
        method: 'POST',
        headers: headers(s.token, `${key}-a`),
        body: '{}',
      });
      if (act.status === 200) attempt.activated = true;
    } catch {
      return; // the server is gone
    }
  }
}

/** Creates without a key, which the server commits in groups (group-commit.ts): the ids acknowledged. */
async function groupedWorker(s: StartedServer, acknowledged: string[], stop: { now: boolean }) {
  while (!stop.now) {
    try {
      const res = await fetch(`${s.url}/v1/sessions`, {
        method: 'POST',
        headers: headers(s.token),
        body: JSON.stringify({ agent_role: 'crash-grouped' }),
      });
      if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
    } catch {
      return; // the server is gone
    }
  }
}

describe('kill -9 under load', () => {
  it('loses no acknowledged write, duplicates nothing on retry, and the chain verifies', async () => {
    const env = { IDEMPOTENCY_LOCK_SECONDS: '2' };
    const first = await startServer(dataDir, env);
    const attempts: Attempt[] = [];
    const stop = { now: false };
    const grouped: string[] = [];
    const load = [
      ...Array.from({ length: 8 }, (_, i) => worker(first, i, attempts, stop)),
      ...Array.from({ length: 4 }, () => groupedWorker(first, grouped, stop)),
    ];
    // Kill it once enough writes were acknowledged (however slow the machine is today).
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      (attempts.filter((a) => a.activated).length < 30 || grouped.length < 20)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await killServer(first);
    stop.now = true;
    await Promise.all(load);

    const second = await startServer(dataDir, env);
    try {
      const acknowledged = attempts.filter((a) => a.created);
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(acknowledged.filter((a) => a.activated).length).toBeGreaterThan(5);
      // Every acknowledged create and activation is there.
      let lost = 0;
      for (const a of acknowledged) {
        const res = await fetch(`${second.url}/v1/sessions/${a.created}`, { headers: headers(second.token) });
        const body = (await res.json()) as { status: string };
        if (res.status !== 200 || (a.activated && body.status !== 'active')) lost++;
      }
      for (const id of grouped) {
        const res = await fetch(`${second.url}/v1/sessions/${id}`, { headers: headers(second.token) });
        if (res.status !== 200) lost++;
      }
      expect(grouped.length).toBeGreaterThanOrEqual(20);
      expect(lost).toBe(0);

      // Retry every create with its key, after the keys' locks ran out.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const outcomes = new Map<string, number>();
      for (const a of attempts) {
        const res = await fetch(`${second.url}/v1/sessions`, {
          method: 'POST',
          headers: headers(second.token, a.key),
          body: JSON.stringify(a.body),
        });
        const body = (await res.json()) as { id?: string; code?: string };
        const outcome =
          res.status === 201
            ? res.headers.get('idempotent-replayed')
              ? 'replayed'
              : 'ran'
            : String(body.code);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (a.created) {
          // An acknowledged create is replayed as it was (or, if its response was lost in the crash, refused).
          expect(outcome === 'replayed' ? body.id : outcome).toBe(
            outcome === 'replayed' ? a.created : 'idempotency_response_lost',
          );
        }
        expect(['replayed', 'ran', 'idempotency_response_lost']).toContain(outcome);
      }

      // No key ever produced two sessions.
      const perKey = new Map<string, number>();
      let cursor: string | null = null;
      do {
        const page = (await (
          await fetch(
            `${second.url}/v1/sessions?page_size=100&agent_role=crash${cursor ? `&cursor=${cursor}` : ''}`,
            { headers: headers(second.token) },
          )
        ).json()) as {
          data: { metadata: { key: string } }[];
          next_cursor: string | null;
        };
        for (const s of page.data) perKey.set(s.metadata.key, (perKey.get(s.metadata.key) ?? 0) + 1);
        cursor = page.next_cursor;
      } while (cursor);
      const duplicates = [...perKey.values()].filter((n) => n > 1).length;
      expect(duplicates).toBe(0);

      const verify = (await (
        await fetch(`${second.url}/v1/audit-events/verify`, { headers: headers(second.token) })
      ).json()) as { ok: boolean; checked: number };
      expect(verify.ok).toBe(true);
      console.info(
        `kill -9: ${attempts.length} creates with a key attempted, ${acknowledged.length} acknowledged (${acknowledged.filter((a) => a.activated).length} activations acknowledged), ${grouped.length} grouped creates acknowledged; ${lost} lost, ${duplicates} duplicated; ` +
          `retries: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; chain verified over ${verify.checked} events`,
      );
    } finally {
      expect(await stopServer(second)).toBe(0);
    }
  }, 180_000);
});
