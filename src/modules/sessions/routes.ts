import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionStatus } from '../../db/schema.js';
import { etag, parseIfMatch } from '../../http/etag.js';
import { IdParams, IfMatchHeaders, problemResponses, ReasonBody } from '../../http/schemas.js';
import {
  CreateSessionBody,
  ListSessionsQuery,
  PatchSessionBody,
  SessionDto,
  SessionPage,
  toSessionDto,
} from './schemas.js';
import { createSession, getSession, listSessions, transitionSession, updateSession } from './service.js';

const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

const TRANSITIONS: { action: string; to: SessionStatus; summary: string }[] = [
  { action: 'activate', to: 'active', summary: 'Activate a pending session' },
  { action: 'complete', to: 'completed', summary: 'Complete an active session' },
  { action: 'fail', to: 'failed', summary: 'Fail an active session' },
  { action: 'expire', to: 'expired', summary: 'Expire a pending or active session' },
];

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/sessions',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'createSession',
        summary: 'Open a session',
        description:
          'Creates a session in status `pending`; `expires_at` is now + min(ttl_seconds, retention).',
        body: CreateSessionBody,
        response: { 201: SessionDto, ...problemResponses(422) },
      },
      config: { scope: 'sessions:write' },
    },
    async (req, reply) => {
      const s = await createSession(req.ctx, req.body);
      return reply
        .code(201)
        .header('location', `/v1/sessions/${s.id}`)
        .header('etag', etag(s.version))
        .send(toSessionDto(s));
    },
  );

  app.get(
    '/v1/sessions',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'listSessions',
        summary: 'List sessions',
        description: 'Newest first. `status=active` is the active-sessions view.',
        querystring: ListSessionsQuery,
        response: { 200: SessionPage },
      },
      config: { scope: 'sessions:read' },
    },
    async (req) => {
      const q = req.query;
      return listSessions(req.ctx, {
        ...q,
        agentRole: q.agent_role,
        taskId: q.task_id,
        createdAfter: date(q.created_after),
        createdBefore: date(q.created_before),
      });
    },
  );

  app.get(
    '/v1/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'getSession',
        summary: 'Get a session',
        params: IdParams,
        response: { 200: SessionDto, ...problemResponses(404) },
      },
      config: { scope: 'sessions:read' },
    },
    async (req, reply) => {
      const s = await getSession(req.ctx, req.params.id);
      return reply.header('etag', etag(s.version)).send(toSessionDto(s));
    },
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/v1/sessions/:id',
      schema: {
        tags: ['sessions'],
        operationId: method === 'PATCH' ? 'updateSession' : 'replaceSession',
        summary: method === 'PATCH' ? 'Update a session' : 'Update a session (PUT, same as PATCH)',
        description:
          'Metadata is merged (a key set to null is removed); a status change goes through the lifecycle (409 if not allowed). ' +
          (method === 'PUT' ? 'Kept for clients of the original contract: same semantics as PATCH.' : ''),
        params: IdParams,
        headers: IfMatchHeaders,
        body: PatchSessionBody,
        response: { 200: SessionDto, ...problemResponses(404, 409, 412, 422) },
      },
      config: { scope: 'sessions:write' },
      handler: async (req, reply) => {
        const s = await updateSession(
          req.ctx,
          req.params.id,
          req.body,
          parseIfMatch(req.headers['if-match']),
        );
        return reply.header('etag', etag(s.version)).send(toSessionDto(s));
      },
    });
  }

  for (const t of TRANSITIONS) {
    app.post(
      `/v1/sessions/:id/${t.action}`,
      {
        schema: {
          tags: ['sessions'],
          operationId: `${t.action}Session`,
          summary: t.summary,
          description: `Moves the session to \`${t.to}\`; 409 \`invalid_transition\` (with the allowed transitions) otherwise.`,
          params: IdParams,
          headers: IfMatchHeaders,
          body: ReasonBody,
          response: { 200: SessionDto, ...problemResponses(404, 409, 412) },
        },
        config: { scope: 'sessions:write' },
      },
      async (req, reply) => {
        const s = await transitionSession(req.ctx, req.params.id, t.to, {
          reason: req.body?.reason,
          ifMatch: parseIfMatch(req.headers['if-match']),
        });
        return reply.header('etag', etag(s.version)).send(toSessionDto(s));
      },
    );
  }
};
