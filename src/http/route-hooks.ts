import type { FastifyInstance, RouteOptions } from 'fastify';

type Stage = 'preValidation' | 'preHandler' | 'onSend';

/** The methods a route answers, upper case. */
export const methodsOf = (route: Pick<RouteOptions, 'method'>): string[] =>
  [route.method].flat().map((m) => m.toUpperCase());

/** Methods that carry a request body. */
export const hasBody = (route: Pick<RouteOptions, 'method'>) =>
  methodsOf(route).some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH' || m === 'DELETE');

/**
 * The routes that take an Idempotency-Key: POSTs that act in a tenant. Both the OpenAPI
 * conventions (the documented header) and the idempotency hooks ask this.
 */
export const takesIdempotencyKey = (route: Pick<RouteOptions, 'method' | 'config'>) =>
  methodsOf(route).includes('POST') && route.config?.tenant !== false;

/**
 * Adds `hook` at `stage` to each route registered from now on that it `applies` to, rather than to
 * every request: a hook with nothing to do on most routes (a body check on a GET) would still cost
 * each of their requests a promise and a turn of the event loop. Route hooks run after the global
 * hooks of their stage.
 */
export function addRouteHook(
  app: FastifyInstance,
  stage: Stage,
  applies: (route: RouteOptions) => boolean,
  hook: (...args: never[]) => unknown,
) {
  app.addHook('onRoute', (route) => {
    if (!applies(route)) return;
    const existing = route[stage] as unknown;
    (route as unknown as Record<Stage, unknown[]>)[stage] =
      existing === undefined ? [hook] : [...[existing].flat(), hook];
  });
}
