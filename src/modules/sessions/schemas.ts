import { z } from 'zod';
import { SESSION_STATUSES, type SessionRow } from '../../db/schema.js';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { iso, isoOrNull, JsonObject, Reason, Timestamp, Uuid } from '../../http/schemas.js';

export const SessionStatus = z
  .enum(SESSION_STATUSES)
  .describe('pending -> active -> completed | failed | expired; pending -> expired.');

export const AgentRole = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/, 'must be 1-100 characters: letters, digits and . _ : / -')
  .describe('The agent role this session works as, e.g. planner.');

export const sessionExample = {
  id: '0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11',
  agent_role: 'planner',
  status: 'active',
  task_id: null,
  metadata: { model: 'gpt-5', run: 7 },
  status_reason: null,
  version: 2,
  created_at: '2026-11-23T12:00:00.000Z',
  updated_at: '2026-11-23T12:00:01.000Z',
  started_at: '2026-11-23T12:00:01.000Z',
  ended_at: null,
  expires_at: '2026-11-30T12:00:00.000Z',
};

export const SessionDto = z
  .object({
    id: z.uuid(),
    agent_role: z.string(),
    status: SessionStatus,
    task_id: z.uuid().nullable(),
    metadata: JsonObject,
    status_reason: z.string().nullable(),
    version: z.number().int().describe('Increments on every change; the ETag is its quoted value.'),
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Timestamp.nullable(),
    ended_at: Timestamp.nullable(),
    expires_at: Timestamp.describe(
      'When the scheduler expires the session if it is still pending or active.',
    ),
  })
  .meta({ id: 'Session', examples: [sessionExample] });

export const toSessionDto = (s: SessionRow): z.infer<typeof SessionDto> => ({
  id: s.id,
  agent_role: s.agentRole,
  status: s.status,
  task_id: s.taskId,
  metadata: s.metadata,
  status_reason: s.statusReason,
  version: s.version,
  created_at: iso(s.createdAt),
  updated_at: iso(s.updatedAt),
  started_at: isoOrNull(s.startedAt),
  ended_at: isoOrNull(s.endedAt),
  expires_at: iso(s.expiresAt),
});

export const CreateSessionBody = z
  .strictObject({
    agent_role: AgentRole,
    task_id: Uuid.optional().describe('A task of your tenant this session works on.'),
    metadata: JsonObject.optional().describe('Free-form JSON object.'),
    ttl_seconds: z
      .number()
      .int()
      .min(1)
      .max(10 * 365 * 86_400)
      .optional()
      .describe("Lifetime; capped by the tenant's session retention (default 7 days)."),
  })
  .meta({
    id: 'CreateSession',
    examples: [{ agent_role: 'planner', metadata: { model: 'gpt-5' }, ttl_seconds: 3600 }],
  });

export const PatchSessionBody = z
  .strictObject({
    status: SessionStatus.optional().describe(
      'A new status; the change must be allowed by the lifecycle (409 otherwise).',
    ),
    task_id: Uuid.nullable().optional().describe('Set, or null to clear.'),
    metadata: JsonObject.optional().describe('Merged into the metadata; a key set to null is removed.'),
    status_reason: Reason.nullable().optional(),
  })
  .meta({
    id: 'UpdateSession',
    examples: [{ metadata: { step: 'review', draft: null } }, { status: 'completed', status_reason: 'done' }],
  });

export const ListSessionsQuery = z
  .object({
    ...paginationFields,
    status: SessionStatus.optional(),
    agent_role: AgentRole.optional(),
    task_id: Uuid.optional(),
    created_after: Timestamp.optional().describe('Only sessions created at or after this time.'),
    created_before: Timestamp.optional().describe('Only sessions created before this time.'),
  })
  .superRefine(noPageWithCursor);

export const SessionPage = pageOf(SessionDto).meta({ id: 'SessionPage' });
