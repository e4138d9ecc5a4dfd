import { z } from 'zod';
import { noPageWithCursor, pageOf, paginationFields } from '../../http/pagination.js';
import { JsonObject, Timestamp } from '../../http/schemas.js';

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

const filterFields = {
  resource_type: z.string().min(1).max(100).optional(),
  resource_id: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
  actor_id: z.string().min(1).max(200).optional(),
  trace_id: z.string().regex(TRACE_ID, 'must be 32 lowercase hex characters').optional(),
  after_seq: z.coerce.number().int().min(0).optional().describe('Only events with a greater seq.'),
  occurred_after: Timestamp.optional().describe(
    'Only events at or after this time. To follow the log, use `after_seq` or the cursor: their cost does not grow with the log, while a time filter in a large log can read many events to fill a page.',
  ),
  occurred_before: Timestamp.optional().describe('Only events before this time.'),
};

export const ListAuditQuery = z
  .object({ ...paginationFields, ...filterFields })
  .superRefine(noPageWithCursor);

const Seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const seqRange = {
  from_seq: Seq.optional().describe('First seq of the range (inclusive); default: the first retained event.'),
  to_seq: Seq.optional().describe('Last seq of the range (inclusive); default: the head of the chain.'),
};

const orderedRange = (
  q: { from_seq?: number | undefined; to_seq?: number | undefined },
  ctx: z.RefinementCtx,
) => {
  if (q.from_seq !== undefined && q.to_seq !== undefined && q.to_seq < q.from_seq) {
    ctx.addIssue({ code: 'custom', path: ['to_seq'], message: 'must not be less than from_seq' });
  }
};

export const ExportAuditQuery = z.object({ ...filterFields, ...seqRange }).superRefine(orderedRange);

export const VerifyAuditQuery = z.object(seqRange).superRefine(orderedRange);

const Hash = z.string().regex(/^[0-9a-f]{64}$/);

export const VerifyResultDto = z
  .object({
    ok: z.boolean().describe('True when every event of the range matches its hash and its link.'),
    checked: z.number().int().describe('Events recomputed (up to and including the first break).'),
    from_seq: z
      .number()
      .int()
      .describe('The first seq checked: from_seq, or where the retained chain starts.'),
    to_seq: z.number().int().describe('The last seq of the range: to_seq, capped at the head.'),
    head_seq: z.number().int().describe('The seq of the newest event of the chain.'),
    purged_through_seq: z
      .number()
      .int()
      .describe('Events up to this seq were removed by the retention purge (0: none).'),
    retained_from_seq: z
      .number()
      .int()
      .describe(
        'Where the retained chain starts; it is verified from the recorded hash of the last purged event.',
      ),
    first_break: z
      .object({
        seq: z.number().int(),
        reason: z
          .enum(['hash_mismatch', 'prev_hash_mismatch', 'missing_event', 'head_mismatch'])
          .describe(
            'hash_mismatch: the content does not match the stored hash; prev_hash_mismatch: the link to the previous event is broken; missing_event: a seq is absent; head_mismatch: the chain head does not match the last event.',
          ),
        expected_hash: Hash.nullable().describe(
          "The recomputed hash (or the previous event's hash, or the head's); null for a missing event.",
        ),
        actual_hash: Hash.nullable().describe('The stored value; null for a missing event.'),
      })
      .optional()
      .describe('The first break, when ok is false.'),
  })
  .meta({
    id: 'AuditVerification',
    examples: [
      {
        ok: false,
        checked: 42,
        from_seq: 1,
        to_seq: 1000,
        head_seq: 1000,
        purged_through_seq: 0,
        retained_from_seq: 1,
        first_break: {
          seq: 42,
          reason: 'hash_mismatch',
          expected_hash: '9f2c1e0d4b7a6c5d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d',
          actual_hash: '7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730',
        },
      },
    ],
  });

/** An integrator's action: lowercase words joined by dots, at least two of them. */
export const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const MAX_DATA_BYTES = 16_384;

export const CreateAuditEventBody = z
  .strictObject({
    action: z
      .string()
      .max(100)
      .regex(ACTION, 'must be lowercase words joined by dots, e.g. deploy.started')
      .describe(
        'What happened. The prefixes session., task., approval. and tenant. are reserved for the server (422 reserved_action).',
      ),
    resource_type: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be 1-64 lowercase letters, digits or _, starting with a letter')
      .describe('The kind of thing the event is about, e.g. deployment.'),
    resource_id: z
      .string()
      .min(1)
      .max(200)
      .refine((id) => ![...id].some((c) => c < ' ' || c === '\x7f'), 'must not contain control characters')
      .describe('Its id in your system.'),
    data: JsonObject.optional()
      .refine((d) => d === undefined || Buffer.byteLength(JSON.stringify(d)) <= MAX_DATA_BYTES, {
        message: `must be at most ${MAX_DATA_BYTES} bytes of JSON`,
      })
      .describe('Details, a JSON object (at most 16 KiB).'),
  })
  .meta({
    id: 'CreateAuditEvent',
    examples: [
      {
        action: 'deploy.started',
        resource_type: 'deployment',
        resource_id: 'dep-981',
        data: { env: 'prod' },
      },
    ],
  });

export const StreamAuditQuery = z.object({
  after_seq: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('Start after this seq (for clients that cannot send Last-Event-ID). Default: only new events.'),
});

export const StreamAuditHeaders = z.looseObject({
  'last-event-id': z
    .string()
    .regex(/^\d{1,15}$/, 'must be the seq of an event (the id: of the last event received)')
    .optional()
    .describe(
      'Resume after this seq: the events missed since are sent first (takes precedence over after_seq).',
    ),
});

const sseExample = [
  'retry: 2000',
  '',
  'id: 43',
  'event: audit_event',
  'data: {"seq":43,"id":"0193b6c2-9b00-7000-8000-0000000000a3","occurred_at":"2026-11-23T12:00:02.000Z","actor":{"type":"service","id":"ci"},"action":"deploy.started","resource_type":"deployment","resource_id":"dep-981","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","request_id":"req-43","data":{"env":"prod"},"prev_hash":"7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730","hash":"c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2"}',
  '',
  ': heartbeat',
  '',
  '',
].join('\n');

export const AuditEventStream = z
  .string()
  .describe(
    'Server-Sent Events. Each audit event is `id: <seq>`, `event: audit_event`, `data: <the AuditEvent as JSON>`; comment lines (`: heartbeat`) keep idle streams open.',
  )
  .meta({ examples: [sseExample] });

const ndjsonExample = `${sseExample.split('\n')[4]!.slice('data: '.length)}\n`;

export const AuditEventLines = z
  .string()
  .describe('NDJSON: one AuditEvent (the schema of the list items) per line, oldest first.')
  .meta({ examples: [ndjsonExample] });

export const AuditPage = pageOf(AuditEventDto).meta({ id: 'AuditEventPage' });
