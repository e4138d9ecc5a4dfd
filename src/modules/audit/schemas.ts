import { z } from 'zod';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { Timestamp } from '../../http/schemas.js';

export const TRACE_ID = /^[0-9a-f]{32}$/;

export const AuditEventDto = z
  .object({
    seq: z
      .number()
      .int()
      .describe("Position in the tenant's chain: gapless, strictly increasing in commit order."),
    id: z.uuid(),
    occurred_at: Timestamp,
    actor: z.object({ type: z.enum(['user', 'service', 'system']), id: z.string() }),
    action: z.string().describe('What happened, e.g. session.created, session.status_changed.'),
    resource_type: z.string(),
    resource_id: z.string(),
    trace_id: z.string().describe('W3C trace id of the request that caused the change.'),
    request_id: z.string().nullable(),
    data: z
      .record(z.string(), z.unknown())
      .describe('Details: {from, to} for transitions, changed fields for updates.'),
    prev_hash: z.string().describe('hash of the previous event (64 zeros before the first).'),
    hash: z.string().describe('sha256(prev_hash || canonical JSON of the event), hex.'),
  })
  .meta({
    id: 'AuditEvent',
    examples: [
      {
        seq: 2,
        id: '0193b6c2-9b00-7000-8000-0000000000a2',
        occurred_at: '2026-11-23T12:00:01.000Z',
        actor: { type: 'user', id: 'alice' },
        action: 'session.status_changed',
        resource_type: 'session',
        resource_id: '0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        request_id: 'req-42',
        data: { from: 'pending', to: 'active' },
        prev_hash: 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2',
        hash: '7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730',
      },
    ],
  });

export const ListAuditQuery = z
  .object({
    ...paginationFields,
    resource_type: z.string().min(1).max(100).optional(),
    resource_id: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(200).optional(),
    actor_id: z.string().min(1).max(200).optional(),
    trace_id: z.string().regex(TRACE_ID, 'must be 32 lowercase hex characters').optional(),
    after_seq: z.coerce.number().int().min(0).optional().describe('Only events with a greater seq.'),
    occurred_after: Timestamp.optional().describe('Only events at or after this time.'),
    occurred_before: Timestamp.optional().describe('Only events before this time.'),
  })
  .superRefine(noPageWithCursor);

export const AuditPage = pageOf(AuditEventDto).meta({ id: 'AuditEventPage' });
