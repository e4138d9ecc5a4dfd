import type { Config } from '../../config.js';
import type { SessionRow } from '../../db/schema.js';
import { runSweep, type SweepOptions } from '../../db/sweeper-tx.js';
import { newTraceId } from '../../http/tracing.js';
import * as audit from '../audit/service.js';
import * as tasksRepo from '../tasks/repository.js';
import { releaseLostLease, type SweepDeps, schedulerCtx } from '../tasks/sweeps.js';
import { canTransition, transitionStamps } from './lifecycle.js';
import * as repo from './repository.js';

/** Why the scheduler expired a session: its own expires_at, or its tenant's retention now. */
export type ExpiryReason = 'expires_at_reached' | 'retention_exceeded';

export interface SessionSweepDeps extends SweepDeps {
  config: Pick<Config, 'SESSION_RETENTION_DAYS'>;
}

export interface SessionSweepResult {
  expired: number;
  /** Running tasks the expired sessions held, requeued or failed with reason session_expired. */
  releasedTasks: number;
}

/**
 * Expires pending and active sessions past their deadline:
 *
 *   deadline = least(expires_at, created_at + retention)
 *
 * where retention is the tenant's settings.session_retention_days as it is now, else
 * SESSION_RETENTION_DAYS of the sweeping process. expires_at was capped by the retention in force
 * at creation, so a retention lengthened later never extends a session, and one shortened later
 * applies to existing sessions from the next sweep on. Terminal sessions are never touched.
 *
 * Each session goes through the session lifecycle to `expired` (status_reason and the event's
 * `reason` say which deadline passed) with one session.status_changed event, actor
 * system/scheduler. A session that still holds running tasks releases them in the same
 * transaction, as a lost lease does (requeued while attempts remain, else failed; reason
 * session_expired): an expired session cannot claim, and nothing would otherwise stop it from
 * extending those leases by heartbeat forever. A session one of whose tasks another transaction
 * holds is left for the next run, so a session is never expired with its tasks half released.
 *
 * Rows are locked SKIP LOCKED with their state re-checked, so each session expires exactly once
 * even when several sweepers race, and a request that got there first wins. The sweep never
 * waits on a row lock; only the tenant's audit chain head is waited for, through COMMIT.
 */
export async function sweepExpiredSessions(
  deps: SessionSweepDeps,
  o: SweepOptions = {},
): Promise<SessionSweepResult> {
  const result: SessionSweepResult = { expired: 0, releasedTasks: 0 };
  const now = deps.clock.now();
  const defaultDays = deps.config.SESSION_RETENTION_DAYS;
  // One trace id per run: the events of one sweep can be found together.
  const ctx = schedulerCtx(deps.clock, newTraceId());
  await runSweep(
    deps.db,
    o,
    (tx, limit) => repo.findDue(tx, now, defaultDays, limit),
    async (tx, ids) => {
      const { tenantId } = tx;
      const locked = await repo.lockDue(tx, tenantId, ids, now, defaultDays);
      const due = locked.filter((s) => canTransition(s.status, 'expired'));
      if (due.length === 0) return;
      const sessionIds = due.map((s) => s.id);
      const [lockedTasks, heldTasks] = await Promise.all([
        tasksRepo.runningOfSessions(tx, tenantId, sessionIds, true).execute(),
        tasksRepo.runningOfSessions(tx, tenantId, sessionIds, false).execute(),
      ]);
      const mine = new Set(lockedTasks.map((t) => t.id));
      const busy = new Set(heldTasks.filter((t) => !mine.has(t.id)).map((t) => t.claimedBySessionId));
      const expiring = due.filter((s) => !busy.has(s.id));
      if (expiring.length === 0) return;

      const reasons = expiring.map((session) => ({ id: session.id, reason: expiryReason(session, now) }));
      const events: audit.AuditItem[] = expiring.map((session, i) => ({
        ctx,
        action: 'session.status_changed',
        resource: { type: 'session', id: session.id },
        data: { from: session.status, to: 'expired', reason: reasons[i]!.reason },
      }));
      const expiringIds = new Set(reasons.map((r) => r.id));
      const released = lockedTasks
        .filter((task) => expiringIds.has(task.claimedBySessionId!))
        .map((task) => releaseLostLease(tx, deps, task, 'session_expired', now));
      // Two statements for the whole batch (plus one per released task): the updates, then the
      // audit events last, so that the chain head is locked only through COMMIT.
      await tx.commit(
        repo.transitionMany(tx, tenantId, 'expired', reasons, now, transitionStamps('expired', now)),
        ...released.map((r) => r.update),
        audit.recordMany(tx, [...events, ...released.map((r) => r.event)]),
      );
      result.expired += expiring.length;
      result.releasedTasks += released.length;
    },
    { appends: true },
  );
  return result;
}

/** Which deadline passed: the session's own expires_at wins when both have. */
export const expiryReason = (session: SessionRow, now: Date): ExpiryReason =>
  session.expiresAt <= now ? 'expires_at_reached' : 'retention_exceeded';
