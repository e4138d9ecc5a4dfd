import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/**
 * Responses are serialized by fast-json-stringify from the JSON Schema of their zod response
 * schema, instead of being parsed by zod and then JSON.stringify'd: under load, validating every
 * response (each item of a page: uuids, timestamps, JSON objects) was the largest cost of a list
 * after the database driver. What handlers send is type-checked against the same schemas (the
 * zod type provider), and fast-json-stringify, like zod, writes only the properties a schema
 * declares. Requests are validated by zod as before. A schema that JSON Schema cannot express
 * keeps zod's serializer.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  try {
    const json = z.toJSONSchema(route.schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return compiled(json as Parameters<typeof fastJson>[0]);
  } catch {
    return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  }
};

/**
 * Compiled serializers by their JSON Schema. Compiling one costs milliseconds, and most schemas
 * recur: every route shares the problem responses, several share a resource's schema, and every
 * app built in one process (tests) shares them all. Without this, app.ready() spent ~0.9 s
 * compiling the same few dozen schemas over and over.
 */
const cache = new Map<string, (doc: unknown) => string>();
function compiled(schema: Parameters<typeof fastJson>[0]): (doc: unknown) => string {
  const key = JSON.stringify(schema);
  let serialize = cache.get(key);
  if (!serialize) {
    serialize = fastJson(schema) as (doc: unknown) => string;
    cache.set(key, serialize);
  }
  return serialize;
}
