import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { brokenReference, isDataException, isTransient } from '../db/errors.js';
import {
  databaseUnavailable,
  type FieldError,
  invalidReference,
  Problem,
  problemType,
  validationFailed,
} from './problem.js';

const PARTS = [
  ['params', 'params'],
  ['body', 'body'],
  ['querystring', 'query'],
  ['headers', 'headers'],
] as const;

/**
 * Fastify stops at the first invalid part of a request (params, body, query, headers). To list
 * every offending field, the other parts are checked here too, on the error path only.
 */
function allValidationErrors(req: FastifyRequest): FieldError[] {
  const schema = req.routeOptions.schema as Record<string, z.ZodType | undefined> | undefined;
  const errors: FieldError[] = [];
  for (const [part, label] of PARTS) {
    const partSchema = schema?.[part];
    if (!partSchema || typeof (partSchema as z.ZodType).safeParse !== 'function') continue;
    const value = req[label === 'query' ? 'query' : label] ?? null;
    const result = (partSchema as z.ZodType).safeParse(value);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      errors.push({ path: [label, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return errors;
}

function fromFastify(error: FastifyError, req: FastifyRequest): Problem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem('invalid_json', 'the body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem('invalid_json', 'the body is empty but Content-Type is application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload_too_large', `the body is larger than ${req.routeOptions.bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(
        'unsupported_media_type',
        `Content-Type ${req.headers['content-type'] ?? '(none)'} is not supported; send application/json`,
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return validationFailed([{ path: 'headers.content-length', message: 'does not match the body' }]);
    case 'FST_ERR_BAD_URL':
      return new Problem('route_not_found', 'the URL is not valid');
    default:
      if (error.statusCode === 400 && error instanceof SyntaxError) {
        return new Problem('invalid_json', 'the body is not valid JSON');
      }
      return undefined;
  }
}

/** Maps anything thrown while serving a request to the Problem the client gets. */
export function toProblem(error: unknown, req: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationFailed(allValidationErrors(req));
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return validationFailed(
      fastifyError.validation.map((v) => ({
        path: `${fastifyError.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'invalid',
      })),
    );
  }
  const known = fromFastify(fastifyError, req);
  if (known) return known;
  if (isTransient(error)) return databaseUnavailable();
  const reference = brokenReference(error);
  if (reference) return invalidReference(reference.path, reference.resource, reference.id);
  if (isDataException(error)) {
    return validationFailed(
      [],
      'a value cannot be stored (e.g. a \\u0000 character or a number out of range)',
    );
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    if (fastifyError.statusCode === 404) return new Problem('route_not_found', fastifyError.message);
    if (fastifyError.statusCode === 413) return new Problem('payload_too_large', fastifyError.message);
    if (fastifyError.statusCode === 415) return new Problem('unsupported_media_type', fastifyError.message);
    return validationFailed([], fastifyError.message);
  }
  return new Problem(
    'internal_error',
    'an unexpected error occurred; the request id identifies it in the logs',
  );
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  const body = {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail ?? problem.title,
    code: problem.code,
    request_id: reply.request.id,
    ...problem.ext,
  };
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(body);
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, new Problem('route_not_found', `no route ${req.method} ${req.url.split('?')[0]}`)),
  );
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req);
    if (problem.status >= 500) {
      req.log.error({ err: error, code: problem.code }, 'request failed');
    } else if (!(error instanceof Problem)) {
      req.log.info({ code: problem.code, reason: (error as Error).message }, 'request rejected');
    }
    return sendProblem(reply, problem);
  });
}
