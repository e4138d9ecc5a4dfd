import { z } from 'zod';
import { TASK_STATUSES, type TaskRow } from '../../db/schema.js';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { iso, isoOrNull, JsonObject, Timestamp, Uuid } from '../../http/schemas.js';
import { TRACE_ID } from '../audit/schemas.js';
import { AgentRole } from '../sessions/schemas.js';

export const TaskStatus = z
  .enum(TASK_STATUSES)
  .describe(
    'pending -> running -> completed | failed | pending (retry) | waiting_approval; waiting_approval -> pending | cancelled; pending, running and waiting_approval can be cancelled.',
  );

export const TaskType = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/, 'must be 1-100 characters: letters, digits and . _ : / -')
  .describe('What kind of work this is, e.g. summarize or code.review.');

export const TaskIdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x20-\x7e]+$/, 'must be 1-255 printable ASCII characters');

const MAX_LEASE_SECONDS = 86_400;
export const LeaseSeconds = z
  .number()
  .int()
  .min(1)
  .max(MAX_LEASE_SECONDS)
  .describe('Lease length; default: the tenant setting task_lease_seconds, else TASK_LEASE_SECONDS (300).');

const taskExample = {
  id: '0193b6c3-1f00-7a2b-8c3d-4e5f60718293',
  type: 'summarize',
  to_agent_role: 'writer',
  from_session_id: '0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11',
  input: { url: 'https://example.com/report.pdf' },
  output: null,
  error: null,
  status: 'running',
  priority: 10,
  idempotency_key: 'report-2026-11-23',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  attempts: 1,
  max_attempts: 3,
  claimed_by_session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718',
  lease_expires_at: '2026-11-23T12:05:02.000Z',
  run_after: '2026-11-23T12:00:00.000Z',
  requires_approval: false,
  status_reason: null,
  version: 2,
  created_at: '2026-11-23T12:00:00.000Z',
  updated_at: '2026-11-23T12:00:02.000Z',
  completed_at: null,
};

export const TaskDto = z
  .object({
    id: z.uuid(),
    type: z.string(),
    to_agent_role: z.string().describe('The agent role that claims this task.'),
    from_session_id: z.uuid().nullable().describe('The session that created the task, if any.'),
    input: JsonObject,
    output: JsonObject.nullable().describe('Set by complete.'),
    error: JsonObject.nullable().describe('The error of the last failed attempt.'),
    status: TaskStatus,
    priority: z.number().int().describe('Higher is claimed first; ties go to the oldest.'),
    idempotency_key: z.string().nullable(),
    trace_id: z.string().describe('W3C trace id of the request that created the task.'),
    attempts: z.number().int().describe('How many times the task was claimed.'),
    max_attempts: z.number().int(),
    claimed_by_session_id: z
      .uuid()
      .nullable()
      .describe('The session holding (or last holding) the task; cleared when it is queued again.'),
    lease_expires_at: Timestamp.nullable().describe(
      'While running: when the lease ends unless renewed by heartbeat; the scheduler then requeues or fails the task.',
    ),
    run_after: Timestamp.describe('The task is not claimable before this time (retries back off here).'),
    requires_approval: z.boolean(),
    status_reason: z.string().nullable(),
    version: z.number().int().describe('Increments on every change; the ETag is its quoted value.'),
    created_at: Timestamp,
    updated_at: Timestamp,
    completed_at: Timestamp.nullable().describe('When the task reached completed, failed or cancelled.'),
  })
  .meta({ id: 'Task', examples: [taskExample] });

export const toTaskDto = (t: TaskRow): z.infer<typeof TaskDto> => ({
  id: t.id,
  type: t.type,
  to_agent_role: t.toAgentRole,
  from_session_id: t.fromSessionId,
  input: t.input,
  output: t.output,
  error: t.error,
  status: t.status,
  priority: t.priority,
  idempotency_key: t.idempotencyKey,
  trace_id: t.traceId,
  attempts: t.attempts,
  max_attempts: t.maxAttempts,
  claimed_by_session_id: t.claimedBySessionId,
  lease_expires_at: isoOrNull(t.leaseExpiresAt),
  run_after: iso(t.runAfter),
  requires_approval: t.requiresApproval,
  status_reason: t.statusReason,
  version: t.version,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
  completed_at: isoOrNull(t.completedAt),
});

export const ApprovalRequestFields = {
  title: z.string().trim().min(1).max(200).describe('What the human is asked to decide.'),
  details: JsonObject.optional().describe('Anything the decider needs to see (free-form JSON object).'),
  ttl_seconds: z
    .number()
    .int()
    .min(1)
    .max(365 * 86_400)
    .optional()
    .describe(
      'How long the request stays open; default: the tenant setting approval_ttl_seconds, else APPROVAL_TTL_SECONDS (1 day).',
    ),
};

export const CreateTaskBody = z
  .strictObject({
    type: TaskType,
    to_agent_role: AgentRole.describe('The agent role that should do the work.'),
    input: JsonObject.optional().describe('Free-form JSON object handed to the worker.'),
    priority: z.number().int().min(-1_000_000).max(1_000_000).optional().describe('Default 0.'),
    idempotency_key: TaskIdempotencyKey.optional().describe(
      'Deduplicates creates: while a live task of your tenant has this key (for IDEMPOTENCY_TTL_SECONDS after its creation), that task is returned with 200 and Idempotent-Replayed: true instead of a new one.',
    ),
    max_attempts: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Claims allowed before a failure is final; default TASK_MAX_ATTEMPTS (3).'),
    run_after: Timestamp.optional().describe('Not claimable before this time; default now.'),
    requires_approval: z
      .boolean()
      .optional()
      .describe('Create the task in waiting_approval, together with its approval request.'),
    approval: z
      .strictObject({ ...ApprovalRequestFields, title: ApprovalRequestFields.title.optional() })
      .optional()
      .describe('The approval request made with requires_approval (title defaults to "Approve <type>").'),
    from_session_id: Uuid.optional().describe('A session of your tenant that creates the task.'),
  })
  .superRefine((body, ctx) => {
    if (body.approval !== undefined && body.requires_approval !== true) {
      ctx.addIssue({ code: 'custom', path: ['approval'], message: 'only with requires_approval: true' });
    }
  })
  .meta({
    id: 'CreateTask',
    examples: [
      {
        type: 'summarize',
        to_agent_role: 'writer',
        input: { url: 'https://example.com/report.pdf' },
        priority: 10,
        idempotency_key: 'report-2026-11-23',
      },
      {
        type: 'deploy',
        to_agent_role: 'operator',
        requires_approval: true,
        approval: { title: 'Deploy build 512 to production', details: { build: 512 } },
      },
    ],
  });

export const ClaimBody = z
  .strictObject({
    agent_role: AgentRole.describe('Claim a task routed to this role.'),
    session_id: Uuid.describe('Your session: active, of your tenant. It holds the lease.'),
    lease_seconds: LeaseSeconds.optional(),
  })
  .meta({
    id: 'ClaimTask',
    examples: [{ agent_role: 'writer', session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718' }],
  });

const HolderSession = Uuid.describe('The session that claimed the task and holds its lease.');

export const HeartbeatBody = z
  .strictObject({ session_id: HolderSession, lease_seconds: LeaseSeconds.optional() })
  .meta({
    id: 'TaskHeartbeat',
    examples: [{ session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718', lease_seconds: 300 }],
  });

export const CompleteBody = z
  .strictObject({
    session_id: HolderSession,
    output: JsonObject.optional().describe('The result (free-form JSON object).'),
  })
  .meta({
    id: 'CompleteTask',
    examples: [{ session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718', output: { summary: 'All good.' } }],
  });

export const FailBody = z
  .strictObject({
    session_id: HolderSession,
    error: z
      .union([JsonObject, z.string().trim().min(1).max(10_000)])
      .describe('What went wrong: a JSON object, or a message (stored as {"message": ...}).'),
    retry: z
      .boolean()
      .optional()
      .describe(
        'false makes the failure final. Otherwise, while attempts remain, the task returns to pending with an exponential, jittered run_after.',
      ),
  })
  .meta({
    id: 'FailTask',
    examples: [
      { session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718', error: { message: 'upstream timed out' } },
      { session_id: '0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718', error: 'input is malformed', retry: false },
    ],
  });

export const RequestApprovalBody = z
  .strictObject({
    ...ApprovalRequestFields,
    session_id: Uuid.optional().describe('If given, it must hold the lease (409 lease_not_held otherwise).'),
  })
  .meta({
    id: 'RequestApproval',
    examples: [{ title: 'Send the refund of $120?', details: { order: 'A-1042' }, ttl_seconds: 3600 }],
  });

export const ListTasksQuery = z
  .object({
    ...paginationFields,
    status: TaskStatus.optional(),
    to_agent_role: AgentRole.optional(),
    trace_id: z.string().regex(TRACE_ID, 'must be 32 lowercase hex characters').optional(),
    idempotency_key: TaskIdempotencyKey.optional(),
    claimed_by_session_id: Uuid.optional(),
  })
  .superRefine(noPageWithCursor);

export const TaskPage = pageOf(TaskDto).meta({ id: 'TaskPage' });

export const TaskSummary = z
  .object({
    id: z.uuid(),
    type: z.string(),
    to_agent_role: z.string(),
    status: TaskStatus,
    priority: z.number().int(),
    created_at: Timestamp,
  })
  .meta({ id: 'TaskSummary', description: 'The task an approval gates.' });

export const toTaskSummary = (t: {
  id: string;
  type: string;
  toAgentRole: string;
  status: TaskRow['status'];
  priority: number;
  createdAt: Date;
}): z.infer<typeof TaskSummary> => ({
  id: t.id,
  type: t.type,
  to_agent_role: t.toAgentRole,
  status: t.status,
  priority: t.priority,
  created_at: iso(t.createdAt),
});
