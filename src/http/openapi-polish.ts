import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK.',
  '201': 'Created.',
  '202': 'Accepted.',
  '204': 'No content.',
};

function walk(value: unknown, visit: (node: Json) => void) {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value && typeof value === 'object') {
    visit(value as Json);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

function rewriteRefs(doc: unknown, names: Map<string, string>) {
  walk(doc, (node) => {
    const ref = node['$ref'];
    if (typeof ref === 'string' && ref.startsWith(REF)) {
      const target = names.get(ref.slice(REF.length));
      if (target) node['$ref'] = REF + target;
    }
  });
}

/**
 * Tidies the generated document for its readers:
 * - the zod provider emits every named schema twice (`X` for responses, `XInput` for requests);
 *   where both are identical, requests refer to `X`, and unused schemas are dropped;
 * - an optional body (`z.object(...).nullish()`) is documented as a not-required body of that
 *   object, not as a required `anyOf [object, null]` (@fastify/swagger marks every body required);
 * - success responses without a description get the status text instead of "Default Response".
 */
export function polishDocument<T>(document: T): T {
  const doc = document as Json & { components?: { schemas?: Record<string, unknown> }; paths?: Json };
  const schemas = doc.components?.schemas ?? {};

  const renamed = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.endsWith('Input') ? name.slice(0, -'Input'.length) : undefined;
    if (base && base in schemas && isDeepStrictEqual(schemas[name], schemas[base])) renamed.set(name, base);
  }
  rewriteRefs(doc, renamed);
  for (const name of renamed.keys()) delete schemas[name];

  // Drop schemas nothing refers to any more (transitively from the paths).
  const used = new Set<string>();
  const visitRefs = (value: unknown) =>
    walk(value, (node) => {
      const ref = node['$ref'];
      if (typeof ref === 'string' && ref.startsWith(REF)) {
        const name = ref.slice(REF.length);
        if (!used.has(name)) {
          used.add(name);
          visitRefs(schemas[name]);
        }
      }
    });
  visitRefs(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  // A request-only schema keeps its plain name.
  const requestOnly = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.endsWith('Input') ? name.slice(0, -'Input'.length) : undefined;
    if (base && !(base in schemas)) requestOnly.set(name, base);
  }
  for (const [from, to] of requestOnly) {
    schemas[to] = schemas[from];
    delete schemas[from];
  }
  rewriteRefs(doc, requestOnly);

  walk(doc.paths, (node) => {
    const body = node['requestBody'] as Json | undefined;
    const media = (body?.['content'] as Record<string, Json> | undefined)?.['application/json'];
    const anyOf = (media?.['schema'] as Json | undefined)?.['anyOf'];
    if (body && media && Array.isArray(anyOf)) {
      const rest = anyOf.filter((s) => (s as Json)['type'] !== 'null');
      if (rest.length === 1 && rest.length < anyOf.length) {
        media['schema'] = rest[0];
        body['required'] = false;
      }
    }
    const responses = node['responses'] as Record<string, Json> | undefined;
    if (responses) {
      for (const [status, response] of Object.entries(responses)) {
        if (response['description'] === 'Default Response' && STATUS_TEXT[status]) {
          response['description'] = STATUS_TEXT[status];
        }
      }
    }
  });
  return document;
}
