import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etag } from '../../http/etag.js';
import { IdParams, JsonObject, problemResponses, Reason, Timestamp, Uuid } from '../../http/schemas.js';
import {
  CreateSessionBody,
  type SessionDto,
  SessionStatus,
  sessionExample,
  toSessionDto,
} from './schemas.js';
import { createSession, getSession, listSessions, updateSession } from './service.js';

/*
 * The original controller contract, served unversioned over the same service, for clients
 * written against it. Same auth, errors and audit as /v1; deprecated in the OpenAPI document.
 */

const CompatSessionFields = z.object({
  session_id: z.uuid(),
  agent_role: z.string(),
  state: SessionStatus.describe('The session status.'),
  task_id: z.uuid().nullable(),
  metadata: JsonObject,
  created_at: Timestamp,
  updated_at: Timestamp,
  expires_at: Timestamp,
});

/** Maps the /v1 representation to the legacy one (`session_id`, `state`). */
const toCompat = (s: z.infer<typeof SessionDto>): z.infer<typeof CompatSessionFields> => ({
  session_id: s.id,
  agent_role: s.agent_role,
  state: s.status,
  task_id: s.task_id,
  metadata: s.metadata,
  created_at: s.created_at,
  updated_at: s.updated_at,
  expires_at: s.expires_at,
});

const legacyExample = toCompat(sessionExample as z.infer<typeof SessionDto>);

const CompatSession = CompatSessionFields.meta({ id: 'LegacySession', examples: [legacyExample] });

const CompatPutBody = z
  .strictObject({
    state: SessionStatus.optional().describe('A new status, through the lifecycle.'),
    task_id: Uuid.nullable().optional(),
    metadata: JsonObject.optional().describe('Merged; a key set to null is removed.'),
    status_reason: Reason.nullable().optional(),
  })
  .meta({ id: 'LegacyUpdateSession' });

const CompatListQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

const deprecated = 'Deprecated: the original, unversioned contract. Use the /v1/sessions operations.';

export const compatSessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/sessions',
    {
      schema: {
        tags: ['sessions (legacy)'],
        operationId: 'legacyCreateSession',
        summary: 'Open a session (legacy)',
        description: deprecated,
        deprecated: true,
        body: CreateSessionBody,
        response: {
          201: z.object({ session_id: z.uuid(), status: SessionStatus }).meta({
            id: 'LegacyCreatedSession',
            examples: [{ session_id: legacyExample.session_id, status: 'pending' }],
          }),
          ...problemResponses(422),
        },
      },
      config: { scope: 'sessions:write' },
    },
    async (req, reply) => {
      const s = await createSession(req.ctx, req.body);
      return reply
        .code(201)
        .header('location', `/sessions/${s.id}`)
        .header('etag', etag(s.version))
        .send({ session_id: s.id, status: s.status });
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['sessions (legacy)'],
        operationId: 'legacyListSessions',
        summary: 'List sessions (legacy)',
        description: deprecated,
        deprecated: true,
        querystring: CompatListQuery,
        response: {
          200: z
            .object({
              sessions: z.array(CompatSession),
              total: z.number().int(),
              page: z.number().int(),
              page_size: z.number().int(),
            })
            .meta({
              id: 'LegacySessionPage',
              examples: [{ sessions: [legacyExample], total: 1, page: 1, page_size: 20 }],
            }),
        },
      },
      config: { scope: 'sessions:read' },
    },
    async (req) => {
      const { page, page_size } = req.query;
      // The original contract's total is exact, whatever it costs (see TOTAL_LOOKAHEAD).
      const result = await listSessions(req.ctx, { page, page_size, exactTotal: true });
      return { sessions: result.data.map(toCompat), total: result.total ?? 0, page, page_size };
    },
  );

  app.get(
    '/sessions/:id',
    {
      schema: {
        tags: ['sessions (legacy)'],
        operationId: 'legacyGetSession',
        summary: 'Get a session (legacy)',
        description: deprecated,
        deprecated: true,
        params: IdParams,
        response: { 200: CompatSession, ...problemResponses(404) },
      },
      config: { scope: 'sessions:read' },
    },
    async (req, reply) => {
      const s = await getSession(req.ctx, req.params.id);
      return reply.header('etag', etag(s.version)).send(toCompat(toSessionDto(s)));
    },
  );

  app.put(
    '/sessions/:id',
    {
      schema: {
        tags: ['sessions (legacy)'],
        operationId: 'legacyUpdateSession',
        summary: 'Update a session (legacy)',
        description: deprecated,
        deprecated: true,
        params: IdParams,
        body: CompatPutBody,
        response: { 200: CompatSession, ...problemResponses(404, 409, 422) },
      },
      config: { scope: 'sessions:write' },
    },
    async (req, reply) => {
      const { state, ...rest } = req.body;
      const s = await updateSession(req.ctx, req.params.id, { ...rest, status: state });
      return reply.header('etag', etag(s.version)).send(toCompat(toSessionDto(s)));
    },
  );
};
