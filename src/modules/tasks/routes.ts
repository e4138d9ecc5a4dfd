import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TaskRow } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { etag, parseIfMatch } from '../../http/etag.js';
import { IdParams, IfMatchHeaders, problemResponses, ReasonBody } from '../../http/schemas.js';
import { ApprovalDto } from '../approvals/schemas.js';
import { requestApproval } from '../approvals/service.js';
import {
  ClaimBody,
  CompleteBody,
  CreateTaskBody,
  FailBody,
  HeartbeatBody,
  ListTasksQuery,
  RequestApprovalBody,
  TaskDto,
  TaskPage,
  toTaskDto,
} from './schemas.js';
import { cancelTask, createTask, getTask, listTasks } from './service.js';
import { claimTask, completeTask, failTask, heartbeatTask } from './work.js';

const holderNote =
  'The caller names its session in `session_id`; 409 `lease_not_held` when that session does not hold the task (another session claimed it, or the lease ended), 409 `invalid_transition` when the task moved on without it (e.g. cancelled).';

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        operationId: 'createTask',
        summary: 'Create a task',
        description:
          'Creates a task in `pending`, or in `waiting_approval` together with its approval when `requires_approval` is true. ' +
          'With a body `idempotency_key` that a live task of your tenant already has, that task is returned instead (200, `Idempotent-Replayed: true`), also when such creates race.',
        body: CreateTaskBody,
        response: { 201: TaskDto, 200: TaskDto.describe('An existing live task with this idempotency_key.') },
      },
      config: { scope: 'tasks:write' },
    },
    async (req, reply) => {
      const { task, replayed } = await createTask(req.ctx, req.body);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(replayed ? 200 : 201)
        .header('location', `/v1/tasks/${task.id}`)
        .header('etag', etag(task.version))
        .send(toTaskDto(task));
    },
  );

  app.get(
    '/v1/tasks',
    {
      schema: {
        tags: ['tasks'],
        operationId: 'listTasks',
        summary: 'List tasks',
        description: 'Newest first, with filters.',
        querystring: ListTasksQuery,
        response: { 200: TaskPage },
      },
      config: { scope: 'tasks:read' },
    },
    async (req) => {
      const q = req.query;
      return listTasks(req.ctx, {
        ...q,
        toAgentRole: q.to_agent_role,
        traceId: q.trace_id,
        idempotencyKey: q.idempotency_key,
        claimedBySessionId: q.claimed_by_session_id,
      });
    },
  );

  app.get(
    '/v1/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        operationId: 'getTask',
        summary: 'Get a task',
        params: IdParams,
        response: { 200: TaskDto, ...problemResponses(404) },
      },
      config: { scope: 'tasks:read' },
    },
    async (req, reply) => {
      const task = await getTask(req.ctx, req.params.id);
      return reply.header('etag', etag(task.version)).send(toTaskDto(task));
    },
  );

  app.post(
    '/v1/tasks/claim',
    {
      schema: {
        tags: ['tasks'],
        operationId: 'claimTask',
        summary: 'Claim the next task for a role',
        description:
          'Gives the highest-priority, oldest claimable task (pending, `run_after` reached) routed to `agent_role`: it becomes `running`, held by `session_id` until `lease_expires_at` (renew with heartbeat), and `attempts` counts the claim. ' +
          'Concurrent claimers never get the same task and never wait for each other. 204 when nothing is claimable. ' +
          'The session must be `active` (409 `session_not_active`) and of your tenant (422 `invalid_reference`).',
        body: ClaimBody,
        response: {
          200: TaskDto,
          204: z.undefined().describe('Nothing is claimable for this role right now.'),
        },
      },
      config: { scope: 'tasks:write' },
    },
    async (req, reply) => {
      const task = await claimTask(req.ctx, req.body);
      if (!task) return reply.code(204).send();
      return reply.header('etag', etag(task.version)).send(toTaskDto(task));
    },
  );

  /** A worker operation on a task it holds: POST /v1/tasks/:id/<action>, answered with the task. */
  const workRoute = <B extends typeof HeartbeatBody | typeof CompleteBody | typeof FailBody>(
    action: string,
    summary: string,
    description: string,
    body: B,
    run: (
      ctx: RequestContext,
      id: string,
      body: z.infer<B>,
      ifMatch: number[] | undefined,
    ) => Promise<TaskRow>,
  ) =>
    app.post(
      `/v1/tasks/:id/${action}`,
      {
        schema: {
          tags: ['tasks'],
          operationId: `${action}Task`,
          summary,
          description: `${description} ${holderNote}`,
          params: IdParams,
          headers: IfMatchHeaders,
          body,
          response: { 200: TaskDto, ...problemResponses(404, 409, 412) },
        },
        config: { scope: 'tasks:write' },
      },
      async (req, reply) => {
        const task = await run(
          req.ctx,
          req.params.id,
          req.body as z.infer<B>,
          parseIfMatch(req.headers['if-match']),
        );
        return reply.header('etag', etag(task.version)).send(toTaskDto(task));
      },
    );

  workRoute(
    'heartbeat',
    'Extend the lease of a task you hold',
    'Sets `lease_expires_at` to now + `lease_seconds`. Not audited (see the task version instead).',
    HeartbeatBody,
    heartbeatTask,
  );
  workRoute(
    'complete',
    'Complete a task you hold',
    'Moves the task to `completed` with its `output`.',
    CompleteBody,
    completeTask,
  );
  workRoute(
    'fail',
    'Fail the attempt of a task you hold',
    'While attempts remain and `retry` is not false, the task returns to `pending` with an exponential, jittered `run_after` (capped at 15 minutes); otherwise it moves to `failed`.',
    FailBody,
    failTask,
  );

  app.post(
    '/v1/tasks/:id/cancel',
    {
      schema: {
        tags: ['tasks'],
        operationId: 'cancelTask',
        summary: 'Cancel a task',
        description:
          'Moves a pending, running or waiting_approval task to `cancelled` (an open approval request is cancelled with it); 409 `invalid_transition` otherwise.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ReasonBody,
        response: { 200: TaskDto, ...problemResponses(404, 409, 412) },
      },
      config: { scope: 'tasks:write' },
    },
    async (req, reply) => {
      const task = await cancelTask(req.ctx, req.params.id, {
        reason: req.body?.reason,
        ifMatch: parseIfMatch(req.headers['if-match']),
      });
      return reply.header('etag', etag(task.version)).send(toTaskDto(task));
    },
  );

  app.post(
    '/v1/tasks/:id/request-approval',
    {
      schema: {
        tags: ['tasks', 'approvals'],
        operationId: 'requestTaskApproval',
        summary: 'Ask a human to approve a running task',
        description:
          'The task moves from `running` to `waiting_approval` (its lease ends) and a pending approval is created. Approval returns the task to `pending`; rejection or expiry cancels it. If-Match applies to the task.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: RequestApprovalBody,
        response: { 201: ApprovalDto, ...problemResponses(404, 409, 412) },
      },
      config: { scope: 'tasks:write' },
    },
    async (req, reply) => {
      const { session_id, ...request } = req.body;
      const approval = await requestApproval(req.ctx, req.params.id, request, {
        taskIdIn: 'path',
        sessionId: session_id,
        ifMatch: parseIfMatch(req.headers['if-match']),
      });
      return reply
        .code(201)
        .header('location', `/v1/approvals/${approval.id}`)
        .header('etag', etag(approval.version))
        .send(approval);
    },
  );
};
