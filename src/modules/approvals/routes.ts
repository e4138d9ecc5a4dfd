import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { etag, parseIfMatch } from '../../http/etag.js';
import { IdParams, IfMatchHeaders, problemResponses } from '../../http/schemas.js';
import { ApprovalDto, ApprovalPage, CreateApprovalBody, DecideBody, ListApprovalsQuery } from './schemas.js';
import { decideApproval, getApproval, listApprovals, requestApproval } from './service.js';

const DECISIONS = [
  {
    action: 'approve',
    decision: 'approved',
    summary: 'Approve a pending approval',
    effect: 'its task returns to `pending`, claimable again',
  },
  {
    action: 'reject',
    decision: 'rejected',
    summary: 'Reject a pending approval',
    effect: 'its task is `cancelled`',
  },
] as const;

export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/approvals',
    {
      schema: {
        tags: ['approvals'],
        operationId: 'createApproval',
        summary: 'Ask a human to approve a running task',
        description:
          'The same as `POST /v1/tasks/{id}/request-approval`, with the task in the body: the task moves from `running` to `waiting_approval` and a pending approval is created. 422 `invalid_reference` when your tenant has no such task; 409 `invalid_transition` when it is not running.',
        body: CreateApprovalBody,
        response: { 201: ApprovalDto },
      },
      config: { scope: 'tasks:write' },
    },
    async (req, reply) => {
      const { task_id, ...request } = req.body;
      const approval = await requestApproval(req.ctx, task_id, request, { taskIdIn: 'body' });
      return reply
        .code(201)
        .header('location', `/v1/approvals/${approval.id}`)
        .header('etag', etag(approval.version))
        .send(approval);
    },
  );

  app.get(
    '/v1/approvals',
    {
      schema: {
        tags: ['approvals'],
        operationId: 'listApprovals',
        summary: 'List approvals',
        description:
          'Newest first. `status=pending` is the pending-approvals view: what is waiting for a decision. Every item embeds a summary of its task.',
        querystring: ListApprovalsQuery,
        response: { 200: ApprovalPage },
      },
      config: { scope: 'approvals:read' },
    },
    async (req) => listApprovals(req.ctx, { ...req.query, taskId: req.query.task_id }),
  );

  app.get(
    '/v1/approvals/:id',
    {
      schema: {
        tags: ['approvals'],
        operationId: 'getApproval',
        summary: 'Get an approval',
        params: IdParams,
        response: { 200: ApprovalDto, ...problemResponses(404) },
      },
      config: { scope: 'approvals:read' },
    },
    async (req, reply) => {
      const approval = await getApproval(req.ctx, req.params.id);
      return reply.header('etag', etag(approval.version)).send(approval);
    },
  );

  for (const d of DECISIONS) {
    app.post(
      `/v1/approvals/:id/${d.action}`,
      {
        schema: {
          tags: ['approvals'],
          operationId: `${d.action}Approval`,
          summary: d.summary,
          description: `Decides a pending approval: ${d.effect}. The requester can never decide their own request (403 \`self_approval_forbidden\`); an approval is decided once (409 \`invalid_transition\`, also for the loser of two racing decisions); past \`expires_at\` it can no longer be decided (409 \`approval_expired\`).`,
          params: IdParams,
          headers: IfMatchHeaders,
          body: DecideBody,
          response: { 200: ApprovalDto, ...problemResponses(404, 409, 412) },
        },
        config: { scope: 'approvals:decide' },
      },
      async (req, reply) => {
        const approval = await decideApproval(req.ctx, req.params.id, d.decision, {
          comment: req.body?.comment,
          ifMatch: parseIfMatch(req.headers['if-match']),
        });
        return reply.header('etag', etag(approval.version)).send(approval);
      },
    );
  }
};
