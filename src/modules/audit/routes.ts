import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, ListAuditQuery } from './schemas.js';
import { listEvents } from './service.js';

const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEvents',
        summary: 'List audit events',
        description: "The tenant's audit log in chain order (oldest first), with filters.",
        querystring: ListAuditQuery,
        response: { 200: AuditPage },
      },
      config: { scope: 'audit:read' },
    },
    async (req) => {
      const q = req.query;
      return listEvents(req.ctx, {
        ...q,
        resourceType: q.resource_type,
        resourceId: q.resource_id,
        actorId: q.actor_id,
        traceId: q.trace_id,
        afterSeq: q.after_seq,
        occurredAfter: date(q.occurred_after),
        occurredBefore: date(q.occurred_before),
      });
    },
  );
};
