import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FieldError, validationFailed } from './problem.js';
import { addRouteHook, hasBody } from './route-hooks.js';

export interface JsonLimits {
  /** Deepest nesting of objects and arrays in a body. */
  maxDepth: number;
  /** Largest serialized size of one free-form JSON field (metadata, input, output, data, ...). */
  maxFieldBytes: number;
}

// U+0000 cannot be stored in PostgreSQL text or jsonb; lone surrogates are not valid Unicode.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is precisely what this looks for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function inspect(value: unknown, path: string, depth: number, limits: JsonLimits, errors: FieldError[]) {
  if (errors.length >= 20) return;
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value))
      errors.push({ path, message: 'contains \\u0000 or an unpaired surrogate, which cannot be stored' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > limits.maxDepth) {
    errors.push({ path, message: `is nested deeper than ${limits.maxDepth} levels` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (UNSTORABLE.test(key))
      errors.push({ path: `${path}.${key}`, message: 'key contains \\u0000 or an unpaired surrogate' });
    inspect(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1, limits, errors);
  }
}

/**
 * Limits on free-form JSON (JSON_MAX_DEPTH, JSON_MAX_FIELD_BYTES), checked on every body before
 * validation and before any database work, with the offending field named. Also refuses strings
 * PostgreSQL cannot store, wherever they are in the body. On the routes of methods with a body.
 */
export function registerJsonLimits(app: FastifyInstance, limits: JsonLimits) {
  addRouteHook(app, 'preValidation', hasBody, async (req: FastifyRequest) => {
    const body = req.body;
    if (body === null || typeof body !== 'object') return;
    const errors: FieldError[] = [];
    inspect(body, 'body', 0, limits, errors);
    for (const [key, value] of Object.entries(body)) {
      if (value !== null && typeof value === 'object') {
        const bytes = Buffer.byteLength(JSON.stringify(value));
        if (bytes > limits.maxFieldBytes)
          errors.push({
            path: `body.${key}`,
            message: `is ${bytes} bytes of JSON; the limit is ${limits.maxFieldBytes}`,
          });
      }
    }
    if (errors.length > 0) throw validationFailed(errors);
  });
}
