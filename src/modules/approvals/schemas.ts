import { z } from 'zod';
import { APPROVAL_STATUSES, type ApprovalRow } from '../../db/schema.js';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { iso, isoOrNull, JsonObject, Timestamp, Uuid } from '../../http/schemas.js';
import { ApprovalRequestFields, TaskSummary, toTaskSummary } from '../tasks/schemas.js';

export const ApprovalStatus = z
  .enum(APPROVAL_STATUSES)
  .describe('pending -> approved | rejected | expired | cancelled; decided once.');

const approvalExample = {
  id: '0193b6c4-2a10-7b3c-9d4e-5f60718293a4',
  task_id: '0193b6c3-1f00-7a2b-8c3d-4e5f60718293',
  status: 'pending',
  title: 'Deploy build 512 to production',
  details: { build: 512 },
  requested_by: 'ci-bot',
  decided_by: null,
  decided_at: null,
  comment: null,
  expires_at: '2026-11-24T12:00:00.000Z',
  version: 1,
  created_at: '2026-11-23T12:00:00.000Z',
  updated_at: '2026-11-23T12:00:00.000Z',
  task: {
    id: '0193b6c3-1f00-7a2b-8c3d-4e5f60718293',
    type: 'deploy',
    to_agent_role: 'operator',
    status: 'waiting_approval',
    priority: 0,
    created_at: '2026-11-23T12:00:00.000Z',
  },
};

export const ApprovalDto = z
  .object({
    id: z.uuid(),
    task_id: z.uuid(),
    status: ApprovalStatus,
    title: z.string(),
    details: JsonObject,
    requested_by: z.string().describe('The actor (token sub) who asked; they can never decide it.'),
    decided_by: z.string().nullable(),
    decided_at: Timestamp.nullable(),
    comment: z.string().nullable().describe("The decider's comment."),
    expires_at: Timestamp.describe('A pending approval expires then, and its task is cancelled.'),
    version: z.number().int().describe('Increments on every change; the ETag is its quoted value.'),
    created_at: Timestamp,
    updated_at: Timestamp,
    task: TaskSummary,
  })
  .meta({ id: 'Approval', examples: [approvalExample] });

export interface TaskSummaryRow {
  id: string;
  type: string;
  toAgentRole: string;
  status: z.infer<typeof TaskSummary>['status'];
  priority: number;
  createdAt: Date;
}

export const toApprovalDto = (a: ApprovalRow, task: TaskSummaryRow): z.infer<typeof ApprovalDto> => ({
  id: a.id,
  task_id: a.taskId,
  status: a.status,
  title: a.title,
  details: a.details,
  requested_by: a.requestedBy,
  decided_by: a.decidedBy,
  decided_at: isoOrNull(a.decidedAt),
  comment: a.comment,
  expires_at: iso(a.expiresAt),
  version: a.version,
  created_at: iso(a.createdAt),
  updated_at: iso(a.updatedAt),
  task: toTaskSummary(task),
});

export const CreateApprovalBody = z
  .strictObject({
    task_id: Uuid.describe('A running task of your tenant; it waits in waiting_approval until decided.'),
    ...ApprovalRequestFields,
  })
  .meta({
    id: 'CreateApproval',
    examples: [
      {
        task_id: '0193b6c3-1f00-7a2b-8c3d-4e5f60718293',
        title: 'Send the refund of $120?',
        details: { order: 'A-1042' },
      },
    ],
  });

export const DecideBody = z
  .strictObject({
    comment: z.string().trim().min(1).max(2000).optional().describe('Why; stored and audited.'),
  })
  .nullish()
  .meta({ id: 'DecideApproval', examples: [{ comment: 'Looks right.' }] });

export const ListApprovalsQuery = z
  .object({
    ...paginationFields,
    status: ApprovalStatus.optional().describe('status=pending is the pending-approvals view.'),
    task_id: Uuid.optional(),
  })
  .superRefine(noPageWithCursor);

export const ApprovalPage = pageOf(ApprovalDto).meta({ id: 'ApprovalPage' });
