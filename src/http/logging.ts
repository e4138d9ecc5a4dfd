import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { LogController } from 'fastify';
import type { Config } from '../config.js';

/**
 * One log line per request, when it completes: request id (on every line of the request, as
 * `request_id`), tenant, method, route template, status and duration. The incoming line is
 * only logged at debug. Headers are never logged, so neither is Authorization.
 */
class RequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'request_id' });
  }

  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ method: request.method, url: request.url }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = {
      tenant: request.ctx?.tenantId || undefined,
      method: request.method,
      route: request.routeOptions.url ?? '(unknown)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export const logController = () => new RequestLog();

/** Pino options: JSON lines; pretty when a developer runs the server in a terminal. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const pretty = config.LOG_PRETTY ?? (!config.production && process.stdout.isTTY === true);
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'token', 'authorization'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
