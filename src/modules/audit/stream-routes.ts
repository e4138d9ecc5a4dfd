import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditHub } from './hub.js';
import { AuditEventStream, StreamAuditHeaders, StreamAuditQuery } from './schemas.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's audit event streams (one LISTEN connection); stopped with the app. */
    auditHub: AuditHub;
  }
}

export const auditStreamRoutes: FastifyPluginAsyncZod<{ hub: AuditHub }> = async (app, { hub }) => {
  app.get(
    '/v1/audit-events/stream',
    {
      schema: {
        tags: ['audit'],
        operationId: 'streamAuditEvents',
        summary: 'Stream new audit events (Server-Sent Events)',
        description:
          "A `text/event-stream` of the tenant's events as they are committed, in chain order: `id:` is the event's seq, `event:` is `audit_event`, `data:` the event as in the list. Without `Last-Event-ID` (or `after_seq`) the stream starts with the next event; with it, the events after that seq are sent first, then new ones, without gaps or duplicates, so a client that reconnects (EventSource does so by itself) misses nothing. A `: heartbeat` comment is sent every 15 s (AUDIT_STREAM_HEARTBEAT_SECONDS) to keep proxies from closing an idle stream. A client that falls more than about 1 MiB behind is disconnected and catches up on reconnection.",
        querystring: StreamAuditQuery,
        headers: StreamAuditHeaders,
        response: {
          200: {
            description: 'The event stream; it stays open until the client disconnects.',
            content: { 'text/event-stream': { schema: AuditEventStream } },
          },
        },
      },
      config: { scope: 'audit:read' },
    },
    async (req, reply) => {
      const header = req.headers['last-event-id'];
      const after = header === undefined ? req.query.after_seq : Number(header);
      const out = new PassThrough();
      await hub.subscribe(req.ctx.tenantId, after, out);
      // A stream is sent as is; the schema documents the text it produces.
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(out as unknown as string);
    },
  );
};
