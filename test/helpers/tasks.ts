import { expect } from 'vitest';
import type { Clock } from '../../src/lib/clock.js';
import type { Client, TestApp } from './app.js';

/** A clock the test moves by hand; starts at the real time so tokens and rows look ordinary. */
export function manualClock(start = Date.now()): Clock & { advance(seconds: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** Opens and activates a session of `role` for `api`'s tenant; returns its id. */
export async function activeSession(api: Client, role = 'worker'): Promise<string> {
  const created = await api.post('/v1/sessions', { agent_role: role });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await api.post(`/v1/sessions/${id}/activate`)).statusCode).toBe(200);
  return id;
}

/** Creates a task and returns its body. */
export async function newTask(api: Client, body: Record<string, unknown> = {}) {
  const res = await api.post('/v1/tasks', { type: 'work', to_agent_role: 'worker', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, unknown> & { id: string; version: number; status: string };
}

/** The task's row as stored, for assertions. */
export async function taskRow(t: TestApp, tenant: string, id: string) {
  const [row] = await t.owner`select * from tasks where tenant_id = ${tenant} and id = ${id}`;
  return row!;
}

/** Every audit event of a tenant's resource, oldest first. */
export async function auditEvents(t: TestApp, tenant: string, resourceId: string) {
  return t.owner<
    {
      action: string;
      actor_type: string;
      actor_id: string;
      trace_id: string;
      data: Record<string, unknown>;
    }[]
  >`
    select action, actor_type, actor_id, trace_id, data from audit_events
     where tenant_id = ${tenant} and resource_id = ${resourceId} order by seq`;
}
